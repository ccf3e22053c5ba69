"""Turns the research data file (../shared/data/visa-rules.json) into the project's own fixture.

Pure functions over plain JSON: nothing here imports Django models. The management command
`build_visa_fixture` reads the research file, calls `build_fixture()` and writes the result to
`visas/data/visa_rules.json`, which `visas.services.visa_rules_load()` reads.
"""

from visas.fixture_build.build import FIXTURE_FORMAT, build_fixture

__all__ = ["FIXTURE_FORMAT", "build_fixture"]
