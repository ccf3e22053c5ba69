"""The Korean interface of the employer portal: every msgid from an employer-facing file has a
Korean msgstr, the committed .mo matches the .po, and every employer page renders in Korean with
none of those English strings left on it."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from jobs.services import application_submit
from notifications.services import notification_create
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "ko" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

# Files whose strings employers meet: their own pages, forms, models and notifications, the
# shared layout, sign-up and login, and the vocabularies those pages show.
EMPLOYER_FILES = (
    "employers/",
    "interviews/",
    "core/timezones.py",
    "notifications/",
    "portal/employer/",
    "templates/employer/",
    "templates/companies/_support_facts.html",
    "portal/templatetags/company_support.py",
    "templates/notifications/",
    "jobs/models.py",
    "jobs/services/",
    "core/choices.py",
    "matching/vocabulary.py",
    "templates/base.html",
    "templates/_nav.html",
    "templates/_language_switcher.html",
    "templates/_messages.html",
    "templates/_pagination.html",
    "templates/_form_field.html",
    "templates/allauth/",
    "portal/account/forms.py",
    "templates/jobs/_salary.html",
    "templates/jobs/_skill_list.html",
    "templates/account/api_tokens.html",
    "portal/account/tokens.py",
    "accounts/token_services.py",
)


@pytest.fixture(autouse=True)
def _english_afterwards():
    """Requests in Korean leave Korean active in this thread; later tests expect English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _employer_entries() -> list[polib.POEntry]:
    return [
        entry
        for entry in polib.pofile(str(PO))
        if not entry.obsolete
        and any(path.startswith(EMPLOYER_FILES) for path, _line in entry.occurrences)
    ]


def test_every_employer_facing_msgid_has_a_korean_translation():
    entries = _employer_entries()
    assert len(entries) > 300  # the employer pages' strings were extracted
    missing = [e.msgid for e in entries if not e.translated() or "fuzzy" in e.flags]
    assert missing == []


def test_the_catalogue_is_up_to_date_with_the_code(tmp_path):
    """Extract the strings again from a copy of the code: every employer-facing string in the
    code today has a Korean translation in the committed catalogue (so a string added to an
    employer page without running makemessages fails here)."""
    if shutil.which("xgettext") is None:
        pytest.fail("gettext is not installed (apt-get install gettext)", pytrace=False)
    copy = tmp_path / "code"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "node_modules", "staticfiles", "test-artifacts", "media", "*.pyc"
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ko", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO)) if e.translated()}
    fresh = polib.pofile(str(copy / "locale" / "ko" / "LC_MESSAGES" / "django.po"))
    untranslated = [
        (entry.msgid, entry.occurrences[0][0])
        for entry in fresh
        if any(path.startswith(EMPLOYER_FILES) for path, _line in entry.occurrences)
        and (entry.msgctxt, entry.msgid) not in committed
    ]
    assert untranslated == []


def test_translations_keep_the_placeholders():
    for entry in _employer_entries():
        wanted = sorted(re.findall(r"%\(\w+\)[sdr]", entry.msgid))
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text:
                assert sorted(re.findall(r"%\(\w+\)[sdr]", text)) == wanted, entry.msgid


def test_the_compiled_catalogue_matches_the_po_file():
    po = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(PO)) if e.translated()}
    mo = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(MO)) if e.msgid}
    assert set(mo) == set(po)
    for key, entry in po.items():
        if entry.msgid_plural:
            assert mo[key].msgstr_plural == entry.msgstr_plural, entry.msgid
        else:
            assert mo[key].msgstr == entry.msgstr, entry.msgid


# --- the pages themselves --------------------------------------------------------------------


def _english_left(html: str) -> list[str]:
    """Translated employer msgids (whole sentences and labels) still shown in English."""
    text = re.sub(r"<[^>]+>", " ", html)
    text = re.sub(r"\s+", " ", text)
    left = []
    for entry in _employer_entries():
        msgid = entry.msgid
        if (
            entry.msgstr
            and entry.msgstr != msgid
            and len(msgid) >= 12
            and "%" not in msgid
            and "\n" not in msgid
            and msgid in text
        ):
            left.append(msgid)
    return left


@pytest.fixture
def korean_employer(employer, graduate, django_capture_on_commit_callbacks):
    company = employer.employer_membership.employer
    posting = factories.JobPostingFactory(employer=company, title="식각 공정 엔지니어")
    factories.PostingSkillFactory(posting=posting)
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(
            graduate=factories.ready_to_apply(graduate.graduate_profile),
            posting=posting,
            cover_letter="안녕하세요",
        )
    notification_create(
        user=employer,
        kind="new_application",
        key="ko",
        params={"posting_title": posting.title, "graduate_name": "Lan"},
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    client.force_login(employer)
    return client, posting, application, graduate.graduate_profile


@pytest.mark.django_db
def test_every_employer_page_renders_in_korean(korean_employer):
    client, posting, application, profile = korean_employer
    pages = [
        reverse("employer:dashboard"),
        reverse("employer:company"),
        reverse("employer:company_edit"),
        reverse("employer:posting_list"),
        reverse("employer:posting_create"),
        reverse("employer:posting_detail", args=[posting.pk]),
        reverse("employer:posting_edit", args=[posting.pk]),
        reverse("employer:candidate_list", args=[posting.pk]),
        reverse("employer:candidate_detail", args=[posting.pk, profile.pk]),
        reverse("employer:pipeline", args=[posting.pk]),
        reverse("employer:application_detail", args=[application.pk]),
        reverse("employer:interview_schedule", args=[application.pk]),
        reverse("api_tokens"),
        reverse("notifications:list"),
    ]
    for url in pages:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert '<html lang="ko">' in html, url
        assert _english_left(html) == [], url
    dashboard = client.get(pages[0]).content.decode()
    assert "기업 대시보드" in dashboard and "채용 단계" in dashboard
    application_page = reverse("employer:application_detail", args=[application.pk])
    assert "면접" in client.get(application_page).content.decode()


@pytest.mark.django_db
def test_the_company_set_up_and_sign_up_pages_render_in_korean():
    newcomer = factories.UserFactory(role="employer")
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    client.force_login(newcomer)
    for url in [reverse("employer:dashboard"), reverse("employer:company_create")]:
        html = client.get(url).content.decode()
        assert _english_left(html) == [], url
        assert "회사 프로필 등록" in html
    signup = Client(HTTP_ACCEPT_LANGUAGE="ko").get(reverse("account_signup") + "?role=employer")
    html = signup.content.decode()
    assert "한국 기업의 채용 담당자입니다" in html and _english_left(html) == []
