from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        # Profiles announce a graduate's edits (core.changes); profiles cannot import us.
        from core.changes import change_listener_add
        from partners.services import partner_shares_touch_from_change

        change_listener_add(partner_shares_touch_from_change)
