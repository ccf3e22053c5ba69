"""Work-visa feasibility by country, against figures worked out by hand, its privacy rule, and
its page, chart and CSV.

The world (rules of the real fixture; one public posting paying from 47,000,000 KRW, so that is
the typical offer): 12 Vietnamese with a master's (E-7-1 open); 11 Vietnamese fresh bachelors
(a year of experience missing); 10 Indonesian bachelors with two years' work (open); 10
Indonesians with no degree (a degree missing); too few to show: 3 Filipino fresh bachelors and
2 Thai permanent residents. Not assessed: an inactive account and a profile without a
nationality."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from analytics.models import SummaryRun, VisaCell
from analytics.selectors import visa_feasibility, visa_trend
from analytics.services import skills_summary_compute
from profiles.models import GraduateProfile, WorkExperience
from tests.factories import EducationRecordFactory, GraduateProfileFactory, JobPostingFactory

pytestmark = pytest.mark.django_db
K = 10
PAGE = "/staff/analytics/visas/"


def _graduates(count: int, nationality: str, *, degree: str = "", years: int = 0, **extra):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    for _ in range(count):
        profile = GraduateProfileFactory(nationality=nationality, **extra)
        if degree:
            EducationRecordFactory(
                profile=profile, level=degree, country=nationality, graduation_year=today.year - 3
            )
        if years:
            WorkExperience.objects.create(
                profile=profile,
                title="Process engineer",
                employer_name="Mekong Fab",
                country=nationality,
                start_date=today - timedelta(days=round(365.25 * years) + 30),
                end_date=today - timedelta(days=30),
            )


@pytest.fixture
def world(loaded_visa_rules):
    JobPostingFactory(salary_min_krw=47_000_000, salary_max_krw=55_000_000)
    _graduates(12, "VN", degree="master")
    _graduates(11, "VN", degree="bachelor")
    _graduates(10, "ID", degree="bachelor", years=2)
    _graduates(10, "ID")
    _graduates(3, "PH", degree="bachelor")
    _graduates(2, "TH", degree="bachelor", current_visa="F-5")
    _graduates(1, "VN", degree="master", user__is_active=False)
    _graduates(1, "", degree="master")
    return skills_summary_compute()


def _figures(rows):  # type: ignore[no-untyped-def]
    return [
        (row.country, row.graduates, row.open, row.share_open, dict(row.missing)) for row in rows
    ]


def test_each_country_against_the_hand_count(world):
    assert _figures(visa_feasibility()) == [
        ("", 43, 22, 51, {"experience": 11, "degree": 10}),
        ("VN", 23, 12, 52, {"experience": 11}),
        ("ID", 20, 10, 50, {"degree": 10}),
    ]
    everyone, vietnam, indonesia = visa_feasibility()
    assert everyone.top_missing == ("Work experience", 11)
    assert vietnam.top_missing == ("Work experience", 11)
    assert indonesia.top_missing == ("A higher degree", 10)


def test_the_run_records_the_offer_assumed_and_the_graduates_left_out(world):
    run = SummaryRun.objects.get()
    assert run.visa_offer_salary == 47_000_000
    assert run.visa_left_out == 5  # 3 Filipinos, 2 Thais


def test_no_figure_or_difference_singles_out_fewer_than_the_minimum(world, settings):
    def check() -> list[int]:
        rows = visa_feasibility()
        figures = []
        everyone = rows[0]
        for row in rows:
            counts = [row.graduates, row.open, row.closed, *row.missing.values()]
            others = [everyone.graduates - row.graduates, everyone.open - row.open]
            others += [everyone.missing[k] - n for k, n in row.missing.items()]
            figures += counts + (others if row is not everyone else [])
        return figures

    assert all(n == 0 or n >= K for n in check())
    # The same world with no minimum shows the Filipinos and Thais: the check can fail.
    settings.ANALYTICS_MIN_CELL = 1
    skills_summary_compute()
    assert any(0 < n < K for n in check())


def test_a_new_run_replaces_the_weeks_cells(world):
    GraduateProfile.objects.filter(nationality="ID").delete()
    skills_summary_compute()
    assert {cell.country for cell in VisaCell.objects.all()} == {"VN"}


def test_without_public_postings_there_is_no_typical_offer_and_no_figures(loaded_visa_rules):
    _graduates(12, "VN", degree="master")
    run = skills_summary_compute()
    assert run.visa_offer_salary is None and visa_feasibility() == []


def test_the_page_the_chart_and_the_csv_agree(staff_client: Client, world):
    page = staff_client.get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    assert "47,000,000 KRW" in html and "Work experience (11)" in html
    assert "Left out of every figure, in groups too small to show: 5 graduates." in html
    data = staff_client.get("/staff/analytics/visas.json").json()
    assert (data["kind"], data["stacked"], data["labels"]) == (
        "bar",
        True,
        ["Vietnam", "Indonesia"],
    )
    assert [series["values"] for series in data["series"]] == [[12, 10], [11, 10]]
    sheet = staff_client.get("/staff/analytics/visas.csv")
    rows = list(csv.DictReader(io.StringIO(sheet.content.decode("utf-8-sig"))))
    assert [
        (
            r["country"],
            r["graduates"],
            r["work_route_open"],
            r["missing_experience"],
            r["missing_degree"],
        )
        for r in rows
    ] == [
        ("all", "43", "22", "11", "10"),
        ("VN", "23", "12", "11", "0"),
        ("ID", "20", "10", "0", "10"),
    ]
    assert rows[0]["week"] == str(world.week)


def test_an_older_week_is_kept_and_can_be_chosen(staff_client: Client, world):
    last_week = world.week - timedelta(days=7)
    VisaCell.objects.filter(week=world.week).update(week=last_week)
    SummaryRun.objects.update(week=last_week)
    skills_summary_compute()  # this week again
    VisaCell.objects.filter(week=world.week, country="ID").delete()
    assert [row.country for row in visa_feasibility()] == ["", "VN"]
    assert [row.country for row in visa_feasibility(week=last_week)] == ["", "VN", "ID"]
    data = staff_client.get("/staff/analytics/visas.json", {"week": last_week.isoformat()}).json()
    assert data["labels"] == ["Vietnam", "Indonesia"]


def test_staff_only(graduate_client: Client, employer_client: Client, client: Client, world):
    for url in (PAGE, "/staff/analytics/visas.json", "/staff/analytics/visas.csv"):
        assert graduate_client.get(url).status_code == 403
        assert employer_client.get(url).status_code == 403
        assert client.get(url).status_code == 302  # to sign in


def test_no_figures_yet_offers_to_compute_them(staff_client: Client, db):
    html = staff_client.get(PAGE).content.decode()
    assert "No figures yet" in html and "Compute this week's now" in html


def test_the_other_analytics_pages_and_the_dashboard_link_to_it(staff_client: Client, db):
    for url in ("/staff/", "/staff/analytics/skills/", "/staff/analytics/funnel/"):
        assert f'href="{PAGE}"' in staff_client.get(url).content.decode(), url


def test_week_by_week_all_countries(staff_client: Client, world):
    last_week = world.week - timedelta(days=7)
    VisaCell.objects.create(week=last_week, country="VN", open=True, graduates=10)
    VisaCell.objects.create(
        week=last_week, country="ID", open=False, missing="degree", graduates=30
    )
    SummaryRun.objects.create(week=last_week)

    assert [(week, row.graduates, row.open, row.share_open) for week, row in visa_trend()] == [
        (last_week, 40, 10, 25),
        (world.week, 43, 22, 51),
    ]
    data = staff_client.get("/staff/analytics/visas/weekly.json").json()
    assert data["labels"] == [last_week.isoformat(), world.week.isoformat()]
    assert [s["values"] for s in data["series"]] == [[40, 43], [10, 22]]
    sheet = staff_client.get("/staff/analytics/visas/weekly.csv")
    rows = list(csv.DictReader(io.StringIO(sheet.content.decode("utf-8-sig"))))
    assert [(r["week"], r["share_open_percent"], r["missing_degree"]) for r in rows] == [
        (last_week.isoformat(), "25", "30"),
        (world.week.isoformat(), "51", "10"),
    ]
    html = staff_client.get(PAGE).content.decode()
    assert 'id="visas-trend-table"' in html and "/staff/analytics/visas/weekly.csv" in html
