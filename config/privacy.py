"""Every table that holds personal data, and what becomes of it: in the person's export, on
deleting their account, and how long it is kept. tests/config/test_privacy.py finds every model
with a personal field (a link to a user or a graduate profile, an e-mail or IP address) and
fails when one is missing here or when what is said here does not hold (the deletion's
on_delete, the export's section, the retention period's setting).

`export`: the section of the export (portal.account.selectors.user_data_export) that holds it,
or why it is not there. `deletion`: "deleted" (goes with the account), "unlinked" (the row
stays without the person) or "anonymised" (notifications.services.notifications_forget_person,
accounts.services.audit_forget_person). `kept`: a RETENTION_DAYS key, "IMPRESSION_RETENTION_DAYS",
or "account" (as long as the account).
"""

from typing import NamedTuple


class Handling(NamedTuple):
    export: str
    deletion: str
    kept: str


PERSONAL_DATA: dict[str, Handling] = {
    # the account
    "accounts.User": Handling("account", "deleted", "account"),
    "accounts.Consent": Handling("consents", "deleted", "account"),
    "accounts.ApiToken": Handling("not exported: keys are shown once", "deleted", "account"),
    "account.EmailAddress": Handling("account", "deleted", "account"),
    "mfa.Authenticator": Handling("not exported: secrets", "deleted", "account"),
    "usersessions.UserSession": Handling(
        "not exported: listed on the devices page", "deleted", "account"
    ),
    "auditlog.LogEntry": Handling("not exported: staff's record", "anonymised", "audit_log"),
    # Django admin's history of staff edits: a staff member's own entries go with them; entries
    # about a deleted person name them by number only (accounts.services.audit_forget_person).
    "admin.LogEntry": Handling("not exported: staff's record", "deleted", "account"),
    # the graduate
    "profiles.GraduateProfile": Handling("profile", "deleted", "account"),
    "profiles.EducationRecord": Handling("education", "deleted", "account"),
    "profiles.WorkExperience": Handling("experience", "deleted", "account"),
    "profiles.GraduateSkill": Handling("skills", "deleted", "account"),
    "profiles.UnmatchedSkill": Handling("skills", "deleted", "account"),
    "jobs.Application": Handling("applications", "deleted", "account"),
    "jobs.ApplicationStatusChange": Handling("applications", "unlinked", "account"),
    "jobs.SavedJob": Handling("saved_jobs", "deleted", "account"),
    "jobs.SavedSearch": Handling("saved_searches", "deleted", "account"),
    # An interview goes with its application (and so with the graduate's account); the member
    # who proposed it is unlinked when their own account goes.
    "interviews.Interview": Handling("interviews", "unlinked", "account"),
    "jobs.PostingInvitation": Handling("not exported: the employer's", "deleted", "account"),
    "matching.GraduateMatchList": Handling("not exported: computed", "deleted", "account"),
    "matching.Impression": Handling("lists_shown", "deleted", "IMPRESSION_RETENTION_DAYS"),
    "matching.Outcome": Handling("not exported: computed", "deleted", "IMPRESSION_RETENTION_DAYS"),
    "matching.GoldenGrade": Handling("not exported: staff's grades", "deleted", "account"),
    # conversations: a thread goes with the graduate's application or invitation (cascade;
    # conversations.services.graduate_conversations_delete also removes the attached files); a
    # company member who leaves keeps their messages in the thread, without the name
    "conversations.Message": Handling("conversations", "unlinked", "account"),
    "conversations.ConversationRead": Handling("not exported: read markers", "deleted", "account"),
    # employers and staff
    "employers.Employer": Handling("not exported: the company's", "unlinked", "account"),
    "employers.EmployerMember": Handling("not exported: the company's", "deleted", "account"),
    "employers.ColleagueInvitation": Handling("not exported: the company's", "unlinked", "account"),
    "employers.CandidateAccess": Handling(
        "not exported: the company's", "deleted", "candidate_accesses"
    ),
    "training.SponsorshipInterest": Handling("not exported: the company's", "unlinked", "account"),
    # The owner who registered a webhook endpoint is unlinked when their account goes.
    "webhooks.WebhookEndpoint": Handling("not exported: the company's", "unlinked", "account"),
    "matching.MatchRun": Handling("not exported: staff's", "unlinked", "account"),
    # partners: an organisation's record (its contact address is the organisation's; the staff
    # member who approved it is unlinked when their account goes); a graduate's choice to share
    # stays without them, so the partner's change feed says the graduate is no longer shared.
    "partners.Partner": Handling("not exported: the partner's", "unlinked", "account"),
    "partners.PartnerShare": Handling("partner_shares", "unlinked", "account"),
    # django-oauth-toolkit: partners' client credentials and tokens belong to no person (their
    # user link stays empty); were one made for a user, it would go with the account.
    "oauth2_provider.Application": Handling(
        "not exported: partners' credentials", "deleted", "account"
    ),
    "oauth2_provider.AccessToken": Handling("not exported: partners' tokens", "deleted", "account"),
    "oauth2_provider.RefreshToken": Handling(
        "not exported: partners' tokens", "deleted", "account"
    ),
    "oauth2_provider.Grant": Handling(
        "not exported: unused (no authorisation pages)", "deleted", "account"
    ),
    "oauth2_provider.IDToken": Handling(
        "not exported: unused (no OpenID Connect)", "deleted", "account"
    ),
    "oauth2_provider.DeviceGrant": Handling(
        "not exported: unused (no device flow)", "deleted", "account"
    ),
    # news
    "notifications.Notification": Handling(
        "not exported: shown in the app", "deleted", "notifications"
    ),
    "notifications.EmailDelivery": Handling("not exported: sent", "anonymised", "email_deliveries"),
}
