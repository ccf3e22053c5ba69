"""How a webhook request is signed, and how a receiver checks it (docs/api.md shows the same
check for partners).

    TalentBridge-Signature: t=1764982800,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>

The timestamp is part of what is signed, so a captured request cannot be replayed later: a
receiver refuses a signature older than TOLERANCE_SECONDS.
"""

import hashlib
import hmac
import time

HEADER = "TalentBridge-Signature"
TOLERANCE_SECONDS = 300


def signature(*, secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def signature_valid(*, secret: str, body: bytes, header: str, now: float | None = None) -> bool:
    """True when `header` signs `body` with `secret` within the tolerance."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = signature(secret=secret, body=body, timestamp=timestamp)
    return hmac.compare_digest(expected, header.strip())
