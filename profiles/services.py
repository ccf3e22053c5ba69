from accounts.models import User
from profiles.models import GraduateProfile


def graduate_profile_get_or_create(*, user: User) -> GraduateProfile:
    profile, _created = GraduateProfile.objects.get_or_create(user=user)
    return profile
