"""Editing what a company offers foreign hires and its locations (service and page)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from employers.models import MAX_LOCATIONS, CompanyLocation, Employer, MemberRole
from employers.services import LocationInput, MembershipRefused, employer_update
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_owner_saves_support_facts_and_sites_in_the_order_given(company, employer):
    company.housing_support, company.visa_support = "allowance", "supports"
    company.korean_classes = True
    employer_update(
        employer=company,
        by=employer,
        locations=[
            LocationInput(city="  Pyeongtaek ", region="gyeonggi", label="Plant"),
            LocationInput(city="Seoul", region="seoul", label="Head office"),
        ],
    )
    company.refresh_from_db()
    assert (company.housing_support, company.visa_support) == ("allowance", "supports")
    assert company.korean_classes is True and company.relocation_support is None
    assert [str(site) for site in company.locations.all()] == [
        "Plant: Pyeongtaek, Gyeonggi",
        "Head office: Seoul",
    ]


def test_the_list_replaces_the_stored_sites_and_none_leaves_them(company, employer):
    employer_update(
        employer=company, by=employer, locations=[LocationInput(city="Suwon", region="gyeonggi")]
    )
    employer_update(employer=company, by=employer)
    assert list(company.locations.values_list("city", flat=True)) == ["Suwon"]
    employer_update(employer=company, by=employer, locations=[])
    assert not company.locations.exists()


@pytest.mark.parametrize(
    ("locations", "message"),
    [
        ([LocationInput(city="Ulsan", region="mars")], "not a valid choice"),
        ([LocationInput(city="   ", region="ulsan")], "cannot be blank"),
        (
            [
                LocationInput(city="Ulsan", region="ulsan", label="Yard"),
                LocationInput(city="ulsan", region="ulsan", label="yard"),
            ],
            "listed twice",
        ),
        (
            [LocationInput(city=f"City {n}", region="seoul") for n in range(MAX_LOCATIONS + 1)],
            "at most",
        ),
    ],
)
def test_bad_sites_are_refused_and_change_nothing(company, employer, locations, message):
    CompanyLocation.objects.create(employer=company, city="Suwon", region="gyeonggi")
    company.description = "Changed"
    with pytest.raises(ValidationError, match=message):
        employer_update(employer=company, by=employer, locations=locations)
    assert list(company.locations.values_list("city", flat=True)) == ["Suwon"]
    assert Employer.objects.get(pk=company.pk).description != "Changed"


def test_an_unknown_support_value_is_refused(company, employer):
    company.housing_support = "castle"
    with pytest.raises(ValidationError, match="housing_support"):
        employer_update(employer=company, by=employer)


def test_the_database_refuses_unknown_values_and_a_repeated_site(company):
    with pytest.raises(IntegrityError), transaction.atomic():
        Employer.objects.filter(pk=company.pk).update(visa_support="maybe")
    CompanyLocation.objects.create(employer=company, city="Ulsan", region="ulsan")
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyLocation.objects.create(employer=company, city="ULSAN", region="ulsan")
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyLocation.objects.create(employer=company, city="Busan", region="atlantis")


def test_a_recruiter_cannot_change_the_sites(company):
    recruiter = factories.EmployerMemberFactory(employer=company, role=MemberRole.RECRUITER).user
    with pytest.raises(MembershipRefused):
        employer_update(
            employer=company, by=recruiter, locations=[LocationInput(city="Seoul", region="seoul")]
        )
    assert not company.locations.exists()


# --- the edit page ---------------------------------------------------------------------------


def _form_data(company: Employer, **changes: str) -> dict[str, str]:
    data = {
        "name": company.name,
        "name_ko": company.name_ko,
        "business_registration_number": company.business_registration_number,
        "industry": company.industry,
        "size_class": company.size_class,
        "region": company.region,
        "address": "",
        "website": "",
        "description": "",
        "housing_support": "",
        "visa_support": "",
        "korean_classes": "unknown",
        "relocation_support": "unknown",
        "support_notes": "",
        "locations-TOTAL_FORMS": "1",
        "locations-INITIAL_FORMS": "0",
        "locations-0-city": "",
        "locations-0-region": "",
        "locations-0-label": "",
    }
    return {**data, **changes}


def test_the_edit_page_adds_a_site_and_comes_back_for_another(employer_client, company):
    url = reverse("employer:company_edit")
    data = _form_data(
        company,
        housing_support="company_housing",
        korean_classes="true",
        **{"locations-0-city": "Gumi", "locations-0-region": "gyeongbuk", "add_location": "1"},
    )
    response = employer_client.post(url, data)
    assert response.status_code == 302 and response.url.startswith(url)
    company.refresh_from_db()
    assert company.housing_support == "company_housing" and company.korean_classes is True
    html = employer_client.get(url).content.decode()
    assert 'value="Gumi"' in html and 'name="locations-1-city"' in html  # the blank row
    assert "Remove this location" in html


def test_the_edit_page_removes_a_ticked_site(employer_client, company):
    CompanyLocation.objects.create(employer=company, city="Gumi", region="gyeongbuk")
    data = _form_data(
        company,
        **{
            "locations-TOTAL_FORMS": "2",
            "locations-INITIAL_FORMS": "1",
            "locations-0-city": "Gumi",
            "locations-0-region": "gyeongbuk",
            "locations-0-DELETE": "on",
            "locations-1-city": "Daegu",
            "locations-1-region": "daegu",
        },
    )
    response = employer_client.post(reverse("employer:company_edit"), data)
    assert response.status_code == 302
    assert list(company.locations.values_list("city", flat=True)) == ["Daegu"]


def test_saving_again_keeps_the_stored_sites_untouched_in_their_rows(employer_client, company):
    CompanyLocation.objects.create(employer=company, city="Gumi", region="gyeongbuk")
    data = _form_data(
        company,
        **{
            "locations-TOTAL_FORMS": "2",
            "locations-INITIAL_FORMS": "1",
            "locations-0-city": "Gumi",
            "locations-0-region": "gyeongbuk",
            "locations-1-city": "Daegu",
            "locations-1-region": "daegu",
        },
    )
    response = employer_client.post(reverse("employer:company_edit"), data)
    assert response.status_code == 302
    assert list(company.locations.values_list("city", flat=True)) == ["Gumi", "Daegu"]


def test_a_site_without_its_region_shows_the_error_and_saves_nothing(employer_client, company):
    data = _form_data(company, description="New", **{"locations-0-city": "Gumi"})
    response = employer_client.post(reverse("employer:company_edit"), data)
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    company.refresh_from_db()
    assert company.description == "" and not company.locations.exists()


def test_a_twice_listed_site_is_a_form_error(employer_client, company):
    data = _form_data(
        company,
        **{
            "locations-TOTAL_FORMS": "2",
            "locations-0-city": "Gumi",
            "locations-0-region": "gyeongbuk",
            "locations-1-city": "gumi",
            "locations-1-region": "gyeongbuk",
        },
    )
    response = employer_client.post(reverse("employer:company_edit"), data)
    assert response.status_code == 400 and "is listed twice" in response.content.decode()
