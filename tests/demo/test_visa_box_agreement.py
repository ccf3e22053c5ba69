"""On every pair of the demo data, the job page's visa box and the match explanation say the
same about the visa: no page says "this offer needs no new visa" beside "Visa route: missing",
or "the employer does not sponsor" beside a match that counts the route as met. Where the box
says a route may open (it depends on facts the rules cannot see), the match keeps the pair."""

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from demo.services import DemoSize, demo_seed
from jobs.models import JobPosting
from jobs.selectors import offer_facts_for_posting
from matching.selectors import explanations_for
from matching.vocabulary import Constraint
from profiles.models import GraduateProfile
from visas.rules import RuleInputError
from visas.selectors import person_facts_for_graduate, visa_offer_verdict

pytestmark = pytest.mark.django_db

VISA = {Constraint.SPONSORSHIP, Constraint.VISA_ROUTE}


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        demo_seed(size=DemoSize(postings=60, graduates=120, applications=0))
        yield
        transaction.set_rollback(True)


def test_the_visa_box_and_the_explanation_agree_on_every_demo_pair(demo: None) -> None:
    postings = list(JobPosting.objects.public().order_by("id"))
    profiles = list(GraduateProfile.objects.order_by("id"))
    offers = {p.pk: offer_facts_for_posting(posting=p) for p in postings}
    today = timezone.localdate()
    explained = explanations_for(graduate_ids=[g.pk for g in profiles], posting_ids=list(offers))
    checked, uncertain, disagreements = 0, 0, []
    for profile in profiles:
        try:
            person = person_facts_for_graduate(profile=profile)
        except RuleInputError:
            continue  # the box asks for the missing facts instead of a verdict
        for posting_id, offer in offers.items():
            verdict = visa_offer_verdict(person=person, offer=offer, on=today)
            checks = explained.pair(profile.pk, posting_id).constraints
            visa_ok = all(c.ok for c in checks if c.name in VISA)
            # "May open" (facts the rules cannot see): the match must not rule the route out.
            expected = True if verdict.opens_route is None else verdict.opens_route
            uncertain += verdict.opens_route is None
            checked += 1
            if visa_ok != expected:
                disagreements.append((profile.pk, posting_id, verdict.summary, visa_ok))
    assert disagreements == []
    assert checked > 3000 and 0 < uncertain < checked, (checked, uncertain)
