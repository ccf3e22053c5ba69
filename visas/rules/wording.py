"""Reviewed words for what the rule data names by id: groups of conditions, exemptions,
applicant types, alternatives, value codes and how sure the sources are.

The rule data keeps its ids (`exemption.first_d10_after_korean_degree`, `general_bachelor_plus_1y`)
and its research notes for staff; users read the words here. An id with no reviewed words gets a
neutral phrase, never the id itself, and a test lists the ids of the loaded rules that still lack
reviewed words (tests/visas/test_plain_words.py), so new rule data cannot reach users as code.
"""

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from django.utils.functional import Promise, lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    Words: TypeAlias = StrOrPromise
else:
    Words = str  # words: a str, or a lazy translation turned into str when it is read

# Groups of conditions, by the last part of their key. Groups that only say how their members
# combine ("any-2", "all-1") are "One of these" and "All of these".
GROUP_WORDS: Final[Mapping[str, Words]] = {
    "eligibility": gettext_lazy("Who can apply"),
    "employer-requirements": gettext_lazy("What the employer must meet"),
    "general_master": gettext_lazy("A master's degree related to the job"),
    "general_bachelor_plus_1y": gettext_lazy(
        "A related bachelor's degree and a year of related work"
    ),
    "unrelated_bachelor_plus_3y": gettext_lazy(
        "A bachelor's degree and three years of related work"
    ),
    "special_top_university_bachelor": gettext_lazy(
        "A bachelor's degree from a top-ranked university"
    ),
    "special_korean_associate": gettext_lazy("An associate degree from a Korean university"),
    "special_korean_bachelor_plus": gettext_lazy("A bachelor's degree from a Korean university"),
    "special_ministry_rec_1_5x_gni": gettext_lazy(
        "A ministry's recommendation and a salary of 1.5 times the national average income"
    ),
}

# D-10-1's ways to a job-seeking visa without the points test.
EXEMPTION_WORDS: Final[Mapping[str, Words]] = {
    "first_d10_after_korean_degree": gettext_lazy(
        "No points needed: first job-seeking stay right after a degree from a Korean university"
    ),
    "korean_grad_strong_korean": gettext_lazy(
        "No points needed: a graduate of a Korean university with good Korean"
    ),
    "former_e1_e7_holder": gettext_lazy(
        "No points needed: you worked in Korea on a professional visa"
    ),
    "global_promising_talent": gettext_lazy(
        "No points needed: a recent graduate of a top-ranked university, under 30"
    ),
}

# F-2-7's kinds of applicant.
APPLICANT_TYPE_WORDS: Final[Mapping[str, Words]] = {
    "listed_company": gettext_lazy("working for a listed Korean company"),
    "promising_industry": gettext_lazy("working in a promising industry"),
    "professional": gettext_lazy("working in Korea as a professional"),
    "korean_masters_graduate": gettext_lazy("a master's graduate of a Korean university"),
    "potential_talent_F-2-7S": gettext_lazy("potential talent (F-2-7S)"),
}

# Alternatives a condition allows, by (visa, field).
ALTERNATIVE_WORDS: Final[Mapping[tuple[str, str], Words]] = {
    ("D-10-1", "degree.level"): gettext_lazy("or an associate degree from a Korean university"),
    ("E-7-S", "job_offer.industry_is_high_tech"): gettext_lazy("or a high income"),
    ("E-7-4", "job_offer.annual_salary_krw"): gettext_lazy(
        "25,000,000 KRW in farming, livestock or fishing"
    ),
    ("F-5-1", "korean.kiip_stage"): gettext_lazy(
        "or a pass (60 or more) in the KIIP final evaluation"
    ),
}

DEGREE_WORDS: Final[Mapping[str, Words]] = {
    "diploma": gettext_lazy("a diploma"),
    "associate": gettext_lazy("an associate degree"),
    "bachelor": gettext_lazy("a bachelor's degree"),
    "master": gettext_lazy("a master's degree"),
    "doctorate": gettext_lazy("a doctorate"),
    "bachelor (for master's)": gettext_lazy("a bachelor's degree (to start a master's)"),
    "master (for PhD)": gettext_lazy("a master's degree (to start a doctorate)"),
}

HIGH_TECH_FIELD_WORDS: Final[Mapping[str, Words]] = {
    "it": gettext_lazy("information technology"),
    "technology_management": gettext_lazy("technology management"),
    "nano": gettext_lazy("nanotechnology"),
    "digital_electronics": gettext_lazy("digital electronics"),
    "bio": gettext_lazy("biotechnology"),
    "transport_machinery": gettext_lazy("transport machinery"),
    "new_materials": gettext_lazy("new materials"),
    "environment_energy": gettext_lazy("environment and energy"),
}

