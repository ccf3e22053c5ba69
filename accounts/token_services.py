"""Personal API tokens: create (the key is returned once), revoke, and note their use.

Only a SHA-256 hash of a key is stored, so a leaked database does not leak working keys. Keys are
`tb_` plus 40 URL-safe random characters (240 bits); the first 8 characters are kept as `prefix`
so a person can tell their keys apart.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ApiToken, User

KEY_PREFIX = "tb_"
LIVE_TOKENS_MAX = 10
# last_used_at is written at most this often per token, so busy clients do not write on each call.
USE_RECORD_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class NewApiToken:
    token: ApiToken
    key: str  # shown to the user once; never stored


def api_token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> NewApiToken:
    """A new live token for `user`; the plain key is in the result and nowhere else."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the app that will use it.")})
    if len(name) > ApiToken._meta.get_field("name").max_length:  # type: ignore[operator]
        raise ValidationError({"name": _("Keep the name under 60 characters.")})
    live = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    if live.filter(name=name).exists():
        raise ValidationError({"name": _("You already have a live token with this name.")})
    if live.count() >= LIVE_TOKENS_MAX:
        raise ValidationError(
            {"name": _("You have %(n)s live tokens; revoke one first.") % {"n": LIVE_TOKENS_MAX}}
        )
    key = KEY_PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=key[:8], key_hash=api_token_hash(key)
    )
    return NewApiToken(token=token, key=key)


def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Revoke one of `by`'s own tokens (idempotent: revoking twice keeps the first time)."""
    if token.user_id != by.pk:
        raise PermissionDenied(_("Only the token's owner can revoke it."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_record_use(*, token: ApiToken) -> None:
    """Note that the token was just used, at most once per USE_RECORD_INTERVAL."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < USE_RECORD_INTERVAL:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
