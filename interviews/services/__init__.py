"""Writes for interviews, by concern: scheduling (propose, book, reschedule, cancel) and news
(notifications, the calendar invitation, reminders). Import from here."""

from interviews.services.news import interview_calendar, interview_reminders_send
from interviews.services.scheduling import (
    HORIZON_DAYS,
    MAX_SLOTS,
    interview_book,
    interview_cancel,
    interview_propose,
    interview_reschedule,
    interview_slots_check,
)

__all__ = [
    "HORIZON_DAYS",
    "MAX_SLOTS",
    "interview_book",
    "interview_calendar",
    "interview_cancel",
    "interview_propose",
    "interview_reminders_send",
    "interview_reschedule",
    "interview_slots_check",
]
