"""The interview pages: the employer proposes in Korea time (a mistake keeps what was typed),
the graduate sees their zone and books, both download the calendar file, the pipeline and the
application pages show the booked time; anyone else gets 404."""

from datetime import UTC

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from accounts.models import User
from interviews.models import Interview, InterviewStatus
from interviews.services import interview_book
from jobs.services import application_withdraw
from tests.i18n.test_employer_pages_korean import _english_left
from tests.interviews.helpers import kst, proposed, scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def interview(employer: User, graduate: User) -> Interview:
    return proposed(scene(employer_user=employer, graduate_user=graduate), kst(3, 10))


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_employer_proposes_times_typed_in_korea_time(employer_client: Client, employer: User):
    s = scene(employer_user=employer)
    day = kst(5, 0).date().isoformat()
    url = reverse("employer:interview_schedule", args=[s.application.pk])
    assert "Korea time" in employer_client.get(url).content.decode()

    response = employer_client.post(url, {
        "slot_1": f"{day}T10:00", "slot_2": f"{day}T14:00", "mode": "video",
        "video_link": "https://meet.example.com/abc", "duration_minutes": 45,
    })  # fmt: skip

    interview = Interview.objects.get(application=s.application)
    assert response.status_code == 302
    assert [t.starts_at.astimezone(UTC).hour for t in interview.slots.all()] == [1, 5]


def test_a_mistake_is_explained_and_nothing_typed_is_lost(employer_client: Client, employer: User):
    s = scene(employer_user=employer)
    url = reverse("employer:interview_schedule", args=[s.application.pk])
    response = employer_client.post(url, {
        "slot_1": "2020-01-07T10:00", "mode": "video", "video_link": "https://meet.example.com/k",
        "duration_minutes": 45, "note": "Bring your portfolio",
    })  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400
    assert "has already passed" in page
    assert 'value="2020-01-07T10:00"' in page and "Bring your portfolio" in page
    assert not Interview.objects.exists()


def test_the_graduate_sees_times_in_their_zone_and_books(graduate_client: Client, interview):
    page = graduate_client.get(reverse("graduate:interview", args=[interview.pk])).content.decode()
    assert "08:00 in Ho Chi Minh City (10:00 in Seoul)" in page

    slot = interview.slots.first()
    graduate_client.post(reverse("graduate:interview_book", args=[interview.pk]), {"slot": slot.pk})

    interview.refresh_from_db()
    assert interview.status == InterviewStatus.BOOKED
    detail = reverse("graduate:application_detail", args=[interview.application_id])
    assert "08:00 in Ho Chi Minh City" in graduate_client.get(detail).content.decode()


def test_the_graduate_changes_their_time_zone(graduate_client: Client, interview):
    url = reverse("graduate:interview_time_zone", args=[interview.pk])
    graduate_client.post(url, {"time_zone": "Australia/Sydney"})
    page = graduate_client.get(reverse("graduate:interview", args=[interview.pk])).content.decode()
    assert "in Sydney (10:00 in Seoul)" in page
    graduate_client.post(url, {"time_zone": "Nowhere/Nothing"})
    assert (
        "in Sydney"
        in graduate_client.get(reverse("graduate:interview", args=[interview.pk])).content.decode()
    )


def test_both_sides_download_the_calendar_file_once_booked(
    graduate_client: Client, employer_client: Client, interview, graduate: User
):
    slot = interview.slots.first()
    ics_url = reverse("graduate:interview_ics", args=[interview.pk])
    assert graduate_client.get(ics_url).status_code == 404  # nothing booked yet
    interview_book(interview=interview, slot_id=slot.pk, by=graduate)

    employer_url = reverse("employer:interview_ics", args=[interview.pk])
    for client, url in ((graduate_client, ics_url), (employer_client, employer_url)):
        response = client.get(url)
        assert response["Content-Type"].startswith("text/calendar")
        event = Calendar.from_ical(response.content).walk("VEVENT")[0]
        assert event.decoded("dtstart") == slot.starts_at
        assert (
            response.content.decode().count(f"{slot.starts_at.astimezone(UTC):%Y%m%dT%H%M%S}Z") == 1
        )


