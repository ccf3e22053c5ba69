"""`represent` gives exactly what the serializers give, for the visa guidance's responses."""

import random
from datetime import date

import pytest

from core.api.represent import represent
from visas.apis import EvaluateOutputSerializer
from visas.rules import evaluate_all, evaluate_offer
from visas.rules.benchmark import random_offer, random_person
from visas.rules.snapshot import snapshot_from_fixture


@pytest.mark.parametrize("seed", range(3))
def test_it_equals_the_serializers_data_for_random_people(seed):
    rules = snapshot_from_fixture(None, date(2026, 3, 1))
    rng = random.Random(seed)
    for _ in range(10):
        person, offer = random_person(rng), random_offer(rng)
        guidance = evaluate_all(person=person, offer=offer, rules=rules)
        output = {
            "on": guidance.on, "pathways": guidance.pathways, "gni": guidance.gni,
            "uncertain": guidance.uncertain, "notes": guidance.notes,
            "headline": guidance.headline,
            "offer_verdict": None if offer is None else evaluate_offer(
                person=person, offer=offer, rules=rules
            ),
        }  # fmt: skip
        assert represent(EvaluateOutputSerializer, output) == EvaluateOutputSerializer(output).data
