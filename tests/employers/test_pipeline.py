"""The applications pipeline: allowed moves only, who/when/note recorded, messages to the
graduate, crafted posts from other companies, and the dashboard's figures."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobs.models import PIPELINE_TRANSITIONS, ApplicationStatus, ApplicationStatusChange
from jobs.selectors import employer_dashboard_figures
from jobs.services import application_move, application_submit
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(posting, graduate):
    return application_submit(
        graduate=factories.ready_to_apply(graduate.graduate_profile),
        posting=posting,
        cover_letter="Hello <team>",
    )


def _move(client: Client, application, **data):
    return client.post(reverse("employer:application_move", args=[application.pk]), data)


def test_moving_records_who_when_note_and_message_and_tells_the_graduate(
    employer, employer_client, application, graduate, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _move(
            employer_client,
            application,
            to_status="interview",
            note="Strong etch background",
            message="Please come on Tuesday at 10:00.",
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "interview"
    change = application.history.last()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "applied",
        "interview",
        employer,
    )
    assert change.note == "Strong etch background"
    assert change.message == "Please come on Tuesday at 10:00."
    note = Notification.objects.get(user=graduate, kind="application_moved")
    assert note.params["status"] == "interview"
    assert "Tuesday" in note.params["message"] and "Strong etch" not in str(note.params)
    (mail,) = mailoutbox
    assert mail.to == [graduate.email] and "Interview" in mail.subject
    assert "Tuesday at 10:00" in mail.body and "Strong etch" not in mail.body


ALL_MOVES = [
    (source, target)
    for source in ApplicationStatus.values
    for target in ApplicationStatus.values
    if source != target and target != "withdrawn"
]


@pytest.mark.parametrize("source,target", ALL_MOVES)
def test_only_pipeline_transitions_are_accepted_through_the_view(
    employer_client, application, source, target
):
    application.status = source
    application.save()
    response = _move(employer_client, application, to_status=target, rejection_reason="Too far")
    application.refresh_from_db()
    if target in PIPELINE_TRANSITIONS[source]:
        assert response.status_code == 302 and application.status == target
    else:
        assert response.status_code == 400 and application.status == source


def test_withdrawing_is_the_graduates_move_only(employer, employer_client, application):
    response = _move(employer_client, application, to_status="withdrawn")
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == "applied"


def test_a_rejection_needs_a_reason_and_keeps_it(employer_client, application, graduate):
    response = _move(employer_client, application, to_status="rejected")
    assert response.status_code == 400
    assert "Give a reason" in response.content.decode()
    _move(employer_client, application, to_status="rejected", rejection_reason="Needs TOPIK 4")
    application.refresh_from_db()
    assert (application.status, application.rejection_reason) == ("rejected", "Needs TOPIK 4")
    note = Notification.objects.get(user=graduate, kind="application_moved")
    assert note.params["rejection_reason"] == "Needs TOPIK 4"


def test_a_move_refused_for_a_missing_reason_is_announced_and_titled_as_an_error(
    employer_client, application
):
    """Not only a field error: an alert summing up what to correct, with a link to the field,
    and a page title that starts with "Error:" (what a screen reader reads first)."""
    response = _move(employer_client, application, to_status="rejected")

    assert response.status_code == 400
    page = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip()
    assert title.startswith("Error: ")
    summary = re.search(
        r'<div class="alert alert-error error-summary" role="alert">(.*?)</div>\s*</div>',
        page,
        re.S,
    )
    assert summary is not None
    assert 'href="#id_rejection_reason"' in summary.group(1)
    assert "Give a reason" in summary.group(1)


def test_the_employer_is_told_the_reason_goes_to_the_candidate_and_sees_it(
    employer_client, application
):
    """The candidate reads the rejection reason: the form says so, and the application page
    shows the employer what the candidate was told (the internal note stays marked private)."""
    form_page = employer_client.get(
        reverse("employer:application_detail", args=[application.pk])
    ).content.decode()
    assert "The candidate sees this reason" in form_page
    _move(employer_client, application, to_status="rejected", rejection_reason="Needs TOPIK 4")
    page = employer_client.get(
        reverse("employer:application_detail", args=[application.pk])
    ).content.decode()
    assert "Reason given to the candidate" in page and "Needs TOPIK 4" in page


def test_a_crafted_post_from_another_company_changes_nothing(other_employer, application):
    client = Client()
    client.force_login(other_employer)
    response = _move(client, application, to_status="screening")
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == "applied" and application.history.count() == 1
    detail = client.get(reverse("employer:application_detail", args=[application.pk]))
    assert detail.status_code == 404


@pytest.mark.parametrize("persona", ["graduate", "other_graduate", "unverified_employer"])
def test_other_personas_cannot_see_or_move_the_application(request, application, persona):
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    assert _move(client, application, to_status="screening").status_code == 404
    url = reverse("employer:application_detail", args=[application.pk])
    assert client.get(url).status_code == 404
    application.refresh_from_db()
    assert application.status == "applied"


def test_anonymous_visitors_sign_in_first(application):
    response = _move(Client(), application, to_status="screening")
    assert response.status_code == 302 and "login" in response.url
    application.refresh_from_db()
    assert application.status == "applied"


def test_the_application_page_shows_letter_escaped_and_history(employer_client, application):
    page = employer_client.get(reverse("employer:application_detail", args=[application.pk]))
    html = page.content.decode()
    assert "Hello &lt;team&gt;" in html and "<team>" not in html
    assert 'value="screening"' in html and 'value="offer"' not in html


def test_the_board_puts_applications_in_their_columns(employer, employer_client, posting):
    profiles = [factories.ApplicantFactory() for _ in range(3)]
    moved = []
    for profile in profiles:
        moved.append(application_submit(graduate=profile, posting=posting, cover_letter=""))
    application_move(application=moved[1], to_status="interview", by=employer)
    page = employer_client.get(reverse("employer:pipeline", args=[posting.pk]))
    columns = {status: apps for status, _label, apps in page.context["board"]}
    assert columns["applied"] == [moved[0], moved[2]]
    assert columns["interview"] == [moved[1]]


def test_the_board_uses_a_constant_number_of_queries(
    employer_client, posting, django_assert_num_queries
):
    application_submit(graduate=factories.ApplicantFactory(), posting=posting, cover_letter="")
    url = reverse("employer:pipeline", args=[posting.pk])
    employer_client.get(url)  # the first fills what is kept (the nav's unread figure)
    with CaptureQueriesContext(connection) as few:
        employer_client.get(url)
    for _ in range(4):
        application_submit(graduate=factories.ApplicantFactory(), posting=posting, cover_letter="")
    with django_assert_num_queries(len(few)):
        employer_client.get(url)


def test_a_new_application_notifies_every_member_of_the_company(
    employer, company, posting, graduate, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = factories.EmployerMemberFactory(employer=company, role="recruiter").user
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(
            graduate=factories.ready_to_apply(graduate.graduate_profile),
            posting=posting,
            cover_letter="",
        )
    assert set(
        Notification.objects.filter(kind="new_application").values_list("user", flat=True)
    ) == {employer.pk, colleague.pk}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([employer.email, colleague.email])


# --- the dashboard ---------------------------------------------------------------------------


def test_dashboard_counts_postings_applications_and_time_in_stage(employer, company, posting):
    factories.JobPostingFactory(employer=company, status="draft", published_at=None)
    first = application_submit(
        graduate=factories.ApplicantFactory(), posting=posting, cover_letter=""
    )
    application_submit(graduate=factories.ApplicantFactory(), posting=posting, cover_letter="")
    application_move(application=first, to_status="screening", by=employer)
    # The first stayed four days in "applied" before screening.
    start = timezone.now() - datetime.timedelta(days=4)
    first.history.filter(to_status="applied").update(changed_at=start)
    ApplicationStatusChange.objects.filter(application=first, to_status="screening").update(
        changed_at=start + datetime.timedelta(days=4)
    )

    figures = employer_dashboard_figures(employer=company)

    assert (figures.open_postings, figures.draft_postings, figures.new_applications) == (1, 1, 1)
    stages = {stage.status: stage for stage in figures.pipeline}
    assert stages["applied"].count == 1 and stages["screening"].count == 1
    # "applied": 4 days for the first, about 0 for the second (still there)
    assert stages["applied"].average_days == pytest.approx(2.0, abs=0.1)
    assert stages["interview"].average_days is None


def test_dashboard_page_shows_the_figures(employer_client, posting, application):
    page = employer_client.get(reverse("employer:dashboard"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Hiring pipeline" in html and posting.title in html


def test_another_company_sees_none_of_this_on_its_dashboard(other_employer, posting, application):
    client = Client()
    client.force_login(other_employer)
    html = client.get(reverse("employer:dashboard")).content.decode()
    assert posting.title not in html