def test_the_pipeline_and_the_application_show_the_booked_time_in_korea_time(
    employer_client: Client, interview, graduate: User
):
    interview_book(interview=interview, slot_id=interview.slots.first().pk, by=graduate)
    posting = interview.application.posting
    board = employer_client.get(reverse("employer:pipeline", args=[posting.pk])).content.decode()
    assert "10:00 KST" in board
    detail = reverse("employer:application_detail", args=[interview.application_id])
    assert "10:00 KST" in employer_client.get(detail).content.decode()


@pytest.mark.parametrize("persona", ["other_employer", "other_graduate"])
def test_someone_elses_interview_is_not_found(request, interview, persona: str):
    client = _client(request.getfixturevalue(persona))
    side = "employer" if "employer" in persona else "graduate"
    for name in ("interview", "interview_ics"):
        assert client.get(reverse(f"{side}:{name}", args=[interview.pk])).status_code == 404
    for name in ("interview_cancel",):
        assert client.post(reverse(f"{side}:{name}", args=[interview.pk])).status_code == 404
    if side == "employer":
        url = reverse("employer:interview_schedule", args=[interview.application_id])
        assert client.get(url).status_code == 404
    else:
        url = reverse("graduate:interview_book", args=[interview.pk])
        assert client.post(url, {"slot": interview.slots.first().pk}).status_code == 404
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.PROPOSED


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, interview):
    for url in (reverse("graduate:interview", args=[interview.pk]),
                reverse("employer:interview", args=[interview.pk])):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.fixture
def _english_afterwards():
    """Requests in Korean leave Korean active in this thread; later tests expect English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.usefixtures("_english_afterwards")
def test_the_employers_interview_pages_are_in_korean(employer: User, interview, graduate: User):
    interview_book(interview=interview, slot_id=interview.slots.first().pk, by=graduate)
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    client.force_login(employer)
    for url in (
        reverse("employer:interview", args=[interview.pk]),
        reverse("employer:interview_schedule", args=[interview.application_id]),
        reverse("employer:application_detail", args=[interview.application_id]),
        reverse("employer:pipeline", args=[interview.application.posting_id]),
    ):
        html = client.get(url).content.decode()
        assert '<html lang="ko">' in html, url
        assert _english_left(html) == [], url
    assert (
        "면접 취소"
        in client.get(reverse("employer:interview", args=[interview.pk])).content.decode()
    )


def test_the_employer_reschedules_a_booked_interview_and_then_cancels_it(
    employer_client: Client, interview, graduate: User
):
    interview_book(interview=interview, slot_id=interview.slots.first().pk, by=graduate)
    url = reverse("employer:interview_schedule", args=[interview.application_id])
    form = employer_client.get(url).content.decode()
    assert f'value="{kst(3, 10):%Y-%m-%dT%H:%M}"' in form  # the current time, in KST

    employer_client.post(url, {
        "slot_1": f"{kst(8, 9):%Y-%m-%dT%H:%M}", "mode": "phone", "duration_minutes": 30,
    })  # fmt: skip
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.PROPOSED and interview.sequence == 2
    assert interview.mode == "phone" and interview.duration_minutes == 30

    employer_client.post(reverse("employer:interview_cancel", args=[interview.pk]),
                         {"reason": "The role is filled"})  # fmt: skip
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.CANCELLED and interview.cancelled_by == "employer"
    page = employer_client.get(reverse("employer:interview", args=[interview.pk])).content.decode()
    assert "The role is filled" in page


def test_a_withdrawn_applicants_name_leaves_the_employers_interview_page(
    employer_client: Client, interview, graduate: User
):
    url = reverse("employer:interview", args=[interview.pk])
    name = graduate.get_full_name()
    assert name in employer_client.get(url).content.decode()
    application_withdraw(application=interview.application, by=graduate)
    assert name not in employer_client.get(url).content.decode()
