"""In a real browser: a recruiter adds skill rows with the button and saves 13 skills at once;
on a phone every skill row keeps its labels and the fields of study fit; on a phone the job
search's filters fold away so the first results show."""

import pytest
from playwright.sync_api import expect

from jobs.models import JobPosting
from tests import factories
from tests.browser_sign_in import browser_sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


def test_a_recruiter_adds_rows_and_saves_thirteen_skills(browser_page, employer) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    names = [f"Skill {n:02d}" for n in range(13)]
    for name in names:
        factories.SkillFactory(name=name)
    browser_sign_in(page, employer.email)
    page.goto("/employer/postings/new/")
    page.fill("input[name=title]", "Battery cell engineer")
    page.fill("textarea[name=description]", "Build pouch cells.")
    page.select_option("select[name=min_topik]", "3")
    page.fill("input[name=salary_min_krw]", "38000000")
    page.fill("input[name=salary_max_krw]", "46000000")
    page.select_option("select[name=region]", "gyeonggi")
    page.fill("input[name=city]", "Suwon")
    page.get_by_label("Electronics and automation").check()

    add = page.get_by_role("button", name="Add another skill")
    for _ in range(10):
        add.click()
    expect(page.locator("[data-skill-row]")).to_have_count(13)
    expect(page.locator("#id_skills-12-skill")).to_be_focused()
    assert page.locator("input[name=skills-TOTAL_FORMS]").input_value() == "13"
    for n, name in enumerate(names):
        page.fill(f"#id_skills-{n}-skill", name)
    page.shot("posting-form-thirteen-skills")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()

    posting = JobPosting.objects.get(title="Battery cell engineer")
    assert sorted(s.skill.name for s in posting.skills.select_related("skill")) == names
    assert (posting.min_topik, posting.location) == (3, "Suwon, Gyeonggi")
    assert [f.code for f in posting.accepted_fields.all()] == ["0714"]


def test_on_a_phone_skill_rows_have_labels_and_fields_of_study_fit(browser_page, employer) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    browser_sign_in(page, employer.email)
    page.set_viewport_size(PHONE)
    page.goto("/employer/postings/new/")
    page.get_by_role("button", name="Add another skill").click()

    for n in range(4):
        for field in ("skill", "requirement", "min_level"):
            label = page.locator(f"label[for=id_skills-{n}-{field}]")
            box = label.bounding_box()
            assert box is not None and box["width"] > 20 and box["height"] > 10, (n, field)
    fourth = page.get_by_role("group", name="Skill 4")
    expect(fourth).to_be_visible()
    expect(fourth.get_by_label("Skill", exact=True)).to_be_visible()
    expect(fourth.get_by_label("Minimum level")).to_be_visible()
    for checkbox in page.locator("input[name=accepted_fields]").all():
        box = checkbox.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.shot("posting-form-phone")


def test_on_a_phone_the_job_filters_fold_so_the_first_results_show(browser_page) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    for n in range(3):
        factories.JobPostingFactory(title=f"Welding engineer {n}", region="ulsan", min_topik=3)
    query = "/jobs/?region=ulsan&topik=3"

    page.set_viewport_size(PHONE)
    page.goto(query)
    filters = page.locator("details.more-filters")
    expect(filters.locator("summary")).to_have_text("Filters (2 active)")
    assert filters.get_attribute("open") is None
    first = page.locator(".job-list > li").first.bounding_box()
    assert first is not None and first["y"] + 60 < PHONE["height"]
    page.shot("job-search-phone-filters-folded")

    filters.locator("summary").click()
    page.select_option("select[name=region]", "")
    expect(filters.locator("summary")).to_have_text("Filters (1 active)")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(query)
    assert page.locator("details.more-filters").get_attribute("open") is not None
