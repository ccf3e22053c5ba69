"""A staff member grades a posting's candidates in Debian's Chromium: the list of postings, the
grading page without scores, a mistake that loses nothing, saving, and the saved grades with the
grader's name. Screenshots go to test-artifacts/screenshots/."""

import re

import pytest
from playwright.sync_api import expect

from matching.models import GoldenGrade
from matching.selectors import golden_candidates
from profiles.models import FieldOfStudy
from tests import factories
from tests.a11y import axe_check
from tests.browser_sign_in import browser_sign_in
from tests.matching.golden_world import golden_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_staff_grade_candidates_blind_and_see_their_saved_grades(browser_page) -> None:
    page = browser_page
    FieldOfStudy.objects.get_or_create(
        code="0714", defaults={"name": "Electronics and automation", "is_stem": True}
    )
    world = golden_world(ranked=4, sharing=1)
    factories.EducationRecordFactory(profile=world.ranked[0], programme="B.Eng. Electronics")
    grader = factories.StaffFactory(is_superuser=False, full_name="Kim Ji-won")
    shown = [c.graduate for c in golden_candidates(posting=world.posting, grader=grader)]
    first, second, third, fourth = shown[:4]

    browser_sign_in(page, grader.email, grader.totp_secret)
    page.goto("/staff/golden/")
    row = page.get_by_role("row").filter(has_text="Etch process engineer")
    expect(row).to_contain_text("0 of 5")
    page.shot("golden-postings")
    row.get_by_role("link", name=re.compile("Grade")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Etch process engineer")
    main = page.locator("main")
    expect(main).not_to_contain_text("%")
    expect(main).not_to_contain_text(re.compile("score|rank", re.IGNORECASE))
    expect(page.locator("#needs-title")).to_be_visible()
    axe_check(page)

    # A note without a grade: nothing is saved, and nothing entered is lost.
    page.locator(f"#candidate-{first.pk}").get_by_label("Interview first").check()
    page.locator(f"#candidate-{fourth.pk}").get_by_label("Note (optional)").fill("ask about TIG")
    page.get_by_role("button", name="Save grades").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved.")
    expect(page.locator(f"#candidate-{fourth.pk}")).to_contain_text("Choose a grade for this note")
    expect(page.locator(f"#candidate-{first.pk}").get_by_label("Interview first")).to_be_checked()
    expect(page.locator(f"#candidate-{fourth.pk}").get_by_label("Note (optional)")).to_have_value(
        "ask about TIG"
    )
    assert not GoldenGrade.objects.exists()
    page.shot("golden-grading-error")
    axe_check(page, force=True)  # the refused form, with its alert and field errors

    page.locator(f"#candidate-{fourth.pk}").get_by_label("Hold").check()
    page.locator(f"#candidate-{second.pk}").get_by_label("Reject").check()
    page.locator(f"#candidate-{second.pk}").get_by_label("Note (optional)").fill("no etch at all")
    page.locator(f"#candidate-{third.pk}").get_by_label("Consider").check()
    page.get_by_role("button", name="Save grades").click()
    expect(page.get_by_role("status")).to_contain_text("4 grades saved.")
    expect(page.locator(f"#candidate-{first.pk}")).to_contain_text(
        "Saved: Interview first, graded by Kim Ji-won"
    )
    expect(page.locator(f"#candidate-{second.pk}")).to_contain_text(
        "Saved: Reject, graded by Kim Ji-won"
    )
    expect(page.locator(f"#candidate-{second.pk}").get_by_label("Note (optional)")).to_have_value(
        "no etch at all"
    )
    expect(page.locator(f"#candidate-{third.pk}").get_by_label("Consider")).to_be_checked()
    expect(page.get_by_text("You have graded 4 of 5 candidates.")).to_be_visible()
    page.shot("golden-grading-saved")
    grades = {g.graduate_id: g.grade for g in GoldenGrade.objects.filter(grader=grader)}
    assert grades == {first.pk: 3, second.pk: 0, third.pk: 2, fourth.pk: 1}

    page.goto("/staff/golden/")
    expect(page.get_by_role("row").filter(has_text="Etch process engineer")).to_contain_text(
        "4 of 5"
    )
