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

from accounts.models import ApiToken, TokenScope, User

KEY_PREFIX = "tb_"
LIVE_TOKENS_MAX = 10
# How long a new token may work, in days: the choices offered, and the default.
TOKEN_DAYS = (7, 30, 90, 365)
TOKEN_DAYS_DEFAULT = 90
# last_used_at is written at most this often per token, so busy clients do not write on each call.
USE_RECORD_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class NewApiToken:
    token: ApiToken
    key: str  # shown to the user once; never stored


def api_token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def password_bond(user: User) -> str:
    """What ties a token to the user's current password: a new password changes it."""
    return user.get_session_auth_hash()


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    scope: str = TokenScope.WRITE,
    days: int = TOKEN_DAYS_DEFAULT,
) -> NewApiToken:
    """A new live token for `user`, working `days` days for what `scope` allows, until then or
    until the password changes; the plain key is in the result and nowhere else."""
    name = name.strip()
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Choose read or write.")})
    if days not in TOKEN_DAYS:
        raise ValidationError(
            {"days": _("Choose one of: %(days)s days.") % {"days": ", ".join(map(str, TOKEN_DAYS))}}
        )
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
    key, now = KEY_PREFIX + secrets.token_urlsafe(30), timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:8],
        key_hash=api_token_hash(key),
        scope=scope,
        created_at=now,
        expires_at=now + timedelta(days=days),
        password_bond=password_bond(user),
    )
    return NewApiToken(token=token, key=key)


def api_token_usable(*, token: ApiToken) -> bool:
    """Whether the token still works: not revoked, not expired, its user active and with the
    password it was made under."""
    if token.revoked_at is not None or token.expires_at <= timezone.now():
        return False
    if not token.user.is_active:
        return False
    # A password change revokes the tokens (User.save); the bond also holds if it was bypassed.
    return not token.password_bond or token.password_bond == password_bond(token.user)


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
