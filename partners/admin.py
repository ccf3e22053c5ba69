from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.http import signed_in_user
from partners.models import Partner, PartnerShare
from partners.services import (
    ClientCredentials,
    partner_approve,
    partner_credentials_renew,
    partner_suspend,
)


def _show_once(request: HttpRequest, partner: Partner, credentials: ClientCredentials) -> None:
    messages.warning(
        request,
        f"{partner}: client id {credentials.client_id}, client secret "
        f"{credentials.client_secret} (shown this once: send it to the partner's contact "
        "over a secure channel; a lost secret is renewed, never read back).",
    )


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin[Partner]):
    list_display = ["name", "kind", "country", "status", "approved_at"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "contact_email"]
    readonly_fields = ["status", "application", "approved_by", "approved_at", "created_at"]
    actions = ["approve", "renew_credentials", "suspend"]

    @admin.action(description="Approve and issue client credentials (shown once)")
    def approve(self, request: HttpRequest, queryset: QuerySet[Partner]) -> None:
        for partner in queryset:
            _show_once(
                request, partner, partner_approve(partner=partner, by=signed_in_user(request))
            )

    @admin.action(description="Renew client credentials (the old ones stop now)")
    def renew_credentials(self, request: HttpRequest, queryset: QuerySet[Partner]) -> None:
        for partner in queryset:
            try:
                renewed = partner_credentials_renew(partner=partner, by=signed_in_user(request))
            except ValidationError as refused:
                messages.error(request, f"{partner}: {' '.join(refused.messages)}")
            else:
                _show_once(request, partner, renewed)

    @admin.action(description="Suspend: end its API access and webhooks now")
    def suspend(self, request: HttpRequest, queryset: QuerySet[Partner]) -> None:
        for partner in queryset:
            partner_suspend(partner=partner)
        messages.success(request, f"{queryset.count()} partners suspended.")


@admin.register(PartnerShare)
class PartnerShareAdmin(admin.ModelAdmin[PartnerShare]):
    list_display = ["graduate_number", "partner", "granted_at", "withdrawn_at"]
    list_filter = ["partner"]
    readonly_fields = [f.name for f in PartnerShare._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # only the graduate chooses
