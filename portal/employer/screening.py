"""A posting's screening questions: the list, adding one (with an optional knockout rule) and
removing one. Graduates answer them when applying; a knockout answer marks the application."""

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from jobs.models import QuestionKind, ScreeningQuestion
from jobs.services.screening import screening_question_add, screening_question_remove
from portal.employer.access import company_member, posting_or_404

EXPECTED = [
    ("", gettext_lazy("No rule")),
    ("yes", gettext_lazy("Yes is expected")),
    ("no", gettext_lazy("No is expected")),
]


class ScreeningQuestionForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Question"), max_length=300)
    kind = forms.ChoiceField(label=gettext_lazy("Kind of answer"), choices=QuestionKind.choices)
    required = forms.BooleanField(
        label=gettext_lazy("An answer is required"), required=False, initial=True
    )
    options = forms.CharField(
        label=gettext_lazy("Choices (for a choice question)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One per line."),
    )
    expected = forms.ChoiceField(
        label=gettext_lazy("Knockout rule for a yes/no question"), choices=EXPECTED, required=False
    )
    minimum = forms.DecimalField(
        label=gettext_lazy("Knockout rule for a number question: at least"),
        required=False,
        max_digits=12,
        decimal_places=2,
    )
    accepted = forms.CharField(
        label=gettext_lazy("Knockout rule for a choice question: accepted choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "One per line, among the choices. Empty: every choice is accepted. An answer that "
            "misses the rule marks the application; it is never rejected automatically."
        ),
    )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        expected: bool | None = {"yes": True, "no": False}.get(data["expected"] or "")
        minimum: Decimal | None = data["minimum"]
        return {
            "text": data["text"],
            "kind": data["kind"],
            "required": data["required"],
            "options": _lines(data["options"]),
            "expected_yes": expected,
            "minimum": minimum,
            "accepted_options": _lines(data["accepted"]),
        }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@company_member
@require_http_methods(["GET", "POST"])
def screening_questions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    posting = posting_or_404(request, pk)
    form = ScreeningQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            screening_question_add(posting=posting, by=request.user, **form.service_arguments())
        except PermissionDenied as exc:
            raise Http404("No such posting") from exc
        except ValidationError as error:
            by_field = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            for field, errors in by_field.items():
                target = {"accepted_options": "accepted"}.get(field, field)
                form.add_error(target if target in form.fields else None, errors)
        else:
            messages.success(request, _("Question added."))
            return redirect("employer:screening", posting.pk)
    context = {
        "posting": posting,
        "employer": posting.employer,
        "questions": list(posting.screening_questions.all()),
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "employer/screening_questions.html", context, status=status)


@company_member
@require_POST
def screening_question_remove_view(
    request: AuthenticatedHttpRequest, pk: int, question_pk: int
) -> HttpResponse:
    posting = posting_or_404(request, pk)
    question = ScreeningQuestion.objects.filter(posting=posting, pk=question_pk).first()
    if question is None:
        raise Http404("No such question")
    screening_question_remove(question=question, by=request.user)
    messages.success(request, _("Question removed. Answers already given keep its words."))
    return redirect("employer:screening", posting.pk)
