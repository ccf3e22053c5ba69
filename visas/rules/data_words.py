"""The rule data's own words in the reader's language: points tables, their groups, items and
factors, and conditions that have no reviewed words. The research data is English; these words
are msgids like any other (visas/data_labels.py lists them for makemessages, and a test keeps that
list in step with visas/data/visa_rules.json), so translators meet them in the catalogues."""

from django.utils.translation import gettext


def data_words(text: str) -> str:
    """`text` from the rule data, translated where the catalogue has it (else as it is)."""
    return gettext(text) if text else text
