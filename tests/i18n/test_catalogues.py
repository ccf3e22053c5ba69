"""The catalogues of the four languages besides English.

- Korean translates every string; Vietnamese, Indonesian and Thai every string a graduate or a
  visitor meets (pages, e-mails, notifications, the visa guidance).
- Extracting the strings again from the code finds none without a translation, so a string
  added without running makemessages fails here.
- Translations keep the placeholders; the compiled .mo files match the .po files; every drafted
  translation carries the note that asks a native speaker to review it.
"""

import re
import shutil
import subprocess
import sys

import polib
import pytest

from tests.i18n.catalogues import (
    LANGUAGES,
    REVIEW_NOTE,
    ROOT,
    catalogue,
    in_scope,
    po_path,
    scoped_entries,
)

PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_in_scope_is_translated(language):
    entries = scoped_entries(language)
    assert len(entries) > 1500  # the strings were extracted
    missing = [e.msgid for e in entries if not e.translated() or "fuzzy" in e.flags]
    assert missing == []


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """The catalogues extracted again from a copy of today's code (all four in one run)."""
    if shutil.which("xgettext") is None:
        pytest.fail("gettext is not installed (apt-get install gettext)", pytrace=False)
    copy = tmp_path_factory.mktemp("i18n") / "code"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "node_modules", "staticfiles", "test-artifacts", "media", "*.pyc"
        ),
    )
    languages = [arg for language in LANGUAGES for arg in ("-l", language)]
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *languages, "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    return {
        language: polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))
        for language in LANGUAGES
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_is_up_to_date_with_the_code(language, fresh_catalogues):
    committed = {(e.msgctxt, e.msgid) for e in catalogue(language) if e.translated()}
    untranslated = [
        (entry.msgid, entry.occurrences[0][0])
        for entry in fresh_catalogues[language]
        if in_scope(language, entry) and (entry.msgctxt, entry.msgid) not in committed
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    for entry in catalogue(language):
        wanted = set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text:
                assert set(PLACEHOLDER.findall(text)) == wanted, entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_po_file(language):
    po = {(e.msgctxt, e.msgid): e for e in catalogue(language) if e.translated()}
    mo_file = po_path(language).with_suffix(".mo")
    mo = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(mo_file)) if e.msgid}
    assert set(mo) == set(po)
    for key, entry in po.items():
        if entry.msgid_plural:
            assert mo[key].msgstr_plural == entry.msgstr_plural, entry.msgid
        else:
            assert mo[key].msgstr == entry.msgstr, entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_drafted_translation_asks_for_a_native_speakers_review(language):
    """Until a native speaker has checked an entry (and removed the note), it says so, for
    translators working from the .po file (README, Translations)."""
    unmarked = [
        e.msgid for e in catalogue(language) if e.translated() and REVIEW_NOTE not in e.tcomment
    ]
    assert unmarked == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_plural_form_as_the_language_has(language):
    po = polib.pofile(str(po_path(language)))
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    for entry in po:
        if entry.msgid_plural and entry.translated():
            assert set(entry.msgstr_plural) == {0}, entry.msgid
