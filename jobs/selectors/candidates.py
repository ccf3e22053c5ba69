"""What employers may see of graduates: a profile and CV only for a verified company, and only
for graduates who are discoverable or applied to one of its postings."""

from employers.models import Employer
from employers.permissions import employer_may_see_graduates
from jobs.models import Application
from profiles.models import GraduateProfile, Visibility


def candidate_visible_to_employer(*, profile: GraduateProfile, employer: Employer) -> bool:
    """An employer sees a graduate's profile and CV only when staff verified the company and the
    graduate lets verified employers find them, or applied to one of this company's postings."""
    if not employer_may_see_graduates(employer):
        return False
    if profile.visibility == Visibility.DISCOVERABLE:
        return True
    return Application.objects.filter(graduate=profile, posting__employer=employer).exists()


def candidate_for_employer(*, employer: Employer, graduate_id: int) -> GraduateProfile:
    """The graduate's profile if the employer may see it; GraduateProfile.DoesNotExist if not."""
    profile = (
        GraduateProfile.objects.select_related("user")
        .prefetch_related("education__field_of_study", "skills__skill", "experience")
        .get(pk=graduate_id)
    )
    if not candidate_visible_to_employer(profile=profile, employer=employer):
        raise GraduateProfile.DoesNotExist
    return profile
