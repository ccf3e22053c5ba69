"""The graduate's page of partners to share with: what each does and what it receives, one
button to share and one to stop; only approved partners; graduates only."""

import pytest
from django.test import Client

from accounts.models import User
from partners.models import PartnerShare
from partners.services import partner_approve
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db
PAGE = "/graduate/account/partners/"


def test_an_approved_partner_is_offered_with_what_it_receives(graduate_client: Client, staff):
    partner = PartnerFactory(description="Advises alumni on Korean careers.")
    partner_approve(partner=partner, by=staff)
    PartnerFactory(name="Waiting College")  # pending: not offered
    page = graduate_client.get(PAGE).content.decode()
    assert partner.name in page and "Advises alumni on Korean careers." in page
    assert "Waiting College" not in page
    assert "Not your CV, phone number or date of birth" in page


def test_share_then_stop(graduate_client: Client, graduate: User, staff):
    partner = PartnerFactory()
    partner_approve(partner=partner, by=staff)
    url = f"/graduate/account/partners/{partner.pk}/share/"
    answer = graduate_client.post(url, {"action": "share"}, follow=True)
    assert answer.redirect_chain[-1][0] == PAGE
    assert "You now share your profile with" in answer.content.decode()
    assert PartnerShare.objects.get(partner=partner).is_live
    assert "Stop sharing with" in answer.content.decode()
    graduate_client.post(url, {"action": "stop"})
    assert not PartnerShare.objects.get(partner=partner).is_live


def test_a_pending_partner_cannot_be_chosen(graduate_client: Client):
    pending = PartnerFactory()
    answer = graduate_client.post(f"/graduate/account/partners/{pending.pk}/share/")
    assert answer.status_code == 404
    assert not PartnerShare.objects.exists()


def test_no_partners_yet_says_so(graduate_client: Client):
    assert "No partner organisations yet" in graduate_client.get(PAGE).content.decode()


def test_the_account_page_links_to_it(graduate_client: Client):
    assert PAGE in graduate_client.get("/graduate/account/").content.decode()


def test_an_employer_is_sent_to_their_dashboard(employer_client: Client, staff):
    partner = PartnerFactory()
    partner_approve(partner=partner, by=staff)
    assert employer_client.get(PAGE).status_code == 302
    answer = employer_client.post(f"/graduate/account/partners/{partner.pk}/share/")
    assert answer.status_code == 302 and not PartnerShare.objects.exists()
