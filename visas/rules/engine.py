"""The guidance engine: which visa routes are open to a graduate, as of the snapshot's day.

Pure computation: no database, no Django settings. Build a `RulesSnapshot` for the day
(`visas.selectors.rules_snapshot(on=...)`, or `snapshot_from_fixture` in tests), then:

    guidance = evaluate_all(person=person, offer=offer, rules=rules)
    verdict = evaluate_offer(person=person, offer=offer, rules=rules)
    blocked = pair_blocked(person, offer, rules)

The first call on a snapshot compiles its rules (a few milliseconds); later calls reuse them.
"""

from collections.abc import Collection, Mapping
from datetime import date

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from visas.rules.assess import eps_result, sponsorship_ok
from visas.rules.compiled import CompiledRules, compiled
from visas.rules.facts import OfferFacts, PersonFacts
from visas.rules.factview import Range, holds_free_work_status, person_view
from visas.rules.goals import goal_routes, headline
from visas.rules.kept_results import assess_kept
from visas.rules.labels import krw, show, yes_no
from visas.rules.logic import compare
from visas.rules.pathways import WORK_ROUTES
from visas.rules.references import scope_for
from visas.rules.results import (
    ELIGIBLE,
    ELIGIBLE_ONCE,
    NOT_OPEN,
    CriterionResult,
    GniUsed,
    Guidance,
    OfferVerdict,
    PathwayResult,
)
from visas.rules.routes import offer_may_open_top_tier
from visas.rules.snapshot import RulesSnapshot

_E71, _E74, _E9, _TOP_TIER = WORK_ROUTES
_SALARY = "job_offer.annual_salary_krw"


def evaluate_all(
    *,
    person: PersonFacts,
    offer: OfferFacts | None,
    rules: RulesSnapshot,
    goal: str = "",
    names: Mapping[str, str] | None = None,
) -> Guidance:
    """Every route evaluated for the person (and the offer, if any), realistic ones first, with
    the answer for their goal (visas.rules.goals) on top. `names`: the visas' names in the
    reader's language, by code, for the headline (the rule data's English names otherwise)."""
    engine = compiled(rules)
    view = person_view(person, offer)
    results = realistic_first(
        [assess_kept(engine, pathway, person, offer, view) for pathway in engine.pathways.values()],
        with_offer=offer is not None,
        goal=goal,
    )
    gni = engine.refs.gni
    return Guidance(
        on=rules.on,
        pathways=results,
        gni=None if gni is None else GniUsed(gni.year, gni.value_krw, gni.uncertain),
        uncertain=any(result.uncertain for result in results),
        notes=_notes(engine, person),
        headline=headline(results, goal, names or {}),
        goal=goal,
    )


def evaluate_routes(
    *, person: PersonFacts, codes: Collection[str], rules: RulesSnapshot
) -> tuple[PathwayResult, ...]:
    """The routes named by `codes` for the person without an offer, as `evaluate_all` words
    and orders them, and only those assessed (a page that shows two routes assessed all
    fifteen)."""
    engine = compiled(rules)
    view = person_view(person, None)
    wanted = [pathway for code, pathway in engine.pathways.items() if code in codes]
    return realistic_first(
        [assess_kept(engine, pathway, person, None, view) for pathway in wanted], with_offer=False
    )


_VERDICT_ORDER = {ELIGIBLE: 0, ELIGIBLE_ONCE: 1, NOT_OPEN: 2}


def realistic_first(
    results: list[PathwayResult], *, with_offer: bool, goal: str = ""
) -> tuple[PathwayResult, ...]:
    """Routes in the order an adviser raises them: first the work routes a job offer can open,
    then those to the person's goal, then the rest; within each, open now before open once
    conditions are met before not open, then the rules' order (study, job seeking, work,
    residence)."""
    offered, wanted = set(WORK_ROUTES) if with_offer else set(), set(goal_routes(goal))

    def rank(item: tuple[int, PathwayResult]) -> tuple[int, int, int]:
        position, result = item
        if result.verdict != NOT_OPEN and result.code in offered:
            asked = 0
        elif result.verdict != NOT_OPEN and result.code in wanted:
            asked = 1
        else:
            asked = 2
        return (asked, _VERDICT_ORDER[result.verdict], position)

    return tuple(result for _position, result in sorted(enumerate(results), key=rank))


