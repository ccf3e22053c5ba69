"""Route results kept with the compiled rules (visas.rules.compiled.CompiledRules): a reader
who changes one answer has only the routes that read it assessed again."""

from django.utils import translation

from visas.rules.assess import assess
from visas.rules.compiled import CompiledPathway, CompiledRules
from visas.rules.facts import OfferFacts, PersonFacts
from visas.rules.factview import FactView, offer_view
from visas.rules.references import scope_for
from visas.rules.results import PathwayResult


def assess_kept(
    rules: CompiledRules,
    pathway: CompiledPathway,
    person: PersonFacts,
    offer: OfferFacts | None,
    view: FactView,
) -> PathwayResult:
    """`assess`, kept with the compiled rules (a new day or new rules start afresh) under
    everything the route's result can depend on: the route, the language, the person, the
    offer's scope and presence, and the offer itself where the route reads any fact of it (a
    work route always does). A reader who changes one answer of the checker, the salary say,
    has the routes that read it assessed again and the others' results reused."""
    key = _result_key(pathway, person, offer)
    if key is None:
        return assess(rules, pathway, person, offer, view)
    found: PathwayResult | None = rules.kept_result(key)
    if found is None:
        found = assess(rules, pathway, person, offer, view)
        rules.keep_result(key, found)
    return found


def _result_key(
    pathway: CompiledPathway, person: PersonFacts, offer: OfferFacts | None
) -> tuple[object, ...] | None:
    reads_offer = offer is not None and (
        pathway.work_route or not pathway.fields.isdisjoint(offer_view(offer))
    )
    key = (
        pathway.code,
        translation.get_language(),
        person,
        offer is None,
        scope_for(offer.employer_size if offer else None),
        offer if reads_offer else None,
    )
    try:
        hash(key)
    except TypeError:  # an answer outside the facts that cannot be a key: assessed every time
        return None
    return key
