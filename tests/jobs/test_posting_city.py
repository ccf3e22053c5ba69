"""A posting's city, shown with its province ("Suwon, Gyeonggi") wherever the job's place is."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from jobs.models import JobPosting
from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def suwon() -> JobPosting:
    return JobPostingFactory(title="Etch process engineer", region="gyeonggi", city="Suwon")


def test_location_is_city_and_province_or_the_province_alone():
    assert JobPosting(region="gyeongnam", city="Geoje").location == "Geoje, South Gyeongsang"
    assert JobPosting(region="chungnam", city="").location == "South Chungcheong"
    assert JobPosting(region="ulsan", city="Ulsan").location == "Ulsan"


def test_job_cards_and_the_job_page_show_city_and_province(client: Client, suwon: JobPosting):
    listing = client.get(reverse("jobs:list")).content.decode()
    detail = client.get(reverse("jobs:detail", args=[suwon.pk])).content.decode()

    assert "Suwon, Gyeonggi" in listing
    assert "Suwon, Gyeonggi" in detail


def test_the_api_gives_the_city_and_the_location(suwon: JobPosting):
    api = APIClient()
    detail = api.get(f"/api/v1/postings/{suwon.pk}/").json()
    found = api.get("/api/v1/postings/").json()["results"][0]

    assert (detail["city"], detail["location"]) == ("Suwon", "Suwon, Gyeonggi")
    assert (found["city"], found["location"]) == ("Suwon", "Suwon, Gyeonggi")


def test_the_admin_lists_the_location(staff_client: Client, suwon: JobPosting):
    page = staff_client.get(reverse("admin:jobs_jobposting_changelist")).content.decode()

    assert "Suwon, Gyeonggi" in page