# How a list too long to spell out is named, by field.
LONG_LIST_WORDS: Final[Mapping[str, Words]] = {
    "nationality": gettext_lazy("countries"),
    "degree.country": gettext_lazy("countries"),
    "job_offer.occupation_code": gettext_lazy("listed occupations"),
    "status.current_visa": gettext_lazy("statuses"),
    "degree.korean_university_name": gettext_lazy("listed universities"),
}

# Words the rules' compiled form keeps (shared by requests in every language): lazy, so each
# reader gets them in their own language when they are turned into str.
ANY_OF: Final = gettext_lazy("One of these")
ALL_OF: Final = gettext_lazy("All of these")
UNSETTLED: Final = gettext_lazy("the sources disagree or leave this open")
CHECK_OFFICIALLY: Final = gettext_lazy("Confirm it with HiKorea (call 1345) before you apply.")
ANOTHER_WAY: Final = gettext_lazy("Another way to qualify")
NOT_ANSWERED: Final = gettext_lazy("not answered")
NOT_KNOWN: Final = gettext_lazy("not known yet")


def group_words(key: str) -> str:
    """The words for a group of conditions, by its key, in the active language."""
    last = key.rsplit("/", 1)[-1]
    if last in GROUP_WORDS:
        return str(GROUP_WORDS[last])
    if last.startswith("any-"):
        return str(ANY_OF)
    if last.startswith("all-"):
        return str(ALL_OF)
    if last.startswith("exemption-"):
        return str(EXEMPTION_WORDS.get(last.removeprefix("exemption-"), ANOTHER_WAY))
    if last.startswith("applicant-type-"):
        kind = last.removeprefix("applicant-type-")
        if kind in APPLICANT_TYPE_WORDS:
            # Translators: %(kind)s is a kind of applicant, e.g. "working in a promising industry".
            return _("Applicant %(kind)s") % {"kind": APPLICANT_TYPE_WORDS[kind]}
        return _("Applicant of another kind")
    return str(ANOTHER_WAY)


def is_structural(key: str) -> bool:
    """Whether a group only says how its members combine ("One of these", "All of these")."""
    last = key.rsplit("/", 1)[-1]
    return last not in GROUP_WORDS and last.startswith(("any-", "all-"))


def _path(parent: Words, words: Words) -> Words:
    # Translators: a group of conditions inside another, e.g. "Who can apply › One of these".
    return _("%(outer)s › %(inner)s") % {"outer": parent, "inner": words} if parent else words


def _interpolate(template: Words, params: Mapping[str, object]) -> str:
    return str(template) % params


# Words kept by shared objects (the compiled rules, resolved values): a lazy template and its
# values (lazy too, or plain), put together in the reader's language when turned into str.
interpolate_lazy = lazy(_interpolate, str)


class PerLanguage(Promise):
    """Words the compiled rules keep, made when first read in each language and kept for that
    language: one verdict reads some 50 criteria, each naming its group's path ("Who can apply ›
    One of these"), and making every path afresh cost 760 translations a verdict. Like Django's
    lazy strings, str() gives the words in the active language (and JSON encoders take it)."""

    __slots__ = ("_args", "_made", "_make")

    def __init__(self, make: Callable[..., Words], *args: Any) -> None:
        self._make = make
        self._args = args
        self._made: dict[str | None, str] = {}

    def __str__(self) -> str:
        language = get_language()
        words = self._made.get(language)
        if words is None:
            words = self._made[language] = str(self._make(*self._args))
        return words

    def __repr__(self) -> str:
        return f"PerLanguage({self._make.__name__}, {self._args!r})"

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other) if isinstance(other, str | Promise) else NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))


def per_language(make: Callable[..., Words]) -> Callable[..., Words]:
    """`make` as lazy words kept per language (PerLanguage)."""

    def made(*args: Any) -> Words:
        return PerLanguage(make, *args)  # type: ignore[return-value]

    return made


# For the compiled rules: the words are made when they are first read in each language.
group_words_lazy = per_language(group_words)
group_path_lazy = per_language(_path)


def applicant_type_words(key: str) -> str:
    return str(APPLICANT_TYPE_WORDS.get(key, gettext_lazy("another kind of applicant")))


def alternative_words(visa: str, field: str) -> str:
    return str(
        ALTERNATIVE_WORDS.get((visa, field), gettext_lazy("or another way the sources describe"))
    )


alternative_words_lazy = lazy(alternative_words, str)

_OPERATORS = ((">=", "at least"), ("<=", "at most"), ("≥", "at least"), ("≤", "at most"),
              ("==", "is"), ("!=", "is not"), (">", "more than"), ("<", "less than"))  # fmt: skip


def without_operators(text: str) -> str:
    """Rule-data wording with comparison signs in words ("(>= 2 years)" -> "(at least 2 years)")."""
    for sign, words in _OPERATORS:
        text = text.replace(f"{sign} ", f"{words} ").replace(sign, f"{words} ")
    return text
