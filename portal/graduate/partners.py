"""The graduate's choice of partner organisations to share their profile with (a university's
career office, a training provider): what each does with it, and a button to share or stop."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from partners.models import Partner
from partners.selectors import partner_approved_by_pk, partner_shares_of, partners_approved
from partners.services import partner_share_grant, partner_share_withdraw
from portal.graduate.access import graduate_required
from profiles.models import GraduateProfile


@require_GET
@graduate_required
def partner_list(request: HttpRequest, profile: GraduateProfile) -> HttpResponse:
    shares = partner_shares_of(graduate=profile)
    rows = [(partner, shares.get(partner.pk)) for partner in partners_approved()]
    return render(request, "graduate/partners.html", {"rows": rows})


@require_POST
@graduate_required
def partner_share(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    """Share with the partner, or (`action=stop`) stop sharing; back to the list."""
    try:
        partner = partner_approved_by_pk(pk=pk)
    except Partner.DoesNotExist:
        raise Http404("No such approved partner") from None
    if request.POST.get("action") == "stop":
        partner_share_withdraw(graduate=profile, partner=partner)
        messages.success(
            request, _("You no longer share your profile with %(name)s.") % {"name": partner}
        )
    else:
        partner_share_grant(graduate=profile, partner=partner)
        messages.success(
            request, _("You now share your profile with %(name)s.") % {"name": partner}
        )
    return redirect("graduate:partners")
