from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    # allauth's e-mail addresses sit under its own "Accounts" heading in the admin index.
    verbose_name = "Users and roles"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import post_migrate

        from accounts.middleware import session_stamp, sign_in_audit, sign_in_failed_audit
        from accounts.permissions import staff_groups_ensure

        user_logged_in.connect(session_stamp, dispatch_uid="accounts.session_stamp")
        user_logged_in.connect(sign_in_audit, dispatch_uid="accounts.sign_in_audit")
        user_login_failed.connect(sign_in_failed_audit, dispatch_uid="accounts.sign_in_failed")
        post_migrate.connect(staff_groups_ensure, dispatch_uid="accounts.staff_groups")
