"""The public company pages: who has one (verified companies only), what they show (about,
locations, support for foreign hires, open roles), the directory, and the query budget."""

import pytest
from django.test import Client
from django.urls import reverse

from employers.models import CompanyLocation, HousingSupport, VerificationStatus, VisaSupport
from employers.services import employer_close, employer_set_verification
from jobs.models import PostingStatus
from tests import factories

pytestmark = pytest.mark.django_db


def _page(pk: int):
    return Client().get(reverse("companies:detail", args=[pk]))


@pytest.fixture
def supportive():
    """A verified company that states its support and lists two sites."""
    employer = factories.EmployerFactory(
        name="Cheongju Cell Tech",
        name_ko="청주셀테크",
        industry="batteries",
        region="chungbuk",
        description="Pouch cells for e-bikes.",
        housing_support=HousingSupport.COMPANY_HOUSING,
        visa_support=VisaSupport.HANDLES,
        korean_classes=True,
        relocation_support=False,
        support_notes="Dormitory rooms for the first year.",
    )
    CompanyLocation.objects.create(
        employer=employer, city="Cheongju", region="chungbuk", label="Head office"
    )
    CompanyLocation.objects.create(employer=employer, city="Ochang", region="chungbuk", position=1)
    return employer


def test_a_verified_company_page_shows_about_sites_support_and_open_roles(supportive):
    factories.JobPostingFactory(employer=supportive, title="Cell process engineer")
    factories.JobPostingFactory(
        employer=supportive, title="Closed role", status=PostingStatus.CLOSED
    )
    response = _page(supportive.pk)
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Cheongju Cell Tech",
        "청주셀테크",
        "Pouch cells for e-bikes.",
        "Head office",
        "Cheongju, North Chungcheong",
        "Ochang, North Chungcheong",
        "Company housing or dormitory",
        "Handles the visa sponsorship paperwork",
        "Korean classes offered",
        "No relocation support",
        "Dormitory rooms for the first year.",
        "Cell process engineer",
        "1 open role",
    ):
        assert text in html, text
    assert "Closed role" not in html
    assert '<meta name="description"' in html and "a verified Batteries employer" in html


def test_unstated_support_reads_not_stated():
    employer = factories.EmployerFactory()
    html = _page(employer.pk).content.decode()
    assert html.count("Not stated") == 4
    assert "No open roles right now" in html


@pytest.mark.parametrize("status", [VerificationStatus.PENDING, VerificationStatus.REJECTED])
def test_a_company_not_verified_has_no_public_page(status):
    employer = factories.EmployerFactory(unverified=True)
    employer.verification_status = status
    employer.save()
    assert _page(employer.pk).status_code == 404
    assert employer.name not in Client().get(reverse("companies:list")).content.decode()


def test_a_revoked_company_loses_its_page_and_a_closed_one_is_gone(staff):
    revoked, closed = factories.EmployerFactory(), factories.EmployerMemberFactory()
    assert _page(revoked.pk).status_code == 200
    employer_set_verification(
        employer=revoked, status=VerificationStatus.REJECTED, by=staff, note="Closed down"
    )
    assert _page(revoked.pk).status_code == 404
    employer_close(employer=closed.employer, by=closed.user, confirm_name=closed.employer.name)
    assert _page(closed.employer_id).status_code == 404


def test_the_directory_filters_by_industry_and_by_a_site_s_region(supportive):
    seoul_software = factories.EmployerFactory(
        name="Gangnam Soft", industry="software", region="seoul"
    )
    factories.JobPostingFactory(employer=supportive)
    listing = reverse("companies:list")
    html = Client().get(listing).content.decode()
    assert "Cheongju Cell Tech" in html and "Gangnam Soft" in html and "1 open role" in html
    html = Client().get(listing, {"industry": "software"}).content.decode()
    assert "Gangnam Soft" in html and "Cheongju Cell Tech" not in html
    CompanyLocation.objects.create(employer=seoul_software, city="Ochang", region="chungbuk")
    html = Client().get(listing, {"region": "chungbuk"}).content.decode()
    assert "Gangnam Soft" in html and "Cheongju Cell Tech" in html
    assert html.count("Gangnam Soft") == 1  # once, though it matched through a site


def test_the_directory_says_when_nothing_matches_and_ignores_unknown_filters(supportive):
    html = Client().get(reverse("companies:list"), {"industry": "shipbuilding"}).content.decode()
    assert "No verified company matches these filters." in html
    response = Client().get(reverse("companies:list"), {"region": "atlantis"})
    assert response.status_code == 200 and "Cheongju Cell Tech" in response.content.decode()


def test_the_directory_pages_through_many_companies():
    factories.EmployerFactory.create_batch(23)
    first = Client().get(reverse("companies:list")).content.decode()
    second = Client().get(reverse("companies:list"), {"page": 2}).content.decode()
    assert "23 companies" in first and "Page 1 of 2" in first and "Page 2 of 2" in second


def test_the_company_page_pages_through_many_roles(supportive):
    factories.JobPostingFactory.create_batch(12, employer=supportive)
    html = _page(supportive.pk).content.decode()
    assert "12 open roles" in html and "Page 1 of 2" in html


def test_the_directory_costs_the_same_queries_for_many_companies(django_assert_num_queries):
    for _ in range(8):
        employer = factories.EmployerFactory()
        CompanyLocation.objects.create(employer=employer, city="Suwon", region="gyeonggi")
        factories.JobPostingFactory(employer=employer)
    client = Client()
    # the request's savepoint and its release, the count, the page of companies, their sites
    with django_assert_num_queries(5):
        client.get(reverse("companies:list"))


def test_the_company_page_costs_a_fixed_number_of_queries(supportive, django_assert_num_queries):
    factories.JobPostingFactory.create_batch(5, employer=supportive)
    client = Client()
    # savepoint, company, its sites, count of roles, page of roles, release
    with django_assert_num_queries(6):
        client.get(reverse("companies:detail", args=[supportive.pk]))


def test_job_cards_and_job_pages_link_to_the_company_page(supportive):
    posting = factories.JobPostingFactory(employer=supportive)
    company_url = reverse("companies:detail", args=[supportive.pk])
    assert company_url in Client().get(reverse("jobs:list")).content.decode()
    assert company_url in Client().get(reverse("jobs:detail", args=[posting.pk])).content.decode()


def test_the_employer_s_company_page_links_to_the_public_page_once_verified(
    employer_client, company, unverified_employer
):
    html = employer_client.get(reverse("employer:company")).content.decode()
    assert reverse("companies:detail", args=[company.pk]) in html
    client = Client()
    client.force_login(unverified_employer)
    html = client.get(reverse("employer:company")).content.decode()
    assert "appears once staff verify" in html


def test_a_site_in_a_city_that_is_its_own_province_is_not_named_twice():
    from employers.models import CompanyLocation

    assert CompanyLocation(city="Seoul", region="seoul", label="Head office").place == "Seoul"
    assert CompanyLocation(city="Ulsan", region="ulsan").place == "Ulsan"
    assert CompanyLocation(city="Pyeongtaek", region="gyeonggi").place == "Pyeongtaek, Gyeonggi"
    assert str(CompanyLocation(city="Seoul", region="seoul", label="Head office")) == (
        "Head office: Seoul"
    )
