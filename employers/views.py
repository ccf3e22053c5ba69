from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from employers.selectors import employer_postings_overview, membership_for_user


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.is_employer_member:
        return redirect("dashboard")
    membership = membership_for_user(user=request.user)
    postings = (
        employer_postings_overview(employer_id=membership.employer_id)[:20] if membership else []
    )
    return render(
        request, "employers/dashboard.html", {"membership": membership, "postings": postings}
    )
