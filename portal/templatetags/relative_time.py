"""How long ago something happened, in words, the same on every page: `{{ when|time_ago }}`."""

import datetime

from django import template
from django.utils import timezone
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import gettext as _

register = template.Library()

JUST_NOW = datetime.timedelta(minutes=1)


@register.filter
def time_ago(value: datetime.datetime | None) -> str:
    """Under a minute: "just now" (never "0 minutes"); else "3 hours ago" or "in 2 days"."""
    if value is None:
        return ""
    delta = timezone.now() - value
    if abs(delta) < JUST_NOW:
        return _("just now")
    if delta < datetime.timedelta(0):
        return _("in %(time)s") % {"time": timeuntil(value)}
    return _("%(time)s ago") % {"time": timesince(value)}
