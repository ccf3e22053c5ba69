"""Skill lists written by services: bad rows get a clear ValidationError and change nothing."""

import pytest
from django.core.exceptions import ValidationError

from jobs.services import posting_skills_set
from profiles.services import graduate_skills_set
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_graduate_skill_id_that_names_no_skill_is_refused_and_nothing_changes():
    kept = factories.GraduateSkillFactory(level=3)
    profile = kept.profile
    with pytest.raises(ValidationError, match="No skill has the id 987654"):
        graduate_skills_set(profile=profile, levels={kept.skill_id: 4, 987654: 2})
    assert [(s.skill_id, s.level) for s in profile.skills.all()] == [(kept.skill_id, 3)]


def test_a_posting_skill_id_that_names_no_skill_is_refused_and_nothing_changes():
    kept = factories.PostingSkillFactory(min_level=2)
    posting = kept.posting
    with pytest.raises(ValidationError, match="No skill has the id 987654"):
        posting_skills_set(
            posting=posting,
            skills=[(kept.skill_id, "required", 3, 1.0), (987654, "required", 2, 1.0)],
        )
    assert [(s.skill_id, s.min_level) for s in posting.skills.all()] == [(kept.skill_id, 2)]


def test_a_posting_skill_with_an_unknown_requirement_is_refused():
    skill = factories.SkillFactory()
    posting = factories.JobPostingFactory()
    with pytest.raises(ValidationError, match="the requirement must be one of breaker, required"):
        posting_skills_set(posting=posting, skills=[(skill.pk, "essential", 3, 1.0)])
    assert not posting.skills.exists()
