"""A graduate who withdrew is hidden from the company at once, and one it rejected after
REJECTED_VISIBLE_DAYS: name, e-mail, cover letter, profile and CV, on pages and in the API.
The application row stays, for the company's own records."""

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from jobs.models import ApplicationStatus
from jobs.selectors.candidates import REJECTED_VISIBLE_DAYS
from jobs.services import application_move, application_withdraw
from tests import factories
from tests.employers.test_revoked_company import EMAIL, LETTER, NAME, _paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def applied() -> dict[str, Any]:
    member = factories.EmployerMemberFactory()
    posting = factories.JobPostingFactory(employer=member.employer)
    graduate = factories.GraduateProfileFactory(
        user__full_name=NAME, user__email=EMAIL, visibility="applied_only"
    )
    application = factories.ApplicationFactory(
        graduate=graduate, posting=posting, cover_letter=LETTER
    )
    return {
        "member": member.user,
        "graduate": graduate,
        "application": application,
        "ids": sorted({posting.pk, graduate.pk, graduate.user.pk, application.pk}),
    }


def _seen(applied: dict[str, Any]) -> list[str]:
    page, api = Client(), APIClient()
    page.force_login(applied["member"])
    api.force_authenticate(applied["member"])
    seen = []
    for path in _paths(applied["ids"]):
        for client in (page, api):
            body = client.get(path).content.decode(errors="replace")
            if any(marker in body for marker in (NAME, EMAIL, LETTER)):
                seen.append(path)
    return seen


def test_the_company_sees_an_open_application(applied):
    assert _seen(applied)  # the walk can find the applicant


def test_a_withdrawn_applicant_is_hidden_at_once(applied):
    application_withdraw(application=applied["application"], by=applied["graduate"].user)
    assert _seen(applied) == [], _seen(applied)


def test_a_rejected_applicant_is_hidden_after_the_period(applied):
    application_move(
        application=applied["application"],
        to_status=ApplicationStatus.REJECTED,
        by=applied["member"],
        rejection_reason="Another candidate fitted better.",
    )
    assert _seen(applied)  # still there to answer them
    later = timezone.now() + datetime.timedelta(days=REJECTED_VISIBLE_DAYS + 1)
    with time_machine.travel(later):
        assert _seen(applied) == [], _seen(applied)


def test_news_about_an_applicant_hidden_since_loses_the_name(django_capture_on_commit_callbacks):
    from jobs.services import application_submit
    from jobs.tasks import closed_applicants_forget_task
    from notifications.models import Notification

    member = factories.EmployerMemberFactory()
    posting = factories.JobPostingFactory(employer=member.employer)
    graduate = factories.GraduateProfileFactory(user__full_name=NAME)
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(
            graduate=factories.ready_to_apply(graduate), posting=posting, cover_letter="Hi"
        )
        application_move(
            application=application, to_status="rejected", by=member.user, rejection_reason="No"
        )
    news = Notification.objects.filter(user=member.user)
    assert NAME in str(list(news.values_list("params", flat=True)))

    closed_applicants_forget_task()  # not yet: the company may still answer them
    assert NAME in str(list(news.values_list("params", flat=True)))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=REJECTED_VISIBLE_DAYS + 1)):
        closed_applicants_forget_task()
    assert NAME not in str(list(news.values_list("params", flat=True)))
