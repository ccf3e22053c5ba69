"""A person's data export: what every app holds about them, put together."""

from typing import Any

from accounts.models import User
from accounts.selectors import account_export
from conversations.selectors import graduate_conversations_export
from interviews.selectors import interviews_export
from jobs.selectors import graduate_applications_export, saved_export
from matching.selectors import impressions_export
from partners.selectors import partner_shares_export
from profiles.models import GraduateProfile
from profiles.selectors import graduate_profile_export


def user_data_export(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about the user, as JSON-ready data: the account and its
    consents, and for a graduate the profile, education, experience, skills and applications
    with their history (the employer's messages, never its internal notes), the conversations
    with companies, the interviews, the saved jobs and saved searches, the partners they share
    with. The CV file itself
    is downloaded separately (its name and date are listed). For everyone, the ranked lists they
    were shown and the job pages they opened (kept IMPRESSION_RETENTION_DAYS)."""
    data = account_export(user=user)
    profile = GraduateProfile.objects.filter(user=user).first()
    if profile is not None:
        data.update(graduate_profile_export(profile=profile))
        data["applications"] = graduate_applications_export(profile=profile)
        data["conversations"] = graduate_conversations_export(profile=profile)
        data.update(saved_export(graduate=profile))
        data["interviews"] = interviews_export(profile=profile)
        data["partner_shares"] = partner_shares_export(graduate=profile)
    data.update(impressions_export(user=user))
    return data
