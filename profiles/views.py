from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from matching.selectors import graduate_matches_refreshing, matches_for_graduate
from profiles.selectors import (
    graduate_applications,
    graduate_profile_for_user,
    profile_completeness,
)
from profiles.services import graduate_profile_get_or_create


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.is_graduate:
        return redirect("dashboard")
    graduate_profile_get_or_create(user=request.user)
    profile = graduate_profile_for_user(user=request.user)
    completeness, missing = profile_completeness(profile=profile)
    return render(
        request,
        "profiles/dashboard.html",
        {
            "profile": profile,
            "completeness": completeness,
            "missing": missing,
            "applications": graduate_applications(profile=profile)[:10],
            "matches": matches_for_graduate(graduate=profile, limit=10),
            "refreshing": graduate_matches_refreshing(graduate=profile),
        },
    )
