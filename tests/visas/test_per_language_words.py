"""Words the compiled rules keep are made once per language and read in the reader's."""

import json
from datetime import date

from django.utils import translation
from rest_framework.utils.encoders import JSONEncoder

from visas.rules import OfferFacts, PersonFacts, snapshot_from_fixture
from visas.rules.assess import assess
from visas.rules.compiled import compiled
from visas.rules.factview import person_view
from visas.rules.wording import group_path_lazy, group_words_lazy


def test_a_group_path_is_worded_in_each_readers_language_and_made_once_per_language():
    made = []

    def words(key: str) -> str:
        made.append(key)
        from visas.rules.wording import group_words

        return group_words(key)

    from visas.rules.wording import per_language

    path = group_path_lazy(group_words_lazy("eligibility"), per_language(words)("any-1"))
    with translation.override("en"):
        english = str(path)
        assert str(path) == english and "›" in english
    with translation.override("ko"):
        korean = str(path)
        assert korean != english
    with translation.override("en"):
        assert str(path) == english
    assert made == ["any-1", "any-1"]  # once in English, once in Korean


def test_kept_words_are_text_to_json_and_compare_as_text():
    words = group_words_lazy("any-1")
    with translation.override("en"):
        assert json.dumps({"group": words}, cls=JSONEncoder) == '{"group": "One of these"}'
        assert words == "One of these"
        assert f"{words}" == "One of these"


def test_a_values_words_are_kept_per_language_and_per_type():
    from visas.rules.labels import show

    with translation.override("en"):
        assert show("degree.count", True) == "yes"
        assert show("degree.count", 1) == "1"  # not the words kept for True (1 == True)
        assert show("experience.years", 2.0) == "2 years"
        assert show("job_offer.annual_salary_krw", 31_000_000) == "31,000,000 KRW"
    with translation.override("ko"):
        assert show("degree.count", True) != "yes"
        assert "31,000,000" in show("job_offer.annual_salary_krw", 31_000_000)
        assert show("job_offer.annual_salary_krw", 31_000_000) != "31,000,000 KRW"
    with translation.override("en"):
        assert show("degree.count", True) == "yes"


def test_a_requirements_words_follow_the_readers_language():
    """The compiled rules keep each criterion's requirement in words, made once per language:
    the same engine answers a reader in Korean after one in English in Korean, and in English
    again after that."""
    engine = compiled(snapshot_from_fixture(None, date(2026, 3, 1)))
    person = PersonFacts(nationality="VN", age=26, education_level="bachelor", topik=3)
    offer = OfferFacts(annual_salary_krw=40_000_000)
    e71 = engine.pathways["E-7-1"]

    def required() -> list[str]:
        result = assess(engine, e71, person, offer, person_view(person, offer))
        return [c.required for c in result.criteria if c.key == "job_offer.annual_salary_krw"]

    with translation.override("en"):
        english = required()
        assert english and all("KRW" in words for words in english)
    with translation.override("ko"):
        korean = required()
        assert korean != english and all(words for words in korean)
    with translation.override("en"):
        assert required() == english
