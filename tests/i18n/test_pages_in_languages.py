"""Every page a graduate or a visitor opens renders in Korean, Vietnamese, Indonesian and Thai:
the page says its language, none of the strings the catalogue translates is left in English,
and its main content reads in the language, not in English (few English function words once
the people's own words, names and titles, are set aside)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.services import user_language_set
from jobs.services import application_submit
from tests import factories
from tests.i18n.catalogues import LANGUAGES, english_left, scoped_entries, without_own_words
from visas.selectors import rules_snapshot_cache_clear
from visas.services import visa_rules_load

# Words English sentences cannot do without, and no other language here uses.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|your|you|with|for|of|to|is|are|this|that|from|here|yet|not|no|or|when|what)\b",
    re.I,
)
MAX_ENGLISH_WORDS = 2  # a stray "or" in a code or a name, not a sentence


def _main_text(html: str) -> str:
    main = re.search(r"<main\b.*?</main>", html, re.S)
    text = main.group(0) if main else html
    text = re.sub(r"<(script|style|template)\b.*?</\1>", " ", text, flags=re.S)
    text = without_own_words(text)  # citations kept in their own language
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def site(graduate, django_capture_on_commit_callbacks):
    """A graduate with a ready profile, an open posting that matches them and that they applied
    to, a company page and a course; the visa rules, so the guidance has routes to word."""
    visa_rules_load()
    rules_snapshot_cache_clear()
    skill = factories.SkillFactory(name="Etching", name_ko="식각")
    factories.EducationRecordFactory(profile=graduate.graduate_profile, institution="HUST")
    profile = factories.ready_to_apply(graduate.graduate_profile)
    factories.GraduateSkillFactory(profile=profile, skill=skill, level=4)
    posting = factories.JobPostingFactory(title="Etch", description="Etch · CVD · 300 mm")
    factories.PostingSkillFactory(posting=posting, skill=skill, min_level=3)
    other = factories.JobPostingFactory(
        title="CVD", description="CVD · PECVD", employer=posting.employer
    )
    factories.PostingSkillFactory(posting=other, skill=skill, min_level=3)
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(graduate=profile, posting=posting, cover_letter="—")
    course = factories.CourseFactory(title="Etch 101", description="")
    return {"graduate": graduate, "posting": posting, "other": other,
            "application": application, "course": course}  # fmt: skip


def _public_pages(site):
    return [
        reverse("home"),
        reverse("jobs:list"),
        reverse("jobs:detail", args=[site["other"].pk]),
        reverse("companies:list"),
        reverse("companies:detail", args=[site["posting"].employer.pk]),
        reverse("training:catalogue"),
        reverse("training:course_detail", args=[site["course"].pk]),
        reverse("visas:check"),
        reverse("terms"),
        reverse("privacy"),
        reverse("account_signup"),
        reverse("account_login"),
        reverse("account_reset_password"),
    ]


def _graduate_pages(site):
    steps = ["basics", "education", "skills", "languages", "experience", "preferences", "cv",
             "visibility"]  # fmt: skip
    return [
        reverse("graduate:dashboard"),
        *[reverse("graduate:step", args=[step]) for step in steps],
        reverse("jobs:detail", args=[site["other"].pk]),  # with the match and its reasons
        reverse("graduate:applications"),
        reverse("graduate:application_detail", args=[site["application"].pk]),
        reverse("graduate:application_withdraw", args=[site["application"].pk]),
        reverse("graduate:saved_jobs"),
        reverse("graduate:alerts"),
        reverse("graduate:conversations"),
        reverse("graduate:account"),
        reverse("visas:mine"),
        reverse("training:for_me"),
        reverse("training:plan", args=[site["other"].pk]),
        reverse("notifications:list"),
        reverse("account_language"),
        reverse("account_email"),
        reverse("account_change_password"),
    ]


def _check(client, url, language, entries):
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert f'<html lang="{language}"' in html, url
    assert english_left(html, language, entries=entries) == [], url
    words = ENGLISH_WORDS.findall(_main_text(html))
    assert len(words) <= MAX_ENGLISH_WORDS, (url, words)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_render_in_the_visitors_language(language, site):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    entries = scoped_entries(language)
    for url in _public_pages(site):
        _check(client, url, language, entries)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_graduate_pages_render_in_the_accounts_language(language, site):
    graduate = site["graduate"]
    user_language_set(user=graduate, language=language)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")  # the account's language wins over the browser's
    client.force_login(graduate)
    entries = scoped_entries(language)
    for url in _graduate_pages(site):
        _check(client, url, language, entries)
