"""Moving several applications from a posting's board at once (portal.employer.applications)."""

import pytest
from django.test import Client
from django.urls import reverse

from jobs.models import Application
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def applications(posting):
    return [factories.ApplicationFactory(posting=posting) for _ in range(3)]


def _bulk(client, posting, **data):
    return client.post(reverse("employer:pipeline_bulk_move", args=[posting.pk]), data)


def test_the_board_moves_the_ticked_applications_and_says_how_many(
    employer_client, posting, applications, django_capture_on_commit_callbacks
):
    ids = [applications[0].pk, applications[1].pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = _bulk(employer_client, posting, applications=ids, to_status="rejected",
                         rejection_reason="The role is filled.")  # fmt: skip
    assert response.url == reverse("employer:pipeline", args=[posting.pk])
    moved = Application.objects.filter(pk__in=ids)
    assert {a.status for a in moved} == {"rejected"}
    assert {a.rejection_reason for a in moved} == {"The role is filled."}
    assert Notification.objects.filter(kind="application_moved").count() == 2
    board = employer_client.get(response.url).content.decode()
    assert "2 moved." in board
    applications[2].refresh_from_db()
    assert applications[2].status == "applied"


def test_a_rejection_without_a_reason_moves_nothing_and_shows_why(
    employer_client, posting, applications
):
    ids = [a.pk for a in applications]
    response = _bulk(employer_client, posting, applications=ids, to_status="rejected")
    assert response.status_code == 400
    assert "Give a reason for the rejection." in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert set(Application.objects.values_list("status", flat=True)) == {"applied"}


def test_a_summary_names_what_could_not_move(employer_client, posting, applications):
    applications[0].status = "hired"
    applications[0].save()
    ids = [a.pk for a in applications]
    response = _bulk(employer_client, posting, applications=ids, to_status="screening")
    page = employer_client.get(response.url).content.decode()
    assert "2 moved, 1 could not be moved:" in page


def test_another_companys_application_ids_are_ignored(
    employer_client, posting, applications, other_employer
):
    theirs = factories.ApplicationFactory(
        posting=factories.JobPostingFactory(employer=other_employer.employer_membership.employer)
    )
    response = _bulk(employer_client, posting, applications=[theirs.pk], to_status="screening")
    assert response.status_code == 400
    theirs.refresh_from_db()
    assert theirs.status == "applied"


@pytest.mark.parametrize("persona", ["other_employer", "graduate", "other_graduate"])
def test_other_people_get_404(request, posting, applications, persona):
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    response = _bulk(client, posting, applications=[applications[0].pk], to_status="screening")
    assert response.status_code == 404
    assert set(Application.objects.values_list("status", flat=True)) == {"applied"}
