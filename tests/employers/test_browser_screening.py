"""Screening and bulk moves in a real browser: the employer adds a knockout question, a graduate
answers it when applying (missing the rule), the employer sees the mark and the answer, then
moves two applications at once from the board."""

import pytest

from jobs.models import Application, ScreeningQuestion
from tests import factories
from tests.browser_sign_in import browser_sign_in
from tests.employers.test_browser_journey import _new_context


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_screening_answered_marked_and_a_bulk_move(browser_page, live_server):
    page = browser_page
    member = factories.EmployerMemberFactory(user__full_name="Park Jiwoo")
    posting = factories.JobPostingFactory(employer=member.employer, title="Fab shift engineer")
    factories.PostingSkillFactory(posting=posting)
    applicant = factories.ApplicantFactory(user__full_name="Tran Van Minh")
    early = [
        factories.ApplicationFactory(posting=posting, graduate=factories.ApplicantFactory(
            user__full_name=name))
        for name in ("Siti Rahma", "Aung Kyaw")
    ]  # fmt: skip

    # 1. The employer adds a yes/no question whose expected answer is yes.
    browser_sign_in(page, member.user.email)
    page.goto(f"/employer/postings/{posting.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Screening questions").click()
    page.fill("input[name=text]", "Can you work night shifts?")
    page.select_option("select[name=kind]", "yes_no")
    page.select_option("select[name=expected]", "yes")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the question").click()
    assert "Question added." in page.content()
    assert "Yes is expected" in page.locator(".screening-list").inner_text()
    page.shot("screening-01-question-added")
    question = ScreeningQuestion.objects.get(posting=posting)

    # 2. The graduate answers "No" when applying: the application is sent, not refused.
    graduate_context, graduate_page = _new_context(page, live_server)
    browser_sign_in(graduate_page, applicant.user.email)
    graduate_page.goto(f"/jobs/{posting.pk}/")
    questions = graduate_page.locator("fieldset.screening-questions")
    assert "Can you work night shifts?" in questions.inner_text()
    with graduate_page.expect_navigation():
        graduate_page.get_by_role("button", name="Apply now").click()
    assert "Answer this question: Can you work night shifts?" in graduate_page.content()
    graduate_page.get_by_label("No", exact=True).check()
    graduate_page.fill("textarea[name=cover_letter]", "I ran night shifts in Bac Ninh.")
    graduate_page.shot("screening-02-graduate-answers")
    with graduate_page.expect_navigation():
        graduate_page.get_by_role("button", name="Apply now").click()
    assert "Your application is sent." in graduate_page.content()
    graduate_context.close()
    application = Application.objects.get(graduate=applicant, posting=posting)
    assert application.status == "applied"
    assert [a.meets for a in application.screening_answers.all()] == [False]

    # 3. The employer sees the mark on the board and the answer on the application page.
    page.goto(f"/employer/postings/{posting.pk}/applications/")
    card = page.locator(".pipeline-card", has_text="Tran Van Minh")
    assert "Does not meet screening" in card.inner_text()
    with page.expect_navigation():
        card.get_by_role("link", name="Tran Van Minh").click()
    answers = page.locator("section[aria-labelledby=screening-title]")
    assert "Does not meet screening: Can you work night shifts? (No)" in answers.inner_text()
    page.shot("screening-03-employer-sees-answers")

    # 4. Two applications move to screening at once.
    page.goto(f"/employer/postings/{posting.pk}/applications/")
    for application_early in early:
        page.locator(f"#select-{application_early.pk}").check()
    page.select_option("select[name=to_status]", "screening")
    page.fill("textarea[name=message]", "Thank you, we are reviewing your profile.")
    with page.expect_navigation():
        page.get_by_role("button", name="Move the selected applications").click()
    assert "2 moved." in page.content()
    assert {a.status for a in Application.objects.filter(pk__in=[e.pk for e in early])} == {
        "screening"
    }
    assert Application.objects.get(pk=application.pk).status == "applied"
    page.shot("screening-04-bulk-moved")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.shot("screening-05-board-phone")
    assert question.answers.count() == 1
