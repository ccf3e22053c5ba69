"""Every country select lists the eleven ASEAN members first, then the other countries."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from core.choices import ASEAN_COUNTRIES
from core.countries import country_choices

ASEAN_BY_NAME = [
    "Brunei", "Cambodia", "Indonesia", "Laos", "Malaysia", "Myanmar", "Philippines",
    "Singapore", "Thailand", "Timor-Leste", "Vietnam",
]  # fmt: skip


def _groups(page: str, name: str) -> list[tuple[str, list[str]]]:
    select = page.split(f'name="{name}"')[1].split("</select>")[0]
    return [
        (label, re.findall(r"<option value=\"[A-Z]{2}\"[^>]*>([^<]*)</option>", body))
        for label, body in re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S)
    ]


def test_the_asean_members_come_first_by_name_then_the_rest_by_name():
    blank, (asean_label, asean), (others_label, others) = country_choices(blank="Choose")

    assert blank == ("", "Choose")
    assert (asean_label, [name for _, name in asean]) == ("ASEAN countries", ASEAN_BY_NAME)
    assert others_label == "Other countries"
    assert {code for code, _ in asean} == set(ASEAN_COUNTRIES)
    assert not {code for code, _ in others} & set(ASEAN_COUNTRIES)
    assert len(others) > 200 and others[0][1] == "Afghanistan"


def test_a_list_of_codes_keeps_only_those_and_drops_an_empty_group():
    assert country_choices(codes=["vn", "KR"]) == [
        ("ASEAN countries", [("VN", "Vietnam")]),
        ("Other countries", [("KR", "South Korea")]),
    ]
    assert country_choices(codes=["TH"]) == [("ASEAN countries", [("TH", "Thailand")])]


@pytest.mark.django_db
def test_the_profile_basics_list_asean_countries_first(graduate_client: Client):
    page = graduate_client.get(reverse("graduate:step", kwargs={"step": "basics"})).content
    page_text = page.decode()

    assert _groups(page_text, "nationality") == [("ASEAN countries", ASEAN_BY_NAME)]
    current = _groups(page_text, "current_country")
    assert [label for label, _ in current] == ["ASEAN countries", "Other countries"]
    assert current[0][1] == ASEAN_BY_NAME


@pytest.mark.django_db
def test_the_visa_checker_lists_asean_countries_first(client: Client):
    page = client.get(reverse("visas:check")).content.decode()

    groups = _groups(page, "nationality")
    assert [label for label, _ in groups] == ["ASEAN countries", "Other countries"]
    assert groups[0][1] == ASEAN_BY_NAME


@pytest.mark.django_db
def test_the_candidate_filter_lists_nationalities_by_name(employer_client: Client, employer):
    from tests.factories import JobPostingFactory

    posting = JobPostingFactory(employer=employer.employer_membership.employer)
    page = employer_client.get(reverse("employer:candidate_list", args=[posting.pk]))

    assert _groups(page.content.decode(), "nationality") == [("ASEAN countries", ASEAN_BY_NAME)]
