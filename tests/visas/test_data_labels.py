"""The rule data's own words reach the catalogues: visas/data_labels.py is what
`build_visa_data_labels` writes from today's visas/data/visa_rules.json, and a points line of the
guidance is worded through the catalogue."""

from pathlib import Path

from django.utils import translation

from visas.fixture_build.labels import data_labels_module
from visas.rules.data_words import data_words
from visas.services import VISA_RULES_FIXTURE

GENERATED = Path(__file__).resolve().parents[2] / "visas" / "data_labels.py"


def test_the_generated_labels_module_matches_the_rule_data():
    assert GENERATED.read_text(encoding="utf-8") == data_labels_module(VISA_RULES_FIXTURE), (
        "run `manage.py build_visa_data_labels`, then makemessages (README)"
    )


def test_a_data_label_is_read_through_the_catalogue():
    with translation.override("ko"):
        korean = data_words("Recommendation by central ministry head or Korean embassy")
    assert korean != "Recommendation by central ministry head or Korean embassy"
    assert data_words("") == ""
    assert data_words("no such label in any catalogue") == "no such label in any catalogue"
