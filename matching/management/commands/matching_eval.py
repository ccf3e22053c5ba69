"""Evaluate the matching engine on a seeded synthetic instance and print the metrics as JSON."""

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from matching import engine
from matching.evaluation import evaluate
from matching.synthetic import synthetic_instance


class Command(BaseCommand):
    help = (
        "Generate a synthetic instance, run the engine, print nDCG/P/MRR/recall/coverage as JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--graduates", type=int, default=2000)
        parser.add_argument("--postings", type=int, default=500)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--cap", type=int, default=50)
        parser.add_argument("--k", type=int, default=10)

    def handle(self, *args: Any, **options: Any) -> None:
        seconds: dict[str, float] = {}
        started = time.perf_counter()
        instance = synthetic_instance(
            graduates=options["graduates"], postings=options["postings"], seed=options["seed"]
        )
        seconds["generate"] = time.perf_counter() - started

        started = time.perf_counter()
        data = instance.data
        vocab = engine.Vocabulary.from_facts(data.graduates, data.postings)
        graduates = engine.build_graduates(data.graduates, vocab, data.relations)
        postings = engine.build_postings(data.postings, vocab)
        seconds["build"] = time.perf_counter() - started

        started = time.perf_counter()
        result = engine.full_run(graduates, postings, cap=options["cap"])
        seconds["full_run"] = time.perf_counter() - started

        started = time.perf_counter()
        report = evaluate(instance, result, k=options["k"], seed=options["seed"])
        seconds["evaluate"] = time.perf_counter() - started

        output = {
            "seed": options["seed"],
            "cap": options["cap"],
            **report.as_dict(),
            "seconds": {name: round(value, 3) for name, value in seconds.items()},
        }
        self.stdout.write(json.dumps(output, indent=2))
