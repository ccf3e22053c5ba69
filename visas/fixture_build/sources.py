"""Who published a source, when the research data does not say."""

import re
from urllib.parse import urlparse


def publisher_from_url(url: str, *, kind: str) -> str:
    """The URL's host without `www.`/`m.` ("kmcn.kr"), or the source kind when there is no URL."""
    host = urlparse(url).hostname or ""
    return re.sub(r"^(www|m)\.", "", host) or kind
