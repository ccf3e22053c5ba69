"""Partners: staff approve an organisation and issue its OAuth 2 client credentials, suspend it
(its credentials and every token go at once) or renew its secret; a graduate shares their
profile with an approved partner or stops sharing.

A client secret is shown once, when it is made: the stored one is a hash (django-oauth-toolkit
hashes client secrets), so a lost secret is renewed, never read back.
"""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import Application

from accounts.models import User
from core.changes import PARTNER_SHARE, ChangeKind, change_announce
from partners.models import Partner, PartnerShare, PartnerStatus
from profiles.models import GraduateProfile


class ClientCredentials(NamedTuple):
    """What a partner's software sends to /o/token/; `client_secret` is shown once."""

    client_id: str
    client_secret: str


def _credentials_issue(partner: Partner) -> ClientCredentials:
    secret = generate_client_secret()
    application = Application.objects.create(
        name=f"Partner: {partner.name}"[:255],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,  # hashed on save
        redirect_uris="",
        skip_authorization=False,
    )
    partner.application = application
    return ClientCredentials(client_id=application.client_id, client_secret=secret)


def _credentials_remove(partner: Partner) -> None:
    """Its application goes, and with it every access token issued to it."""
    if partner.application_id is not None:
        Application.objects.filter(pk=partner.application_id).delete()
        partner.application = None


@transaction.atomic
def partner_approve(*, partner: Partner, by: User) -> ClientCredentials:
    """Staff approve the partner (again, after a suspension): new client credentials, any old
    ones removed."""
    if not by.is_staff:
        raise ValidationError(_("Only staff approve partners."))
    _credentials_remove(partner)
    credentials = _credentials_issue(partner)
    partner.status, partner.approved_by, partner.approved_at = (
        PartnerStatus.APPROVED,
        by,
        timezone.now(),
    )
    partner.save()
    return credentials


@transaction.atomic
def partner_credentials_renew(*, partner: Partner, by: User) -> ClientCredentials:
    """A new client secret (and id) for an approved partner; the old ones and their tokens stop
    working now."""
    if not partner.is_approved:
        raise ValidationError(_("Only an approved partner has credentials to renew."))
    return partner_approve(partner=partner, by=by)


@transaction.atomic
def partner_suspend(*, partner: Partner) -> Partner:
    """Its access ends now: credentials and tokens removed, webhooks no longer sent. The
    graduates' choices to share stay, for when staff approve it again."""
    _credentials_remove(partner)
    partner.status = PartnerStatus.SUSPENDED
    partner.save()
    return partner


def _share_changed(share: PartnerShare) -> None:
    share.updated_at = timezone.now()
    share.save()
    change_announce(kind=PARTNER_SHARE, entity_id=share.pk)


@transaction.atomic
def partner_share_grant(*, graduate: GraduateProfile, partner: Partner) -> PartnerShare:
    """The graduate shares their profile with the partner from now on."""
    if not partner.is_approved:
        raise ValidationError(_("You can share your profile only with an approved partner."))
    share, created = PartnerShare.objects.select_for_update().get_or_create(
        graduate=graduate, partner=partner
    )
    if created or share.withdrawn_at is not None:
        share.granted_at, share.withdrawn_at = timezone.now(), None
        _share_changed(share)
    return share


@transaction.atomic
def partner_share_withdraw(*, graduate: GraduateProfile, partner: Partner) -> PartnerShare | None:
    """The graduate stops sharing: the partner's token reads nothing more of them from now."""
    share = (
        PartnerShare.objects.select_for_update().filter(graduate=graduate, partner=partner).first()
    )
    if share is not None and share.withdrawn_at is None:
        share.withdrawn_at = timezone.now()
        _share_changed(share)
    return share


def partner_shares_touch_from_change(*, kind: str, entity_id: int) -> None:
    """The listener of core.changes: a graduate's profile changed (ChangeKind.GRADUATE), so
    each partner they share with finds them again in its change feed."""
    if kind == ChangeKind.GRADUATE:
        PartnerShare.objects.filter(graduate_id=entity_id, withdrawn_at__isnull=True).update(
            updated_at=timezone.now()
        )
