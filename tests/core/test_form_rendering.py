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
               reverse("visas:check") + "?nationality=VN&education_level=bachelor"],
        graduate.user: [reverse("jobs:list") + "?sort=match&region=gyeonggi"]
        + [reverse("graduate:step", kwargs={"step": s})
           for s in ("basics", "education", "skills", "languages", "experience", "preferences")],
        member.user: [
            reverse("employer:candidate_list", args=[posting.pk])
            + "?nationality=VN&min_topik=3&min_education=master&order_by=fit",
            reverse("employer:posting_create"),
            reverse("employer:posting_edit", args=[posting.pk]),
        ],
    }  # fmt: skip
    selects = 0
    for user, urls in pages.items():
        if user is not None:
            client.force_login(user)
        for url in urls:
            ours, django = _both_ways(client, url, settings)
            assert ours == django, url
            selects += ours.count("<select")
    assert selects >= 20
