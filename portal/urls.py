"""Every page of the site, by URL: find a page here, then open its view.

Views live by who uses the page: portal/public (anyone), portal/graduate, portal/employer,
portal/staff, and portal/account (any signed-in account). URL names keep their area's
namespace: graduate:, employer:, staff:, jobs:, companies:, training:, visas:, skills:,
notifications:.
"""

from django.urls import include, path, re_path

from portal.account import language, notifications, tokens
from portal.account import views as account
from portal.employer import applications as employer_applications
from portal.employer import candidates, company, export, postings, screening
from portal.employer import conversations as employer_conversations
from portal.employer import dashboard as employer_dashboard
from portal.employer import interviews as employer_interviews
from portal.employer import training as employer_training
from portal.graduate import account as graduate_account
from portal.graduate import applications as graduate_applications
from portal.graduate import conversations as graduate_conversations
from portal.graduate import cv, profile, saved
from portal.graduate import dashboard as graduate_dashboard
from portal.graduate import interviews as graduate_interviews
from portal.graduate import partners as graduate_partners
from portal.graduate import training as graduate_training
from portal.graduate import visas as graduate_visas
from portal.public import companies, fonts, home, jobs, legal, skills
from portal.public import training as public_training
from portal.public import visas as public_visas
from portal.staff import golden
from portal.staff.analytics import funnel as funnel_analytics
from portal.staff.analytics import skills as skill_analytics
from portal.staff.analytics import visas as visa_analytics
from portal.staff.dashboard import staff_dashboard

graduate = [
    path("", graduate_dashboard.dashboard, name="dashboard"),
    path("matches/", graduate_dashboard.dashboard_matches_partial, name="dashboard_matches"),
    path(
        "suggested-courses/",
        graduate_dashboard.dashboard_courses_partial,
        name="dashboard_courses",
    ),
    path("profile/", profile.profile_start, name="profile"),
    path("profile/education/<int:pk>/", profile.education_edit, name="education_edit"),
    path("profile/education/<int:pk>/delete/", profile.education_delete, name="education_delete"),
    path("profile/experience/<int:pk>/", profile.experience_edit, name="experience_edit"),
    path(
        "profile/experience/<int:pk>/delete/", profile.experience_delete, name="experience_delete"
    ),
    path("profile/cv/remove/", cv.cv_remove, name="cv_remove"),
    path("profile/<slug:step>/", profile.profile_step, name="step"),
    path("cv/<int:pk>/", cv.cv_download, name="cv_download"),
    path("applications/", graduate_applications.application_list, name="applications"),
    path(
        "applications/<int:pk>/",
        graduate_applications.application_detail,
        name="application_detail",
    ),
    path(
        "applications/<int:pk>/withdraw/",
        graduate_applications.application_withdraw,
        name="application_withdraw",
    ),
    path("interviews/<int:pk>/", graduate_interviews.interview_detail, name="interview"),
    path(
        "interviews/<int:pk>/book/", graduate_interviews.interview_book_view, name="interview_book"
    ),
    path(
        "interviews/<int:pk>/cancel/",
        graduate_interviews.interview_cancel_view,
        name="interview_cancel",
    ),
    path("interviews/<int:pk>/invite.ics", graduate_interviews.interview_ics, name="interview_ics"),
    path(
        "interviews/<int:pk>/time-zone/",
        graduate_interviews.time_zone_set,
        name="interview_time_zone",
    ),
    path("saved/", saved.saved_job_list, name="saved_jobs"),
    path("alerts/", saved.alerts, name="alerts"),
    path("alerts/digest/", saved.digest_frequency, name="digest_frequency"),
    path("alerts/searches/new/", saved.search_save, name="search_save"),
    path("alerts/searches/<int:pk>/", saved.saved_search_edit, name="saved_search_edit"),
    path("alerts/searches/<int:pk>/delete/", saved.saved_search_remove, name="saved_search_delete"),
    path(
        "alerts/stop/<str:token>/",
        saved.saved_search_unsubscribe,
        name="saved_search_unsubscribe",
    ),
    path("account/", graduate_account.graduate_account, name="account"),
    path("account/export/", graduate_account.account_export, name="account_export"),
    path("account/delete/", graduate_account.account_delete, name="account_delete"),
    path("account/partners/", graduate_partners.partner_list, name="partners"),
    path("account/partners/<int:pk>/share/", graduate_partners.partner_share, name="partner_share"),
]

