"""Fixtures of the employer portal tests: a posting of the `employer` persona's company, graduates
who fit it, and a helper that runs matching so the ranked lists exist."""

import pytest

from jobs.models import JobPosting
from matching.services import match_run_request
from tests import factories


@pytest.fixture
def company(employer):
    return employer.employer_membership.employer


@pytest.fixture
def posting(company) -> JobPosting:
    """An open posting needing two skills the `fitting_graduates` hold."""
    posting = factories.JobPostingFactory(employer=company, title="Etch process engineer")
    factories.PostingSkillFactory(posting=posting, min_level=3)
    factories.PostingSkillFactory(posting=posting, min_level=3, requirement="nice")
    return posting


@pytest.fixture
def fitting_graduates(posting, graduate, other_graduate):
    """The two graduate personas: `graduate` holds both skills, `other_graduate` only one."""
    required = posting.skills.get(requirement="required")
    nice = posting.skills.get(requirement="nice")
    for row in (required, nice):
        factories.GraduateSkillFactory(profile=graduate.graduate_profile, skill=row.skill, level=4)
    factories.GraduateSkillFactory(
        profile=other_graduate.graduate_profile, skill=nice.skill, level=3
    )
    return graduate.graduate_profile, other_graduate.graduate_profile


@pytest.fixture
def run_matching(django_capture_on_commit_callbacks):
    def run() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            match_run_request()

    return run
