"""Screening questions an employer asks on a posting, and the answers given when applying.

A knockout rule never rejects: an answer that misses it marks the application ("does not meet
screening"), and people decide."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

QUESTION_MAX = 300
ANSWER_TEXT_MAX = 300
CHOICES_MAX = 12


class QuestionKind(models.TextChoices):
    YES_NO = "yes_no", _("Yes or no")
    NUMBER = "number", _("Number")
    CHOICE = "choice", _("One of several choices")
    TEXT = "text", _("Short text")


class ScreeningQuestion(TimeStampedModel):
    posting = models.ForeignKey(
        "jobs.JobPosting", on_delete=models.CASCADE, related_name="screening_questions"
    )
    text = models.CharField(_("question"), max_length=QUESTION_MAX)
    kind = models.CharField(_("kind of answer"), max_length=8, choices=QuestionKind.choices)
    required = models.BooleanField(_("an answer is required"), default=True)
    position = models.PositiveSmallIntegerField(default=0)
    options = models.JSONField(
        _("choices"), default=list, blank=True, help_text=_("For a choice question: its options.")
    )
    # Knockout rules, one per kind (empty: no rule).
    expected_yes = models.BooleanField(_("expected answer"), null=True, blank=True)
    minimum = models.DecimalField(
        _("minimum"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    accepted_options = models.JSONField(_("accepted choices"), default=list, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=QuestionKind.values), name="screening_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind=QuestionKind.YES_NO) | models.Q(expected_yes__isnull=True),
                name="screening_expected_yes_only_yes_no",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=QuestionKind.NUMBER) | models.Q(minimum__isnull=True),
                name="screening_minimum_only_number",
            ),
            models.CheckConstraint(
                condition=~models.Q(text=""), name="screening_question_has_text"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        options = [str(o).strip() for o in self.options or []]
        if self.kind == QuestionKind.CHOICE:
            if len(options) < 2 or len(set(options)) != len(options) or not all(options):
                raise ValidationError(
                    {"options": _("Give at least two different choices, one per line.")}
                )
            if len(options) > CHOICES_MAX:
                raise ValidationError({"options": _("Give at most 12 choices.")})
            if not set(self.accepted_options or []) <= set(options):
                raise ValidationError(
                    {"accepted_options": _("The accepted choices must be among the choices.")}
                )
        elif options or self.accepted_options:
            raise ValidationError({"options": _("Only a choice question has choices.")})

    @property
    def has_knockout(self) -> bool:
        return (
            self.expected_yes is not None or self.minimum is not None or bool(self.accepted_options)
        )

    def meets(self, answer: "bool | Decimal | str") -> bool:
        """Whether an answer passes this question's knockout rule (always, without one)."""
        if self.kind == QuestionKind.YES_NO and self.expected_yes is not None:
            return answer is self.expected_yes
        if self.kind == QuestionKind.NUMBER and self.minimum is not None:
            return isinstance(answer, Decimal) and answer >= self.minimum
        if self.kind == QuestionKind.CHOICE and self.accepted_options:
            return answer in self.accepted_options
        return True


class ScreeningAnswer(models.Model):
    """One answer, written once with the application. The question's words are kept so the
    answer still reads right if the employer later removes the question."""

    application = models.ForeignKey(
        "jobs.Application", on_delete=models.CASCADE, related_name="screening_answers"
    )
    question = models.ForeignKey(
        ScreeningQuestion, on_delete=models.SET_NULL, null=True, related_name="answers"
    )
    question_text = models.CharField(max_length=QUESTION_MAX)
    yes_no = models.BooleanField(null=True)
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    text = models.CharField(max_length=ANSWER_TEXT_MAX, blank=True)
    meets = models.BooleanField(
        default=True, help_text=_("False when the answer misses the question's knockout rule.")
    )

    class Meta:
        ordering = ["question__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "question"], name="screening_one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(yes_no__isnull=False, number__isnull=True, text="")
                    | models.Q(yes_no__isnull=True, number__isnull=False, text="")
                    | (models.Q(yes_no__isnull=True, number__isnull=True) & ~models.Q(text=""))
                ),
                name="screening_answer_has_one_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_text}: {self.display}"

    @property
    def display(self) -> str:
        if self.yes_no is not None:
            return str(_("Yes") if self.yes_no else _("No"))
        if self.number is not None:
            return f"{self.number.normalize():f}"
        return self.text
