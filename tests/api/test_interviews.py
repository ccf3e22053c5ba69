"""Interviews through the API: the employer proposes in Korea time, reschedules and cancels;
the graduate lists the times in their own zone, books and cancels. Another company's member
and another graduate get 404 on every interview; anonymous callers 401."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from interviews.models import Interview, InterviewStatus
from tests.api.helpers import assert_error
from tests.interviews.helpers import kst, proposed, scene

pytestmark = pytest.mark.django_db

E, G = "/api/v1/employer", "/api/v1/graduate"


@pytest.fixture
def interview(employer: User, graduate: User) -> Interview:
    return proposed(scene(employer_user=employer, graduate_user=graduate), kst(3, 10))


def _employer_urls(interview: Interview) -> list[tuple[str, str]]:
    return [
        ("get", f"{E}/interviews/{interview.pk}/"),
        ("post", f"{E}/interviews/{interview.pk}/reschedule/"),
        ("post", f"{E}/interviews/{interview.pk}/cancel/"),
        ("post", f"{E}/applications/{interview.application_id}/interview/"),
    ]


def _graduate_urls(interview: Interview) -> list[tuple[str, str]]:
    return [
        ("get", f"{G}/interviews/{interview.pk}/"),
        ("post", f"{G}/interviews/{interview.pk}/book/"),
        ("post", f"{G}/interviews/{interview.pk}/cancel/"),
    ]


@pytest.mark.parametrize(
    ("persona", "code"),
    [("other_employer", 404), ("anonymous", 401), ("graduate", 403), ("other_graduate", 403),
     ("unverified_employer", 403)],
)  # fmt: skip
def test_only_the_companys_members_reach_its_interviews(
    persona_api: Any, interview: Interview, persona: str, code: int
):
    client = persona_api(persona)
    for method, url in _employer_urls(interview):
        response = getattr(client, method)(url, {}, format="json")
        assert response.status_code == code, (url, response.content)
    assert Interview.objects.get(pk=interview.pk).status == InterviewStatus.PROPOSED


@pytest.mark.parametrize(
    ("persona", "code"),
    [("other_graduate", 404), ("anonymous", 401), ("employer", 403), ("other_employer", 403),
     ("outsider", 403)],
)  # fmt: skip
def test_only_the_candidate_reaches_their_interview(
    persona_api: Any, interview: Interview, persona: str, code: int
):
    client = persona_api(persona)
    for method, url in _graduate_urls(interview):
        body = {"slot": interview.slots.first().pk}
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code == code, (url, response.content)
    assert Interview.objects.get(pk=interview.pk).status == InterviewStatus.PROPOSED
    if persona != "anonymous":
        listed = client.get(f"{G}/interviews/")
        assert listed.status_code == 403 or listed.json() == []


def test_the_employer_proposes_in_korea_time(employer_api: APIClient, employer: User):
    s = scene(employer_user=employer)
    day = kst(4, 0).date().isoformat()
    response = employer_api.post(
        f"{E}/applications/{s.application.pk}/interview/",
        {"slots": [f"{day}T10:00", f"{day}T15:30"], "video_link": "https://meet.example.com/x"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    # stored and answered in UTC: 10:00 and 15:30 KST are 01:00 and 06:30 UTC
    assert [slot["starts_at"][11:16] for slot in body["slots"]] == ["01:00", "06:30"]
    assert "10:00 in Seoul" in body["slots"][0]["shown"]
    again = employer_api.post(
        f"{E}/applications/{s.application.pk}/interview/",
        {"slots": [f"{day}T11:00"], "video_link": "https://meet.example.com/x"}, format="json",
    )  # fmt: skip
    assert_error(again, 400, "validation_error")


def test_a_past_time_is_a_field_error(employer_api: APIClient, employer: User):
    s = scene(employer_user=employer)
    response = employer_api.post(
        f"{E}/applications/{s.application.pk}/interview/",
        {"slots": ["2020-01-01T10:00"], "video_link": "https://meet.example.com/x"},
        format="json",
    )
    assert_error(response, 400, "validation_error", "slots")


def test_the_graduate_sees_their_zone_books_and_the_employer_sees_it(
    graduate_api: APIClient, employer_api: APIClient, interview: Interview
):
    listed = graduate_api.get(f"{G}/interviews/").json()
    assert listed[0]["time_zone"] == "Asia/Ho_Chi_Minh"
    assert "08:00 in Ho Chi Minh City (10:00 in Seoul)" in listed[0]["slots"][0]["shown"]

    slot = listed[0]["slots"][0]["id"]
    booked = graduate_api.post(f"{G}/interviews/{interview.pk}/book/", {"slot": slot})
    twice = graduate_api.post(f"{G}/interviews/{interview.pk}/book/", {"slot": slot})

    assert booked.status_code == twice.status_code == 200
    assert twice.json()["status"] == "booked" and twice.json()["sequence"] == 1
    seen = employer_api.get(f"{E}/interviews/{interview.pk}/").json()
    assert seen["booked_at"] is not None and seen["slots"][0]["is_booked"] is True

    moved = employer_api.post(
        f"{E}/interviews/{interview.pk}/reschedule/",
        {"slots": [kst(6, 9).isoformat()], "video_link": "https://meet.example.com/x"},
        format="json",
    )
    assert moved.json()["status"] == "proposed" and moved.json()["sequence"] == 2
    cancelled = graduate_api.post(f"{G}/interviews/{interview.pk}/cancel/", {"reason": "Sick"})
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["cancel_reason"] == "Sick"
