"""Staff map a typed skill label to a taxonomy skill; the graduate gets the skill."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from profiles.models import GraduateSkill, UnmatchedSkill
from tests import factories
from tests.profiles.factories import UnmatchedSkillFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:profiles_unmatchedskill_changelist")


def test_map_action_adds_the_skill_and_marks_the_label_resolved(staff_client, graduate):
    profile = graduate.graduate_profile
    pending = UnmatchedSkillFactory(profile=profile, label="Wafer whispering", level=4)
    skill = factories.SkillFactory(name="Wafer inspection")
    confirm = staff_client.post(
        CHANGELIST, {"action": "map_to_skill", ACTION_CHECKBOX_NAME: [pending.pk]}
    )
    assert confirm.status_code == 200
    assert "Wafer whispering" in confirm.content.decode()
    response = staff_client.post(
        CHANGELIST,
        {
            "action": "map_to_skill",
            ACTION_CHECKBOX_NAME: [pending.pk],
            "apply": "1",
            "skill": skill.pk,
        },
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.resolved_skill == skill and pending.resolved_at is not None
    assert GraduateSkill.objects.get(profile=profile, skill=skill).level == 4


def test_a_mapped_label_typed_again_resolves_to_the_mapped_skill(graduate, graduate_client):
    profile = graduate.graduate_profile
    skill = factories.SkillFactory(name="Wafer inspection")
    UnmatchedSkill.objects.create(
        profile=profile, label="Wafer whispering", level=2, resolved_skill=skill
    )
    data = {
        "skills-TOTAL_FORMS": "1", "skills-INITIAL_FORMS": "0",
        "skills-MIN_NUM_FORMS": "0", "skills-MAX_NUM_FORMS": "40",
        "skills-0-name": "wafer whispering", "skills-0-level": "5", "continue": "1",
    }  # fmt: skip
    graduate_client.post(reverse("graduate:step", kwargs={"step": "skills"}), data)
    assert GraduateSkill.objects.get(profile=profile, skill=skill).level == 5
    assert UnmatchedSkill.objects.filter(profile=profile).count() == 1


def test_the_unmatched_list_is_for_staff_only(graduate_client, staff_client):
    assert staff_client.get(CHANGELIST).status_code == 200
    assert graduate_client.get(CHANGELIST).status_code == 302
