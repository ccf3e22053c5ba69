"""The site's translation catalogues, read for the tests: which entries each language must
translate, and which translated strings a page still shows in English."""

import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("ko", "vi", "id", "th")
REVIEW_NOTE = "to be reviewed by a native speaker"

# Files only employers and staff meet: Korean covers them; Vietnamese, Indonesian and Thai cover
# every other file (graduate and public pages, the shared layout, e-mails, the visa guidance).
EMPLOYER_AND_STAFF_ONLY = (
    "employers/",
    "interviews/",
    "portal/employer/",
    "templates/employer/",
    "portal/staff/",
    "templates/staff/",
    "templates/admin/",
)


def po_path(language: str) -> Path:
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


def in_scope(language: str, entry: polib.POEntry) -> bool:
    """Korean: every entry. Others: entries shown anywhere outside the employer and staff pages."""
    if language == "ko":
        return True
    return any(not path.startswith(EMPLOYER_AND_STAFF_ONLY) for path, _line in entry.occurrences)


def catalogue(language: str) -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(po_path(language))) if not entry.obsolete]


def scoped_entries(language: str) -> list[polib.POEntry]:
    return [entry for entry in catalogue(language) if in_scope(language, entry)]


def without_own_words(html: str) -> str:
    """The page without what is marked translate="no": words kept in their own language, such
    as the titles of the sources the visa guidance cites."""
    return re.sub(r'<(\w+)\b[^>]*\btranslate="no"[^>]*>.*?</\1>', " ", html, flags=re.S)


def english_left(
    html: str, language: str, *, entries: list[polib.POEntry] | None = None
) -> list[str]:
    """Translated msgids (whole sentences and labels of 12 characters or more) a page still
    shows in English, where the translation differs from the English."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = without_own_words(text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\s+", " ", text)
    left = []
    for entry in entries if entries is not None else scoped_entries(language):
        msgid = entry.msgid
        if (
            entry.msgstr
            and msgid not in entry.msgstr  # "อนุปริญญา (Associate degree)" keeps the English
            and len(msgid) >= 12
            and "%" not in msgid
            and "\n" not in msgid
            and msgid in text
        ):
            left.append(msgid)
    return left
