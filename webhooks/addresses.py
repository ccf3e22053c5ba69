"""Where webhooks may go: https to a public address. A partner's URL must not turn the platform
into a way to reach its own network (the database, the cache, a cloud metadata address), so every
address the host name resolves to must be public, checked when the endpoint is saved and again
before each delivery (the name may resolve elsewhere by then). Development and tests allow http
and local addresses (settings.WEBHOOKS_ALLOW_LOCAL), production never."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class AddressRefused(ValueError):
    pass


def webhook_url_check(url: str) -> None:
    """Raise AddressRefused (its message for the user) unless `url` may receive webhooks."""
    parts = urlsplit(url)
    allow_local = settings.WEBHOOKS_ALLOW_LOCAL
    if parts.scheme != "https" and not (allow_local and parts.scheme == "http"):
        raise AddressRefused(_("Use an https:// address."))
    if not parts.hostname or parts.username or parts.password:
        raise AddressRefused(_("Give a host name, without a user name or password."))
    if allow_local:
        return  # development and tests: any host (nothing to protect, and no name lookups)
    try:
        found = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise AddressRefused(_("This host name cannot be found.")) from None
    for *_rest, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0])
        if not address.is_global:
            raise AddressRefused(_("This address is not on the public internet."))
