"""Work-visa feasibility when no visa rules are loaded: no figures rather than everyone shut
out. (A module of its own: test_visa_feasibility loads the rules for the whole module.)"""

import pytest

from analytics.selectors import visa_feasibility
from analytics.services import skills_summary_compute
from tests.analytics.test_visa_feasibility import _graduates
from tests.factories import JobPostingFactory
from visas.models import VisaType

pytestmark = pytest.mark.django_db


def test_without_visa_rules_loaded_there_are_no_figures():
    assert not VisaType.objects.exists()
    JobPostingFactory(salary_min_krw=47_000_000, salary_max_krw=55_000_000)
    _graduates(12, "VN", degree="master")

    run = skills_summary_compute()

    assert run.visa_offer_salary is None and visa_feasibility() == []
