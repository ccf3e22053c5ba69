"""Model content in several languages (django-modeltranslation): one way to write names given
per language code into their columns."""

from collections.abc import Mapping

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname


def localized_values(field: str, values: Mapping[str, str]) -> dict[str, str]:
    """{"ko": "반도체", "id": "Semikonduktor"} for `name` -> {"name_ko": ..., "name_ind": ...}
    (modeltranslation names the Indonesian column name_ind); unknown languages are left out."""
    known = dict(settings.LANGUAGES)
    return {
        build_localized_fieldname(field, language): value
        for language, value in values.items()
        if language in known and value
    }
