"""The staff's skills analytics pages: the table, the chart's JSON and the CSV agree, filters
narrow all three, nobody but staff gets in, and a week without figures says so."""

import csv
import io
from datetime import date

import pytest
from django.test import Client

from analytics.models import SummaryRun
from analytics.services import skills_summary_compute
from tests.analytics.world import analytics_world
from tests.factories import GraduateProfileFactory, GraduateSkillFactory

pytestmark = pytest.mark.django_db
PAGE = "/staff/analytics/skills/"


@pytest.fixture
def computed():
    analytics_world()
    skills_summary_compute()


def test_the_page_the_chart_and_the_csv_agree(staff_client: Client, computed):
    page = staff_client.get(PAGE, {"industry": "batteries"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Etch process" in html and "Python" not in html.split("Courses for the widest")[0]
    data = staff_client.get("/staff/analytics/skills.json", {"industry": "batteries"}).json()
    assert (data["kind"], data["labels"]) == ("bar", ["Etch process"])
    assert [series["values"] for series in data["series"]] == [[2], [12]]
    sheet = staff_client.get("/staff/analytics/skills.csv", {"industry": "batteries"})
    rows = list(csv.DictReader(io.StringIO(sheet.content.decode("utf-8-sig"))))
    assert [
        (r["subject"], r["openings"], r["qualified_graduates"], r["industry"]) for r in rows
    ] == [("Etch process", "2", "12", "batteries")]
    assert sheet["Content-Disposition"].startswith("attachment")
    assert sheet.content.startswith("\ufeff".encode())  # Excel reads Hangul and Thai right
    assert rows[0]["gap"] == "-10"  # a number, not a quoted formula


def test_the_widest_gap_shows_its_courses_or_unserved(staff_client: Client, computed):
    html = staff_client.get(PAGE).content.decode()
    courses = html.split("Courses for the widest gaps")[1]
    assert "Python" in courses and "Unserved" in courses  # no course teaches Python 3 yet


def test_bad_filters_count_as_all(staff_client: Client, computed):
    answer = staff_client.get("/staff/analytics/skills.json", {"country": "XX", "week": "soon"})
    assert answer.status_code == 200
    assert set(answer.json()["labels"]) == {
        "Python", "Lithography", "Etch process",
    }  # fmt: skip


def test_only_staff(graduate_client: Client, employer_client: Client, computed):
    for client in (graduate_client, employer_client):
        assert client.get(PAGE).status_code == 403
        assert client.get("/staff/analytics/skills.json").status_code == 403
        assert client.get("/staff/analytics/skills.csv").status_code == 403
        assert client.post("/staff/analytics/skills/refresh/").status_code == 403
    assert Client().get(PAGE).status_code == 302  # to sign in


def test_no_figures_yet_then_computed_on_request(
    staff_client: Client, django_capture_on_commit_callbacks
):
    assert "No figures yet" in staff_client.get(PAGE).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = staff_client.post("/staff/analytics/skills/refresh/", follow=True)
    assert SummaryRun.objects.count() == 1  # the task runs in-process in tests
    assert "being computed" in answer.content.decode()


def test_the_staff_dashboard_links_to_it(staff_client: Client):
    assert PAGE in staff_client.get("/staff/").content.decode()


def test_a_skills_trend_week_by_week(staff_client: Client, db):
    world = analytics_world()
    skills_summary_compute(today=date(2026, 11, 18))
    for _ in range(10):  # ten more Vietnamese Python graduates the next week
        GraduateSkillFactory(profile=GraduateProfileFactory(nationality="VN"), skill=world.python)
    skills_summary_compute(today=date(2026, 11, 25))
    url = f"/staff/analytics/skills/skill/{world.python.pk}/trend"
    data = staff_client.get(f"{url}.json", {"country": "VN", "week": "ignored"}).json()
    assert (data["kind"], data["labels"]) == ("line", ["2026-11-16", "2026-11-23"])
    assert [series["values"] for series in data["series"]] == [[30, 30], [10, 20]]
    page = staff_client.get(f"{url}/", {"country": "VN"})
    assert page.status_code == 200 and "Python" in page.content.decode()
    rows = list(csv.reader(io.StringIO(staff_client.get(f"{url}.csv").content.decode("utf-8-sig"))))
    assert [r[:6] for r in rows[1:]] == [
        ["2026-11-16", "Python", "1", "30", "3", "10"],
        ["2026-11-23", "Python", "1", "30", "3", "20"],
    ]
    assert staff_client.get("/staff/analytics/skills/skill/999999/trend/").status_code == 404
    assert (
        staff_client.get(f"/staff/analytics/skills/other/{world.python.pk}/trend/").status_code
        == 404
    )


def test_the_table_links_each_skill_to_its_trend(staff_client: Client, computed):
    html = staff_client.get(PAGE, {"country": "VN", "week": "2026-01-05"}).content.decode()
    assert "/staff/analytics/skills/skill/" in html and "trend/?country=VN" in html


def test_the_funnel_page_chart_and_csv_agree(staff_client: Client, computed):
    page = staff_client.get("/staff/analytics/funnel/", {"country": "VN"})
    assert page.status_code == 200 and "Ready to apply" in page.content.decode()
    data = staff_client.get("/staff/analytics/funnel.json", {"country": "VN"}).json()
    assert data["labels"][0] == "Registered" and data["series"][0]["values"][0] == 22
    sheet = staff_client.get("/staff/analytics/funnel.csv", {"country": "VN"}).content.decode(
        "utf-8-sig"
    )
    assert list(csv.reader(io.StringIO(sheet)))[1][:3] == ["Registered", "22", "100"]
    for client_url in ("/staff/analytics/funnel/", "/staff/analytics/funnel.json"):
        assert staff_client.get(client_url).status_code == 200


def test_the_funnel_is_staff_only(graduate_client: Client, computed):
    for url in (
        "/staff/analytics/funnel/",
        "/staff/analytics/funnel.json",
        "/staff/analytics/funnel.csv",
    ):
        assert graduate_client.get(url).status_code == 403
