"""factory_boy factories: the smallest valid rows, with realistic values."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import Role, User
from employers.models import Employer, EmployerMember, MemberRole, VerificationStatus
from employers.validators import brn_check_digit
from jobs.models import Application, JobPosting, PostingSkill, PostingStatus
from partners.models import Partner
from profiles.models import EducationRecord, FieldOfStudy, GraduateProfile, GraduateSkill
from skills.models import Skill, SkillCategory
from training.models import Course, CourseSkill, TrainingProvider

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Faker("name")
    role = Role.GRADUATE

    @factory.post_generation
    def password(obj: User, create: bool, extracted: str | None, **kwargs: object) -> None:
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    """Staff with an authenticator app (TOTP) set up; `totp_secret` makes its codes
    (`totp_code(user.totp_secret)`)."""

    role = Role.STAFF
    is_staff = True
    is_superuser = True

    @factory.post_generation
    def second_step(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        obj.totp_secret = generate_totp_secret()  # type: ignore[attr-defined]
        if create:
            TOTP.activate(obj, obj.totp_secret)  # type: ignore[attr-defined]


def totp_code(secret: str) -> str:
    """The authenticator app's code for now."""
    import time

    from allauth.mfa.totp.internal.auth import app_settings, format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


class SkillCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillCategory
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")
    name_ko = factory.Sequence(lambda n: f"분류 {n}")


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    slug = factory.Sequence(lambda n: f"skill-{n}")
    name = factory.Sequence(lambda n: f"Skill {n}")
    category = factory.SubFactory(SkillCategoryFactory)


class GraduateProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GraduateProfile

    user = factory.SubFactory(UserFactory, role=Role.GRADUATE)
    nationality = "VN"
    date_of_birth = datetime.date(2000, 5, 17)
    headline = "Electronics engineer"
    topik_level = 3
    preferred_industries = ["semiconductors"]
    preferred_regions = ["gyeonggi"]
    preferred_job_types = ["full_time"]
    min_salary_krw = 32_000_000
    visibility = "discoverable"


class EducationRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EducationRecord

    profile = factory.SubFactory(GraduateProfileFactory)
    level = "bachelor"
    field_of_study = factory.LazyFunction(lambda: FieldOfStudy.objects.get(code="0714"))
    institution = "Hanoi University of Science and Technology"
    country = "VN"
    graduation_year = 2024


class GraduateSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GraduateSkill

    profile = factory.SubFactory(GraduateProfileFactory)
    skill = factory.SubFactory(SkillFactory)
    level = 3


def ready_to_apply(profile: GraduateProfile) -> GraduateProfile:
    """Give the profile what applying needs (jobs.services.application_missing_parts): a degree,
    a skill and a CV on record (the file itself is never opened by the callers)."""
    if not profile.education.exists():
        EducationRecordFactory(profile=profile)
    if not profile.skills.exists():
        GraduateSkillFactory(profile=profile)
    if not profile.cv:
        profile.cv.name = f"cvs/{profile.pk}/cv.pdf"
        profile.cv_original_name = "cv.pdf"
        profile.save(update_fields=["cv", "cv_original_name"])
    return profile


def ApplicantFactory(**kwargs: object) -> GraduateProfile:
    """A graduate profile ready to apply (see ready_to_apply)."""
    return ready_to_apply(GraduateProfileFactory(**kwargs))


def valid_brn(n: int) -> str:
    first_nine = f"{100 + n % 900:03d}{81 + n % 10:02d}{n % 10000:04d}"
    digits = first_nine + str(brn_check_digit(first_nine))
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"Hanbit Semitech {n}")
    name_ko = factory.Sequence(lambda n: f"한빛세미텍 {n}")
    business_registration_number = factory.Sequence(valid_brn)
    industry = "semiconductors"
    size_class = "mid"
    region = "gyeonggi"
    verification_status = VerificationStatus.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)

    class Params:
        unverified = factory.Trait(verification_status=VerificationStatus.PENDING, verified_at=None)


class EmployerMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerMember

    employer = factory.SubFactory(EmployerFactory)
    user = factory.SubFactory(UserFactory, role=Role.EMPLOYER)
    role = MemberRole.OWNER


class JobPostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobPosting

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Process engineer {n}")
    description = "Run and improve etch and deposition steps on a 300 mm line."
    salary_min_krw = 36_000_000
    salary_max_krw = 48_000_000
    region = "gyeonggi"
    status = PostingStatus.OPEN
    published_at = factory.LazyFunction(timezone.now)


class PostingSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostingSkill

    posting = factory.SubFactory(JobPostingFactory)
    skill = factory.SubFactory(SkillFactory)
    min_level = 3
    weight = 1.0


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    graduate = factory.SubFactory(GraduateProfileFactory)
    posting = factory.SubFactory(JobPostingFactory)
    cover_letter = "I would like to join your process team."


class TrainingProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingProvider

    name = factory.Sequence(lambda n: f"Vietnam-Korea Technical College {n}")
    kind = "technical_college"
    country = "VN"


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    provider = factory.SubFactory(TrainingProviderFactory)
    title = factory.Sequence(lambda n: f"Semiconductor process basics {n}")
    kind = "vocational"
    hours = 120


class CourseSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseSkill

    course = factory.SubFactory(CourseFactory)
    skill = factory.SubFactory(SkillFactory)
    level_reached = 3


class PartnerFactory(factory.django.DjangoModelFactory):
    """A partner organisation waiting for approval (partners.services.partner_approve issues
    its client credentials)."""

    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Hanbat University Career Office {n}")
    kind = "university"
    country = "KR"
    description = "Follows its ASEAN alumni into Korean jobs and advises them."
    contact_email = factory.Sequence(lambda n: f"careers{n}@university.example")
