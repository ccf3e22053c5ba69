"""Factories of the employer portal's own rows (the shared ones live in tests/factories.py)."""

import datetime

import factory
from django.utils import timezone

from employers.models import ColleagueInvitation, MemberRole
from tests.factories import EmployerFactory


class ColleagueInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ColleagueInvitation

    employer = factory.SubFactory(EmployerFactory)
    email = factory.Sequence(lambda n: f"colleague{n}@example.com")
    role = MemberRole.RECRUITER
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
