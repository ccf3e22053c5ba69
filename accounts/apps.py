from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    # allauth's e-mail addresses sit under its own "Accounts" heading in the admin index.
    verbose_name = "Users and roles"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import session_stamp

        user_logged_in.connect(session_stamp, dispatch_uid="accounts.session_stamp")
