"""The project's form renderer writes selects in Python (core.form_rendering): the HTML must be
Django's own, character for character, on every page with a form and for every kind of select."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core.form_rendering import FormRenderer
from tests import factories


class EveryKindOfSelect(forms.Form):
    plain = forms.ChoiceField(choices=[("", "---"), ("a", "A & B"), ("b", "<b>")], initial="b")
    grouped = forms.ChoiceField(
        choices=[("Asia", [("VN", "Viet Nam"), ("TH", "Thailand")]), ("other", "Other")],
        initial="TH",
    )
    numbers = forms.TypedChoiceField(choices=[(1, 1), (2, 2), (10_000, 10_000)], coerce=int)
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y"), ("z", "Z")])
    safe = forms.ChoiceField(
        choices=[("s", mark_safe("<em>safe</em>")), ("l", gettext_lazy("Yes"))]
    )
    quoted = forms.ChoiceField(
        choices=[('"q"', "it's"), ("x", "x")],
        widget=forms.Select(
            attrs={"class": "wide", "required": True, "disabled": False, "data-x": '"<q>"'}
        ),
    )


@pytest.mark.parametrize(
    "data",
    [None, {"plain": "a", "grouped": "VN", "numbers": "2", "many": ["x", "z"], "quoted": '"q"'}],
)
def test_every_kind_of_select_is_written_as_django_writes_it(data):
    ours = EveryKindOfSelect(data, renderer=FormRenderer()).as_div()
    django = EveryKindOfSelect(data, renderer=DjangoTemplates()).as_div()
    assert "<select" in ours and "<optgroup" in ours
    assert ours == django


class EveryKindOfInput(forms.Form):
    text = forms.CharField(initial='say "<hi>" & go', max_length=20, help_text="Help")
    number = forms.IntegerField(initial=12_000_000, min_value=0)
    amount = forms.DecimalField(initial="1234.50", required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    email = forms.EmailField(required=False, widget=forms.EmailInput(attrs={"autofocus": True}))
    url = forms.URLField(required=False, assume_scheme="https")
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), initial="x&y")
    hidden = forms.CharField(widget=forms.HiddenInput, initial=mark_safe("<kept>"))
    agree = forms.BooleanField(required=False, initial=True)
    refuse = forms.BooleanField(required=False)
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search", "disabled": False}))
    letter = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), initial="line 1\n<b>2</b>")
    empty = forms.CharField(widget=forms.Textarea, required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": "", "number": "abc", "day": "2026-12-06", "agree": "on", "letter": "a & b"},
        {"text": "x" * 30, "email": "not an address", "url": "example.com", "empty": "0"},
    ],
)
def test_every_kind_of_input_is_written_as_django_writes_it(data):
    ours = EveryKindOfInput(data, renderer=FormRenderer()).as_div()
    django = EveryKindOfInput(data, renderer=DjangoTemplates()).as_div()
    assert "<input" in ours and "<textarea" in ours
    assert ours == django


def test_inputs_are_written_here_only_while_django_writes_them_as_this_module_does(monkeypatch):
    from core import form_rendering

    form_rendering._written_inputs.cache_clear()
    assert "django/forms/widgets/text.html" in form_rendering._written_inputs()
    monkeypatch.setattr(form_rendering, "_ATTRS_SOURCE", "another Django's attributes")
    form_rendering._written_inputs.cache_clear()
    try:
        assert form_rendering._written_inputs() == frozenset()
        ours = EveryKindOfInput(renderer=FormRenderer()).as_div()
        assert ours == EveryKindOfInput(renderer=DjangoTemplates()).as_div()
    finally:
        monkeypatch.undo()
        form_rendering._written_inputs.cache_clear()


def _without_tokens(html: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', "", html)


def _both_ways(client, url: str, settings) -> tuple[str, str]:
    from django.core.cache import caches

    pages = []
    for renderer in ("core.form_rendering.FormRenderer", "django.forms.renderers.DjangoTemplates"):
        settings.FORM_RENDERER = renderer
        for each in caches.all():
            each.clear()
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(_without_tokens(response.content.decode()))
    return pages[0], pages[1]


@pytest.mark.django_db
def test_every_form_page_is_the_same_with_django_s_renderer(settings, client):
    graduate = factories.GraduateProfileFactory(nationality="VN", topik_level=3)
    factories.GraduateSkillFactory(profile=graduate)
    factories.GraduateSkillFactory(profile=graduate)
    member = factories.EmployerMemberFactory()
    posting = factories.JobPostingFactory(employer=member.employer)
    pages = {
        None: [reverse("jobs:list") + "?industry=batteries&topik=3&job_type=full_time",
               reverse("visas:check") + "?nationality=VN&education_level=bachelor",
               reverse("visas:check") + "?nationality=VN&age=26&annual_salary_krw=41000000&as_of=x",
               reverse("account_login"), reverse("account_signup")],
        graduate.user: [reverse("jobs:list") + "?sort=match&region=gyeonggi"]
        + [reverse("jobs:detail", args=[posting.pk])]
        + [reverse("graduate:step", kwargs={"step": s})
           for s in ("basics", "education", "skills", "languages", "experience", "preferences")],
        member.user: [
            reverse("employer:candidate_list", args=[posting.pk])
            + "?nationality=VN&min_topik=3&min_education=master&order_by=fit",
            reverse("employer:posting_create"),
            reverse("employer:posting_edit", args=[posting.pk]),
        ],
    }  # fmt: skip
    selects = inputs = 0
    for user, urls in pages.items():
        if user is not None:
            client.force_login(user)
        for url in urls:
            ours, django = _both_ways(client, url, settings)
            assert ours == django, url
            selects += ours.count("<select")
            inputs += ours.count("<input") + ours.count("<textarea")
    assert selects >= 20
    assert inputs >= 60