employer = [
    path("", employer_dashboard.dashboard, name="dashboard"),
    path("company/new/", company.company_create, name="company_create"),
    path("company/", company.company_detail, name="company"),
    path("company/edit/", company.company_edit, name="company_edit"),
    path("company/invite/", company.colleague_invite_view, name="colleague_invite"),
    path("company/leave/", company.member_leave_view, name="member_leave"),
    path("company/members/<int:pk>/remove/", company.member_remove_view, name="member_remove"),
    path(
        "company/invitations/<int:pk>/revoke/",
        company.invitation_revoke_view,
        name="invitation_revoke",
    ),
    path("company/close/", company.company_close, name="company_close"),
    path("join/<str:token>/", company.invitation_accept, name="invitation_accept"),
    path("postings/", postings.posting_list, name="posting_list"),
    path("postings/new/", postings.posting_create_view, name="posting_create"),
    path("postings/<int:pk>/", postings.posting_detail, name="posting_detail"),
    path("postings/<int:pk>/edit/", postings.posting_edit, name="posting_edit"),
    *[
        path(
            f"postings/<int:pk>/{action}/",
            postings.posting_action,
            {"action": action},
            name=f"posting_{action}",
        )
        for action in ("publish", "close", "reopen", "duplicate")
    ],
    path("postings/<int:pk>/candidates/", candidates.candidate_list, name="candidate_list"),
    path(
        "postings/<int:pk>/candidates/<int:graduate_id>/",
        candidates.candidate_detail,
        name="candidate_detail",
    ),
    path(
        "postings/<int:pk>/candidates/<int:graduate_id>/invite/",
        candidates.candidate_invite,
        name="candidate_invite",
    ),
    path("candidates/<int:graduate_id>/cv/", candidates.candidate_cv, name="candidate_cv"),
    path("postings/<int:pk>/screening/", screening.screening_questions, name="screening"),
    path(
        "postings/<int:pk>/screening/<int:question_pk>/remove/",
        screening.screening_question_remove_view,
        name="screening_remove",
    ),
    path("postings/<int:pk>/applications/", employer_applications.pipeline, name="pipeline"),
    path(
        "postings/<int:pk>/applications/export.csv",
        export.pipeline_export,
        name="pipeline_export",
    ),
    path(
        "postings/<int:pk>/applications/move/",
        employer_applications.pipeline_bulk_move,
        name="pipeline_bulk_move",
    ),
    path(
        "applications/<int:pk>/",
        employer_applications.application_detail,
        name="application_detail",
    ),
    path(
        "applications/<int:pk>/move/",
        employer_applications.application_move_view,
        name="application_move",
    ),
    path(
        "applications/<int:pk>/interview/",
        employer_interviews.interview_schedule,
        name="interview_schedule",
    ),
    path("interviews/<int:pk>/", employer_interviews.interview_detail, name="interview"),
    path(
        "interviews/<int:pk>/cancel/",
        employer_interviews.interview_cancel_view,
        name="interview_cancel",
    ),
    path("interviews/<int:pk>/invite.ics", employer_interviews.interview_ics, name="interview_ics"),
]

# Conversations between a graduate and a company, one thread per application or invitation.
graduate += [
    path("messages/", graduate_conversations.conversation_list, name="conversations"),
    path(
        "messages/<int:pk>/",
        graduate_conversations.conversation_detail,
        name="conversation_detail",
    ),
    path(
        "messages/<int:pk>/post/",
        graduate_conversations.conversation_post,
        name="conversation_post",
    ),
    path(
        "messages/<int:pk>/share-contact/",
        graduate_conversations.conversation_share,
        name="conversation_share",
    ),
    path(
        "messages/<int:pk>/attachments/<int:message_pk>/",
        graduate_conversations.message_attachment,
        name="message_attachment",
    ),
]
employer += [
    path("messages/", employer_conversations.conversation_list, name="conversations"),
    path(
        "messages/<int:pk>/",
        employer_conversations.conversation_detail,
        name="conversation_detail",
    ),
    path(
        "messages/<int:pk>/post/",
        employer_conversations.conversation_post,
        name="conversation_post",
    ),
    path(
        "messages/<int:pk>/attachments/<int:message_pk>/",
        employer_conversations.message_attachment,
        name="message_attachment",
    ),
    path(
        "invitations/<int:pk>/conversation/",
        employer_conversations.invitation_conversation,
        name="invitation_conversation",
    ),
]