def _notes(engine: CompiledRules, person: PersonFacts) -> tuple[str, ...]:
    notes = []
    if not person.is_asean and person.nationality != "KR":
        notes.append(
            # Translators: %(country)s is a two-letter country code, e.g. "IN".
            _(
                "The rules here were gathered for nationals of ASEAN countries; for %(country)s "
                "some routes (E-9 sending countries, scholarship quotas) differ."
            )
            % {"country": person.nationality}
        )
    if engine.refs.gni is None:
        notes.append(
            _("No GNI per capita is known for this date: GNI-based thresholds are unknown.")
        )
    elif not engine.refs.gni_exact:
        notes.append(
            _(
                "The GNI per capita that applies on %(date)s is not in the table yet; "
                "the %(year)s figure is used."
            )
            % {"date": engine.rules.on, "year": engine.refs.gni.year}
        )
    e71 = engine.refs.salary_threshold(_E71, scope="all")
    if isinstance(e71.value, Range):
        # Translators: %(rules)s says which minimum applies when, e.g. "... until 2026-03-31".
        notes.append(_("E-7 minimum salaries: %(rules)s.") % {"rules": e71.note})
    notes.extend(_status_end(person, engine.rules.on))
    return tuple(notes)


# Days before a status ends from which it is time to apply for what comes next.
STATUS_ENDING_DAYS = 60


def _status_end(person: PersonFacts, on: date) -> list[str]:
    """What the end of the current status means for changing it (asked in Korea, before then)."""
    if person.status_expires is None or person.current_visa in ("", "other"):
        return []
    days = (person.status_expires - on).days
    # The day as the reader's language writes dates ("06 December 2026" in English, as before).
    words = {"visa": person.current_visa, "date": _status_date(person.status_expires)}
    if days < 0:
        return [
            _(
                "Your %(visa)s status ended on %(date)s. A change of status in Korea needs one "
                "in force: call the immigration contact centre (1345) before applying, or apply "
                "from your own country."
            )
            % words
        ]
    if days <= STATUS_ENDING_DAYS:
        return [
            ngettext(
                "Your %(visa)s status ends on %(date)s, in %(days)s day: apply for the change "
                "of status (or an extension) before that day, on HiKorea or at an immigration "
                "office.",
                "Your %(visa)s status ends on %(date)s, in %(days)s days: apply for the change "
                "of status (or an extension) before that day, on HiKorea or at an immigration "
                "office.",
                days,
            )
            % {**words, "days": days}
        ]
    return [
        _("Your %(visa)s status runs until %(date)s: apply for any change before then.") % words
    ]


def _status_date(day: date) -> str:
    """English keeps "06 December 2026"; other languages write the day their own way."""
    language = translation.get_language()
    if not language or language.startswith("en"):
        return f"{day:%d %B %Y}"
    return date_format(day, "DATE_FORMAT")


def evaluate_offer(*, person: PersonFacts, offer: OfferFacts, rules: RulesSnapshot) -> OfferVerdict:
    """Whether this job offer opens a work route (E-7-1, E-7-4, E-9, Top-Tier) for the person.

    `opens_route` follows the routes' conditions as they stand today (next steps not counted):
    True when one is met, None when one may be (facts the engine cannot see), False when none
    can be. A person whose status allows any work (F-2, F-4, F-5, F-6) needs no route.
    """
    engine = compiled(rules)
    view = person_view(person, offer)
    routes = tuple(
        assess_kept(engine, engine.pathways[code], person, offer, view)
        for code in WORK_ROUTES
        if code in engine.pathways
    )
    checks = _offer_checks(engine, person, offer)
    if holds_free_work_status(person):
        opens: bool | None = True
        summary = _("Your status allows any work: this offer needs no new visa.")
    elif not offer.sponsorship:
        opens = False
        summary = _("The employer does not sponsor a visa, and your status needs one.")
    else:
        opens = _route_state(routes)
        summary = _offer_summary(opens, routes)
    threshold = engine.refs.salary_threshold(_E71, scope=scope_for(offer.employer_size))
    amount = threshold.value.hi if isinstance(threshold.value, Range) else threshold.value
    return OfferVerdict(
        opens_route=opens,
        summary=summary,
        criteria=checks,
        routes=routes,
        salary_threshold_krw=int(amount) if isinstance(amount, int | float) else None,
        uncertain=any(check.uncertain for check in checks) or any(r.uncertain for r in routes),
        sources=tuple({s.key: s for r in routes for s in r.sources}.values()),
    )


def _route_state(routes: tuple[PathwayResult, ...]) -> bool | None:
    """Today's state, before next steps: a route whose criteria are all met is open; one with a
    known failing criterion is closed even if a next step would reopen it."""
    states = [_criteria_state(route) for route in routes]
    if any(state is True for state in states):
        return True
    return None if any(state is None for state in states) else False


def _criteria_state(route: PathwayResult) -> bool | None:
    return route.met_today


