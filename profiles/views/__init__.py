"""The graduate portal's pages: dashboard, guided profile, CV, applications."""

from profiles.views.applications import application_detail, application_list, application_withdraw
from profiles.views.cv import cv_download, cv_remove
from profiles.views.dashboard import dashboard, dashboard_matches_partial
from profiles.views.profile import (
    education_delete,
    education_edit,
    experience_delete,
    experience_edit,
    profile_start,
    profile_step,
)

__all__ = [
    "application_detail",
    "application_list",
    "application_withdraw",
    "cv_download",
    "cv_remove",
    "dashboard",
    "dashboard_matches_partial",
    "education_delete",
    "education_edit",
    "experience_delete",
    "experience_edit",
    "profile_start",
    "profile_step",
]
