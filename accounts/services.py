from django.db import transaction

from accounts.models import Role, User


@transaction.atomic
def user_onboard(*, user: User, role: str, full_name: str) -> User:
    """Give a newly signed-up user their role and, for graduates, an empty profile to fill in."""
    if role not in (Role.GRADUATE, Role.EMPLOYER):
        raise ValueError(f"Sign-up cannot grant the role {role!r}")
    user.role = role
    user.full_name = full_name.strip()
    user.save(update_fields=["role", "full_name"])
    if role == Role.GRADUATE:
        from profiles.services import graduate_profile_get_or_create

        graduate_profile_get_or_create(user=user)
    return user
