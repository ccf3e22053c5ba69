from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from jobs.models import Application
from profiles.models import GraduateProfile


def graduate_profile_for_user(*, user: User) -> GraduateProfile:
    return (
        GraduateProfile.objects.select_related("user")
        .prefetch_related("education__field_of_study", "skills__skill", "experience")
        .get(user=user)
    )


def graduate_applications(*, profile: GraduateProfile) -> QuerySet[Application]:
    return Application.objects.filter(graduate=profile).select_related("posting__employer")


def profile_completeness(*, profile: GraduateProfile) -> tuple[int, list[str]]:
    """Percentage of the profile's sections filled in, and what is missing (in the order to fix)."""
    checks = [
        (
            bool(profile.nationality and profile.date_of_birth),
            _("Add your nationality and date of birth"),
        ),
        (bool(profile.headline), _("Write a one-line headline")),
        (profile.education.exists(), _("Add your education")),
        (profile.skills.count() >= 3, _("List at least three skills with levels")),
        (bool(profile.preferred_industries), _("Choose the industries you want to work in")),
        (profile.min_salary_krw is not None, _("Set your minimum annual salary")),
        (bool(profile.cv), _("Upload your CV (PDF)")),
    ]
    done = sum(1 for ok, _ in checks if ok)
    return round(100 * done / len(checks)), [hint for ok, hint in checks if not ok]