def _offer_summary(opens: bool | None, routes: tuple[PathwayResult, ...]) -> str:
    if opens is True:
        names = ", ".join(r.code for r in routes if r.verdict == ELIGIBLE)
        # Translators: %(codes)s lists visa codes, e.g. "E-7-1, E-9".
        return _("This offer opens %(codes)s.") % {"codes": names}
    if opens is None:
        names = ", ".join(r.code for r in routes if _criteria_state(r) is None)
        return _(
            "This offer may open %(codes)s, once the conditions listed are met or confirmed."
        ) % {"codes": names}
    # Translators: %(routes)s lists each work route and why it is not open.
    return _("No work route is open with this offer: %(routes)s") % {
        "routes": "; ".join(f"{r.code}: {r.summary}" for r in routes)
    }


def _offer_checks(
    engine: CompiledRules, person: PersonFacts, offer: OfferFacts
) -> tuple[CriterionResult, ...]:
    threshold = engine.refs.salary_threshold(_E71, scope=scope_for(offer.employer_size))
    salary = offer.annual_salary_krw
    return (
        CriterionResult(
            label=_("Employer sponsors the visa"),
            actual=yes_no(offer.sponsorship),
            required=_("yes, unless your status allows any work (F-2, F-4, F-5, F-6)"),
            met=sponsorship_ok(person, offer),
            key="job_offer.sponsorship",
            group=_("Job offer"),
        ),
        CriterionResult(
            # Translators: %(code)s is a visa code; %(size)s the employer's size (SME, LARGE...).
            label=_("Salary against the %(code)s minimum (%(size)s employer)")
            % {"code": _E71, "size": offer.employer_size.upper()},
            actual=krw(salary),
            required=_("at least %(value)s")
            % {"value": str(threshold.note) or _("the threshold in force")},
            met=compare("job_offer.annual_salary_krw", "gte", salary, threshold.value),
            uncertain=threshold.uncertain,
            source_keys=threshold.source_keys,
            key="job_offer.annual_salary_krw",
            group=_E71,
        ),
        CriterionResult(
            label=_("Nationality of an EPS sending country (E-9)"),
            actual=show("nationality", person.nationality),
            required=_("one of %(count)s sending countries")
            % {"count": len(engine.sending_countries)},
            met=person.nationality in engine.sending_countries,
            key="nationality",
            group=_E9,
        ),
        eps_result(offer, group=_E9),
    )


def pair_blocked(person: PersonFacts, offer: OfferFacts, rules: RulesSnapshot) -> bool:
    """True only when no work route can be open for this person with this offer.

    For the matching engine's hard constraint: a few comparisons against figures compiled once
    per snapshot, no explanations. It is True when the person needs sponsorship (no F-2, F-4,
    F-5 or F-6 status) and the employer gives none, or when every work route is closed by a fact:
    E-7-1 by a salary below the minimum in force for the employer's size (on a day between two
    published minimums, below both); E-9 by a nationality outside the EPS sending countries, an
    age outside 18-39 or an offer that is not an EPS job; E-7-4 by fewer than four years of work
    in Korea; Top-Tier by a salary below 3 × GNI (4 × GNI is an alternative to a degree or
    experience, not a second minimum). Conditions the facts cannot show never block
    (they may be met). Residence routes a person could obtain on their own (K-STAR, F-2-7) count
    once they hold the status.
    E-7-2 and E-7-3 (semi-professional, general skilled jobs) are not evaluated: the data gives
    them only wage floors. Agrees with `evaluate_offer(...).opens_route is False` (tested on
    random pairs) unless `extra` answers settle a condition this check cannot see.
    """
    if holds_free_work_status(person):
        return False
    if not offer.sponsorship:
        return True
    engine = compiled(rules)
    return not any(
        check(engine, person, offer) for check in (_e71_possible, _e9_possible, _e74_possible)
    ) and not offer_may_open_top_tier(engine, offer)


def _e71_possible(engine: CompiledRules, person: PersonFacts, offer: OfferFacts) -> bool:
    if _E71 not in engine.pathways:
        return False
    threshold = engine.refs.salary_threshold(_E71, scope=scope_for(offer.employer_size)).value
    return (
        compare("job_offer.annual_salary_krw", "gte", offer.annual_salary_krw, threshold)
        is not False
    )


def _e9_possible(engine: CompiledRules, person: PersonFacts, offer: OfferFacts) -> bool:
    if _E9 not in engine.pathways or person.nationality not in engine.sending_countries:
        return False
    if offer.eps_job is False:
        return False
    return person.age is None or 18 <= person.age <= 39


def _e74_possible(engine: CompiledRules, person: PersonFacts, offer: OfferFacts) -> bool:
    return _E74 in engine.pathways and person.korean_experience_years >= 4
