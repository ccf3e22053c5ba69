"""The guidance's words follow the reader's language: every headline, note, summary, reason and
next step the engine writes comes from a msgid of the extracted catalogue (whole, or with its
named placeholders filled), so a translated catalogue translates all of it.

The catalogue is extracted again (`makemessages -l ko`) from a copy of visas/ and the settings
only: the other apps are imported from the checkout, and the real locale/ is never written.
"""

import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import polib
import pytest
from django.utils import translation

from visas.rules import Guidance, OfferFacts, PersonFacts, evaluate_all
from visas.rules.snapshot import snapshot_from_fixture

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 3, 1)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
PERSONAS = {
    "vietnamese bachelor with an offer": (
        PersonFacts(
            nationality="VN", age=26, education_level="bachelor", field_stem=True,
            degree_country="VN", topik=3, years_since_graduation=0,
        ),
        OfferFacts(annual_salary_krw=30_000_000, employer_size="sme"),
        "professional",
    ),
    "indian master on D-10 ending soon": (
        PersonFacts(
            nationality="IN", age=30, education_level="master", field_stem=True,
            degree_country="KR", korean_degree=True, current_visa="D-10-1",
            status_expires=DAY + timedelta(days=20), years_since_graduation=1,
        ),
        None,
        "",
    ),
    "indonesian vocational, factory work": (
        PersonFacts(nationality="ID", age=41, education_level="diploma"),
        None,
        "factory",
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def msgids(tmp_path_factory) -> list[str]:
    if shutil.which("xgettext") is None:
        pytest.fail("gettext is not installed (apt-get install gettext)", pytrace=False)
    copy = tmp_path_factory.mktemp("wording") / "code"
    copy.mkdir()
    for part in ("visas", "config"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    (copy / "locale").mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ko", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env=env,
    )
    catalogue = polib.pofile(str(copy / "locale" / "ko" / "LC_MESSAGES" / "django.po"))
    return [text for entry in catalogue for text in (entry.msgid, entry.msgid_plural) if text]


def _pattern(msgid: str) -> re.Pattern[str] | None:
    """The msgid with each placeholder as "anything"; None for a msgid that is only placeholders
    and punctuation ("%(first)s or %(last)s" still counts: it has a word)."""
    words = PLACEHOLDER.sub("", msgid)
    if not re.search(r"[A-Za-z]{2,}", words):
        return None
    parts = PLACEHOLDER.split(msgid)[::2]  # the text between the placeholders
    return re.compile(".+".join(re.escape(part) for part in parts), re.S)


def _from_catalogue(text: str, msgids: list[str]) -> bool:
    if text in msgids:
        return True
    patterns = (_pattern(msgid) for msgid in msgids if PLACEHOLDER.search(msgid))
    return any(p is not None and p.fullmatch(text) for p in patterns)


def _texts(guidance: Guidance) -> list[str]:
    texts = [guidance.headline, *guidance.notes]
    for route in guidance.pathways:
        texts += [route.summary, *route.uncertain_reasons]
        texts += [text for step in route.next_steps for text in (step.action, step.cost) if text]
    return texts


def test_the_patterns_match_only_their_own_sentences():
    pattern = _pattern("Reach TOPIK level %(level)s")
    assert pattern is not None and pattern.fullmatch("Reach TOPIK level 4")
    assert not pattern.fullmatch("Reach level 4")
    assert _pattern("%(first)s, %(then)s") is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_word_of_the_guidance_comes_from_the_catalogue(persona, msgids):
    person, offer, goal = PERSONAS[persona]
    with translation.override("en"):
        guidance = evaluate_all(
            person=person, offer=offer, rules=snapshot_from_fixture(None, DAY), goal=goal
        )
    texts = _texts(guidance)
    assert len(texts) > 10
    assert guidance.notes or persona != "indian master on D-10 ending soon"
    left = [text for text in texts if not _from_catalogue(text, msgids)]
    assert left == []
