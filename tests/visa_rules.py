"""The real visa-rules fixture, loaded once per test module (a shared fixture: tests/conftest.py
lists this module among its plugins).

Loading writes ~600 validated rows, so the tests that read the loaded rules share one load per
module instead of paying for it per test. The rows are committed outside the per-test
transactions (each test's own changes still roll back) and removed when the module ends.
"""

from collections.abc import Iterator

import pytest
from pytest_django import DjangoDbBlocker

from visas.models import GniValue, RuleSource, VisaNote, VisaType
from visas.services import VisaRulesLoadResult, visa_rules_load


@pytest.fixture(scope="module")
def loaded_visa_rules(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[VisaRulesLoadResult]:
    with django_db_blocker.unblock():
        result = visa_rules_load()
    yield result
    with django_db_blocker.unblock():
        VisaType.objects.all().delete()
        VisaNote.objects.all().delete()
        GniValue.objects.all().delete()
        RuleSource.objects.all().delete()
