"""The application form on a job page: a cover letter, "apply without a CV", and one field per
screening question of the posting (named `answer_<question id>`, as the service's errors)."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jobs.models import QuestionKind, ScreeningQuestion
from jobs.models.screening import ANSWER_TEXT_MAX
from jobs.services import COVER_LETTER_MAX

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ApplicationForm(forms.Form):
    cover_letter = forms.CharField(
        label=_("Cover letter"),
        max_length=COVER_LETTER_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why this job, and what you bring. Optional, up to 5,000 characters."),
    )
    without_cv = forms.BooleanField(
        label=_("Apply without a CV"),
        required=False,
        help_text=_("The employer then judges you by your profile alone."),
    )

    def __init__(
        self, *args: Any, questions: Iterable[ScreeningQuestion] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = _answer_field(question)

    @property
    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"answer_{question.pk}"] for question in self.questions]

    def answers(self) -> dict[int, object]:
        """The cleaned answers by question id (empty ones left out), for application_submit."""
        found: dict[int, object] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"answer_{question.pk}")
            if value not in (None, ""):
                found[question.pk] = value
        return found


def _answer_field(question: ScreeningQuestion) -> forms.Field:
    common: dict[str, Any] = {"label": question.text, "required": False}
    if not question.required:
        common["help_text"] = _("Optional.")
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.NUMBER:
        return forms.DecimalField(max_digits=12, decimal_places=2, **common)
    if question.kind == QuestionKind.CHOICE:
        options = [(option, option) for option in question.options]
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    return forms.CharField(max_length=ANSWER_TEXT_MAX, **common)
