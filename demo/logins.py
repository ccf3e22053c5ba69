"""Demo user accounts: the three documented logins and the many accounts nobody signs in to."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import Role, User

# Demo only: these accounts exist in demo databases, never in production.
DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105
# The demo admin's authenticator-app secret (staff need a second sign-in step): add it to any
# authenticator app, or print the current code with `manage.py demo_code`.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPTALENTBRIDGEDEMO"  # noqa: S105


@dataclass(frozen=True)
class DemoLogin:
    email: str
    password: str
    description: str


@dataclass(frozen=True)
class UserRow:
    email: str
    full_name: str
    role: str


DEMO_GRADUATE = DemoLogin(
    "graduate@demo.talentbridge.example",
    DEMO_PASSWORD,
    "graduate: a Vietnamese electronics engineer with semiconductor skills and applications",
)
DEMO_EMPLOYER = DemoLogin(
    "employer@demo.talentbridge.example",
    DEMO_PASSWORD,
    "employer member: owner of Hanbit Semitech, a verified semiconductor company",
)
DEMO_STAFF = DemoLogin(
    "admin@demo.talentbridge.example",
    DEMO_PASSWORD,
    "staff superuser: the admin and the staff dashboard",
)
DEMO_LOGINS = (DEMO_GRADUATE, DEMO_EMPLOYER, DEMO_STAFF)


def demo_login_ensure(*, login: DemoLogin, full_name: str, role: str) -> User:
    """The login's user, created with its demo password if missing; an existing one is kept."""
    user = User.objects.filter(email=login.email).first()
    if user is None:
        if role == Role.STAFF:
            user = User.objects.create_superuser(login.email, login.password, full_name=full_name)
            TOTP.activate(user, DEMO_TOTP_SECRET)
        else:
            user = User.objects.create_user(
                login.email, login.password, full_name=full_name, role=role
            )
    email_addresses_ensure(users=[user])
    return user


def users_ensure(*, rows: list[UserRow]) -> dict[str, User]:
    """The users with these e-mail addresses, creating the missing ones in one query.

    New users get an unusable password (no slow hashing, and nobody can sign in as them) and a
    verified primary e-mail address.
    """
    emails = [row.email for row in rows]
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    new_users = []
    for row in rows:
        if row.email in users:
            continue
        user = User(email=row.email, full_name=row.full_name, role=row.role)
        user.set_unusable_password()
        new_users.append(user)
    User.objects.bulk_create(new_users)
    email_addresses_ensure(users=new_users)
    users.update({user.email: user for user in new_users})
    return users


def email_addresses_ensure(*, users: list[User]) -> None:
    """A verified primary allauth address for each user that has none, so sign-in works."""
    has_address = set(EmailAddress.objects.filter(user__in=users).values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True)
        for user in users
        if user.pk not in has_address
    )
