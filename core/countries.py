"""Country lists for every nationality and country select: the eleven ASEAN members first (the
platform's graduates come from them), then the other countries, each part by name in the
language in use. One helper, so every select on the site orders countries the same way."""

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.choices import ASEAN_COUNTRIES

CountryChoices = list[tuple[Any, Any]]


def country_choices(*, blank: Any = "", codes: Iterable[str] | None = None) -> CountryChoices:
    """[(“”, blank)?, ("ASEAN countries", [...]), ("Other countries", [...])]: optgroups for a
    select, the ASEAN group first. `codes` keeps only those countries (a group left empty is
    left out); `blank` is the label of an empty first choice, if any."""
    only = frozenset(code.upper() for code in codes) if codes is not None else None
    groups = _country_groups(get_language() or "", only)
    head: CountryChoices = [("", blank)] if blank else []
    return [*head, *((label, list(members)) for label, members in groups if members)]


@lru_cache(maxsize=32)
def _country_groups(
    language: str, only: frozenset[str] | None
) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    # django-countries lists them by translated name (accents aside), which takes longer than
    # the rest of a page: once per language.
    named = [(code, str(name)) for code, name in countries if only is None or code in only]
    asean = [choice for choice in named if choice[0] in ASEAN_COUNTRIES]
    others = [choice for choice in named if choice[0] not in ASEAN_COUNTRIES]
    return (
        (str(_("ASEAN countries")), tuple(asean)),
        (str(_("Other countries")), tuple(others)),
    )
