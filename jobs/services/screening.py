"""Screening questions: the employer adds and removes them; the graduate's answers are checked
and recorded with the application (jobs.services.application_submit calls `answers_clean` before
it creates the application and `answers_record` after)."""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.models import User
from jobs.models import (
    Application,
    JobPosting,
    QuestionKind,
    ScreeningAnswer,
    ScreeningQuestion,
)
from jobs.models.screening import ANSWER_TEXT_MAX

QUESTIONS_MAX = 10
Answer = bool | Decimal | str


def _require_member(*, posting: JobPosting, by: User) -> None:
    membership = getattr(by, "employer_membership", None)
    if membership is None or membership.employer_id != posting.employer_id:
        raise PermissionDenied("Only the posting's company can change its screening questions.")


@transaction.atomic
def screening_question_add(
    *,
    posting: JobPosting,
    by: User,
    text: str,
    kind: str,
    required: bool = True,
    options: list[str] | None = None,
    expected_yes: bool | None = None,
    minimum: Decimal | None = None,
    accepted_options: list[str] | None = None,
) -> ScreeningQuestion:
    """Add a question at the end of the posting's list; a knockout rule only for its kind."""
    _require_member(posting=posting, by=by)
    if posting.screening_questions.count() >= QUESTIONS_MAX:
        raise ValidationError(_("A posting has at most %(n)s questions.") % {"n": QUESTIONS_MAX})
    last = posting.screening_questions.aggregate(last=Max("position"))["last"]
    question = ScreeningQuestion(
        posting=posting,
        text=text.strip(),
        kind=kind,
        required=required,
        position=0 if last is None else last + 1,
        options=[o.strip() for o in options or [] if o.strip()],
        expected_yes=expected_yes if kind == QuestionKind.YES_NO else None,
        minimum=minimum if kind == QuestionKind.NUMBER else None,
        accepted_options=list(accepted_options or []) if kind == QuestionKind.CHOICE else [],
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def screening_question_remove(*, question: ScreeningQuestion, by: User) -> None:
    """Remove a question; answers already given keep its words (ScreeningAnswer.question_text)."""
    _require_member(posting=question.posting, by=by)
    question.delete()


def answers_clean(
    *, posting: JobPosting, answers: Mapping[int, object]
) -> list[tuple[ScreeningQuestion, Answer]]:
    """Check the answers to the posting's questions: required ones given, each of its kind.
    Raises ValidationError keyed `answer_<question id>`; returns (question, answer) pairs."""
    errors: dict[str, str] = {}
    cleaned: list[tuple[ScreeningQuestion, Answer]] = []
    for question in posting.screening_questions.all():
        raw = answers.get(question.pk)
        if raw is None or raw == "":
            if question.required:
                errors[f"answer_{question.pk}"] = _("Answer this question: %(q)s") % {
                    "q": question.text
                }
            continue
        try:
            cleaned.append((question, _answer_of_kind(question, raw)))
        except ValueError as error:
            errors[f"answer_{question.pk}"] = str(error)
    unknown = set(answers) - {q.pk for q in posting.screening_questions.all()}
    if unknown:
        errors["answers"] = _("Answer only this posting's questions.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def _answer_of_kind(question: ScreeningQuestion, raw: object) -> Answer:
    if question.kind == QuestionKind.YES_NO:
        if isinstance(raw, bool):
            return raw
        if str(raw).lower() in ("yes", "true", "1"):
            return True
        if str(raw).lower() in ("no", "false", "0"):
            return False
        raise ValueError(_("Answer yes or no."))
    if question.kind == QuestionKind.NUMBER:
        try:
            number = Decimal(str(raw))
        except InvalidOperation:
            raise ValueError(_("Answer with a number, e.g. 3 or 2.5.")) from None
        if not number.is_finite() or abs(number) >= Decimal("1e10"):
            raise ValueError(_("Answer with a number, e.g. 3 or 2.5."))
        return number.quantize(Decimal("0.01"))
    text = str(raw).strip()
    if question.kind == QuestionKind.CHOICE and text not in question.options:
        raise ValueError(_("Choose one of the choices given."))
    if len(text) > ANSWER_TEXT_MAX:
        raise ValueError(_("Keep the answer under %(n)s characters.") % {"n": ANSWER_TEXT_MAX})
    return text


def answers_record(
    *, application: Application, cleaned: list[tuple[ScreeningQuestion, Answer]]
) -> None:
    """Write the answers; an answer that misses a knockout rule is marked, never refused."""
    ScreeningAnswer.objects.bulk_create(
        ScreeningAnswer(
            application=application,
            question=question,
            question_text=question.text,
            yes_no=answer if isinstance(answer, bool) else None,
            number=answer if isinstance(answer, Decimal) else None,
            text=answer if isinstance(answer, str) else "",
            meets=question.meets(answer),
        )
        for question, answer in cleaned
    )
