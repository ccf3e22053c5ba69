from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    # allauth's e-mail addresses sit under its own "Accounts" heading in the admin index.
    verbose_name = "Users and roles"
