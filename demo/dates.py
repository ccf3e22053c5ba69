"""The fixed dates the demo data is built around, so that a seed gives the same rows on any day.

Ages, graduation years and posting deadlines count from REFERENCE_DATE; things that have already
happened in the story (publishing a posting, applying, an interview) fall between ACTIVITY_START and
ACTIVITY_END. Times are Korean (KST), where the employers are.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

REFERENCE_DATE = date(2026, 12, 1)
ACTIVITY_START = date(2026, 8, 1)
ACTIVITY_END = date(2026, 11, 20)
KST = ZoneInfo("Asia/Seoul")


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """An aware datetime on `day` at `hour`:`minute` Korean time."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=KST)


def days_after(day: date, days: int) -> date:
    return day + timedelta(days=days)
