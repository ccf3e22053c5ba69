"""Screening questions: the employer adds them, graduates answer when applying, a knockout
answer marks the application and never rejects it (jobs.services.screening)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from jobs.models import ApplicationStatus, ScreeningAnswer, ScreeningQuestion
from jobs.services import application_submit
from jobs.services.screening import screening_question_add, screening_question_remove
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def posting(employer):
    return factories.JobPostingFactory(employer=employer.employer_membership.employer)


@pytest.fixture
def questions(posting, employer):
    add = screening_question_add
    return {
        "visa": add(posting=posting, by=employer, text="Can you work night shifts?",
                    kind="yes_no", expected_yes=True),
        "years": add(posting=posting, by=employer, text="Years with etch tools?",
                     kind="number", minimum=Decimal(2)),
        "shift": add(posting=posting, by=employer, text="Which site?", kind="choice",
                     options=["Pyeongtaek", "Icheon", "Either"],
                     accepted_options=["Pyeongtaek", "Either"]),
        "note": add(posting=posting, by=employer, text="Anything else?", kind="text",
                    required=False),
    }  # fmt: skip


def _apply(posting, answers):
    return application_submit(
        graduate=factories.ApplicantFactory(), posting=posting, cover_letter="", answers=answers
    )


def test_answers_meeting_every_rule_leave_no_mark(posting, questions):
    q = questions
    application = _apply(
        posting, {q["visa"].pk: "yes", q["years"].pk: "3", q["shift"].pk: "Either"}
    )
    assert application.screening_misses == []
    assert application.screening_answers.count() == 3


def test_a_knockout_answer_marks_but_does_not_reject(posting, questions):
    q = questions
    application = _apply(
        posting, {q["visa"].pk: False, q["years"].pk: 1.5, q["shift"].pk: "Icheon"}
    )
    assert application.status == ApplicationStatus.APPLIED
    misses = {a.question_text for a in application.screening_misses}
    assert misses == {"Can you work night shifts?", "Years with etch tools?", "Which site?"}


def test_required_answers_and_kinds_are_checked_with_clear_messages(posting, questions):
    q = questions
    with pytest.raises(ValidationError) as error:
        _apply(posting, {q["years"].pk: "many", q["shift"].pk: "Seoul"})
    messages = error.value.message_dict
    assert messages[f"answer_{q['visa'].pk}"] == [
        "Answer this question: Can you work night shifts?"
    ]
    assert "number" in messages[f"answer_{q['years'].pk}"][0]
    assert "choices given" in messages[f"answer_{q['shift'].pk}"][0]
    assert f"answer_{q['note'].pk}" not in messages  # optional
    assert not posting.applications.exists()


def test_answers_to_another_postings_questions_are_refused(posting, questions, employer):
    other = factories.JobPostingFactory(employer=posting.employer)
    stray = screening_question_add(posting=other, by=employer, text="Stray?", kind="text")
    q = questions
    answers = {q["visa"].pk: "yes", q["years"].pk: 2, q["shift"].pk: "Either", stray.pk: "x"}
    with pytest.raises(ValidationError, match="only this posting"):
        _apply(posting, answers)


def test_only_the_postings_company_manages_its_questions(posting, other_employer, questions):
    with pytest.raises(PermissionDenied):
        screening_question_add(posting=posting, by=other_employer, text="Mine?", kind="text")
    with pytest.raises(PermissionDenied):
        screening_question_remove(question=questions["note"], by=other_employer)


def test_a_choice_question_needs_choices_and_accepted_ones_among_them(posting, employer):
    with pytest.raises(ValidationError, match="at least two"):
        screening_question_add(posting=posting, by=employer, text="Site?", kind="choice",
                               options=["Only one"])  # fmt: skip
    with pytest.raises(ValidationError, match="among the choices"):
        screening_question_add(posting=posting, by=employer, text="Site?", kind="choice",
                               options=["A", "B"], accepted_options=["C"])  # fmt: skip


def test_removing_a_question_keeps_the_answers_words(posting, questions, employer):
    q = questions
    application = _apply(posting, {q["visa"].pk: "no", q["years"].pk: 5, q["shift"].pk: "Either"})
    screening_question_remove(question=q["visa"], by=employer)
    answer = application.screening_answers.get(question_text="Can you work night shifts?")
    assert answer.question is None and answer.display == "No" and not answer.meets


def test_the_database_refuses_a_rule_of_another_kind_and_two_values(posting, questions):
    with pytest.raises(IntegrityError), transaction.atomic():
        ScreeningQuestion.objects.create(posting=posting, text="x", kind="text", expected_yes=True)
    application = factories.ApplicationFactory(posting=posting)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScreeningAnswer.objects.create(
            application=application, question_text="x", yes_no=True, number=Decimal(1)
        )