staff = [
    path("analytics/skills/", skill_analytics.skills_page, name="analytics_skills"),
    path("analytics/skills.json", skill_analytics.skills_data, name="analytics_skills_data"),
    path("analytics/skills.csv", skill_analytics.skills_csv, name="analytics_skills_csv"),
    path(
        "analytics/skills/refresh/",
        skill_analytics.skills_refresh,
        name="analytics_skills_refresh",
    ),
    path("analytics/funnel/", funnel_analytics.funnel_page, name="analytics_funnel"),
    path("analytics/funnel.json", funnel_analytics.funnel_data, name="analytics_funnel_data"),
    path("analytics/funnel.csv", funnel_analytics.funnel_csv, name="analytics_funnel_csv"),
    path(
        "analytics/funnel/weekly.json",
        funnel_analytics.funnel_trend_data,
        name="analytics_funnel_trend_data",
    ),
    path(
        "analytics/funnel/weekly.csv",
        funnel_analytics.funnel_trend_csv,
        name="analytics_funnel_trend_csv",
    ),
    path("analytics/visas/", visa_analytics.visas_page, name="analytics_visas"),
    path("analytics/visas.json", visa_analytics.visas_data, name="analytics_visas_data"),
    path("analytics/visas.csv", visa_analytics.visas_csv, name="analytics_visas_csv"),
    path(
        "analytics/visas/weekly.json",
        visa_analytics.visas_trend_data,
        name="analytics_visas_trend_data",
    ),
    path(
        "analytics/visas/weekly.csv",
        visa_analytics.visas_trend_csv,
        name="analytics_visas_trend_csv",
    ),
    path(
        "analytics/skills/<str:by>/<int:pk>/trend/",
        skill_analytics.trend_page,
        name="analytics_trend",
    ),
    path(
        "analytics/skills/<str:by>/<int:pk>/trend.json",
        skill_analytics.trend_data,
        name="analytics_trend_data",
    ),
    path(
        "analytics/skills/<str:by>/<int:pk>/trend.csv",
        skill_analytics.trend_csv,
        name="analytics_trend_csv",
    ),
    path("golden/", golden.golden_posting_list, name="golden_postings"),
    path("golden/<int:pk>/", golden.golden_grading, name="golden_grading"),
]

job_pages = [
    path("", jobs.posting_list, name="list"),
    path("<int:pk>/", jobs.posting_detail, name="detail"),
    path("<int:pk>/apply/", jobs.posting_apply, name="apply"),
    path("<int:pk>/course-plan/", jobs.posting_course_plan, name="course_plan"),
    path("<int:pk>/save/", saved.posting_save, name="save"),
]

company_pages = [
    path("", companies.company_list, name="list"),
    path("<int:pk>/", companies.company_detail, name="detail"),
]

training = [
    path("", public_training.course_list, name="catalogue"),
    path("courses/<int:pk>/", public_training.course_detail, name="course_detail"),
    path("plan/<int:posting_pk>/", graduate_training.plan_for_posting, name="plan"),
    path("for-me/", graduate_training.for_me, name="for_me"),
    path("sponsor/<int:posting_pk>/", employer_training.sponsor, name="sponsor"),
]

visas = [
    path("check/", public_visas.check, name="check"),
    path("check/route/<slug:code>/", public_visas.check_route, name="check_route"),
    path("mine/", graduate_visas.mine, name="mine"),
    path("mine/results/", graduate_visas.mine_results, name="mine_results"),
    path("mine/route/<slug:code>/", graduate_visas.mine_route, name="mine_route"),
]

FACE = r"(?P<token>[A-Za-z0-9_-]+\.[0-9a-f]{16})"  # a page's Korean face (core.hangul_face)

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.healthz, name="healthz"),
    path("readyz", home.readyz, name="readyz"),
    re_path(rf"^fonts/hangul/{FACE}\.css$", fonts.hangul_face_css, name="hangul-face-css"),
    re_path(
        rf"^fonts/hangul/{FACE}-(?P<weight>[0-9]{{3}})\.woff2$",
        fonts.hangul_face_font,
        name="hangul-face-font",
    ),
    path("terms/", legal.terms, name="terms"),
    path("privacy/", legal.privacy, name="privacy"),
    path("dashboard/", account.dashboard, name="dashboard"),
    path("staff/", staff_dashboard, name="staff_dashboard"),
    path("staff/", include((staff, "staff"))),
    path("accounts/signup/", account.SignupView.as_view(), name="account_signup"),
    path("accounts/tokens/", tokens.api_tokens, name="api_tokens"),
    path("accounts/language/", language.language_settings, name="account_language"),
    path("i18n/setlang/", language.language_switch, name="set_language"),
    path("graduate/", include((graduate, "graduate"))),
    path("employer/", include((employer, "employer"))),
    path("jobs/", include((job_pages, "jobs"))),
    path("companies/", include((company_pages, "companies"))),
    path("training/", include((training, "training"))),
    path("visas/", include((visas, "visas"))),
    path(
        "skills/",
        include(
            ([path("autocomplete/", skills.skill_autocomplete, name="autocomplete")], "skills")
        ),
    ),
    path(
        "notifications/",
        include(
            (
                [
                    path("", notifications.notification_list, name="list"),
                    path("read/", notifications.notification_read, name="read"),
                ],
                "notifications",
            )
        ),
    ),
]
