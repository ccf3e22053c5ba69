"""The change feed: services below matching announce edits, matching records them in its outbox
within the same transaction."""

import pytest
from django.db import transaction

from core.changes import (
    ChangeKind,
    change_announce,
    change_listener_add,
    change_listener_remove,
)
from employers.models import VerificationStatus
from employers.services import employer_set_verification
from matching.models import MatchingChange
from profiles.services import graduate_skills_set
from tests import factories

pytestmark = pytest.mark.django_db


def _pending(kind: str) -> set[int]:
    return set(MatchingChange.objects.filter(kind=kind).values_list("entity_id", flat=True))


def test_a_profile_edit_is_announced_to_matching_in_its_transaction() -> None:
    profile = factories.GraduateProfileFactory()
    skill = factories.SkillFactory()

    graduate_skills_set(profile=profile, levels={skill.pk: 3})

    assert _pending(ChangeKind.GRADUATE) == {profile.pk}


def test_an_edit_that_rolls_back_leaves_no_announcement() -> None:
    profile = factories.GraduateProfileFactory()
    skill = factories.SkillFactory()

    with pytest.raises(RuntimeError), transaction.atomic():
        graduate_skills_set(profile=profile, levels={skill.pk: 3})
        raise RuntimeError("the request failed after the edit")

    assert _pending(ChangeKind.GRADUATE) == set()


def test_verifying_a_company_announces_each_of_its_postings() -> None:
    company = factories.EmployerFactory(verification_status=VerificationStatus.PENDING)
    postings = factories.JobPostingFactory.create_batch(2, employer=company)

    employer_set_verification(
        employer=company, status=VerificationStatus.VERIFIED, by=None, note="checked"
    )

    assert _pending(ChangeKind.POSTING) == {p.pk for p in postings}


def test_a_listener_added_twice_hears_each_announcement_once() -> None:
    heard: list[tuple[str, int]] = []

    def listener(*, kind: str, entity_id: int) -> None:
        heard.append((kind, entity_id))

    change_listener_add(listener)
    change_listener_add(listener)
    try:
        change_announce(kind=ChangeKind.POSTING, entity_id=7)
    finally:
        change_listener_remove(listener)

    assert heard == [(ChangeKind.POSTING, 7)]
