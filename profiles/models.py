import os
import uuid
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django_countries import Countries
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField

from core.choices import (
    ASEAN_COUNTRIES,
    DIGEST_FREQUENCIES,
    AlertFrequency,
    CompanySize,
    EducationLevel,
    Industry,
    JobType,
    KoreaRegion,
)
from core.models import TimeStampedModel
from core.timezones import person_zone, validate_time_zone


class AseanCountries(Countries):
    only = list(ASEAN_COUNTRIES)
    # The site's names for them (settings.COUNTRIES_OVERRIDE), and no other country: an override
    # would otherwise add Korea to the list.
    override = {
        code: name for code, name in settings.COUNTRIES_OVERRIDE.items() if code in ASEAN_COUNTRIES
    }


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files that must never have a public URL (CVs); read only through access-checked views.

    The location follows `settings.PRIVATE_MEDIA_ROOT` at each use, so tests and deployments can
    move it without re-creating the storage.
    """

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through an access-checked view.")


private_storage = PrivateStorage()


def cv_upload_path(instance: "GraduateProfile", filename: str) -> str:
    """A random name: the uploaded file name is never used as a storage path."""
    return f"cvs/{uuid.uuid4().hex}.pdf"


class FieldOfStudy(models.Model):
    """An ISCED-F 2013 field of education (UNESCO UIS); STEM = broad fields 05, 06 and 07."""

    code = models.CharField(max_length=4, unique=True)
    name = models.CharField(max_length=120)
    is_stem = models.BooleanField("STEM", default=False)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "fields of study"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{3,4}$"), name="fieldofstudy_code_isced"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Visibility(models.TextChoices):
    DISCOVERABLE = "discoverable", _("Verified employers may find my profile")
    APPLIED_ONLY = "applied_only", _("Only employers I apply to")
    HIDDEN = "hidden", _("Nobody (I am not looking)")


class EnglishTest(models.TextChoices):
    NONE = "", _("None")
    TOEIC = "toeic", "TOEIC"
    TOEFL_IBT = "toefl_ibt", "TOEFL iBT"
    IELTS = "ielts", "IELTS"
    CEFR = "cefr", _("CEFR level (as a number, A1=1 … C2=6)")


# The lowest score of each test at each CEFR level (A1=1 ... C2=6), from the publishers'
# concordances: ETS "Mapping the TOEIC Listening and Reading test to the CEFR" (2019: A1 120,
# A2 225, B1 550, B2 785, C1 945) and "TOEFL iBT and the CEFR" (B1 42, B2 72, C1 95, C2 114);
# IELTS, "IELTS and the CEFR" (B1 4.0, B2 5.5, C1 7.0, C2 8.5). Levels a test does not report
# are left out.
CEFR_FLOORS: dict[str, tuple[tuple[float, int], ...]] = {
    "toeic": ((945, 5), (785, 4), (550, 3), (225, 2), (120, 1)),
    "toefl_ibt": ((114, 6), (95, 5), (72, 4), (42, 3)),
    "ielts": ((8.5, 6), (7.0, 5), (5.5, 4), (4.0, 3)),
}


def english_cefr_level(test: str, score: float | None) -> int:
    """The CEFR level (0 = none shown, A1=1 ... C2=6) an English test score stands for."""
    if not test or score is None:
        return 0
    if test == "cefr":
        return max(0, min(6, int(score)))
    return next((level for floor, level in CEFR_FLOORS.get(test, ()) if score >= floor), 0)


class CurrentVisa(models.TextChoices):
    NONE = "", _("None / not in Korea")
    D2 = "D-2", "D-2"
    D4 = "D-4", "D-4"
    D10 = "D-10", "D-10"
    E7 = "E-7", "E-7"
    E9 = "E-9", "E-9"
    F2 = "F-2", _("F-2 (resident)")
    F4 = "F-4", _("F-4 (overseas Korean)")
    F5 = "F-5", _("F-5 (permanent resident)")
    F6 = "F-6", _("F-6 (marriage migrant)")
    OTHER = "other", _("Other")

    @classmethod
    def needs_sponsorship(cls, code: str) -> bool:
        """Whether an employer must sponsor a work visa: yes, unless the status already allows
        any work (F-2, F-4, F-5, F-6; Immigration Act Enforcement Decree, Table 1-2)."""
        return code not in OPEN_WORK_STATUSES


# Statuses that allow any job without an employer's sponsorship.
OPEN_WORK_STATUSES = frozenset({CurrentVisa.F2, CurrentVisa.F4, CurrentVisa.F5, CurrentVisa.F6})


class GraduateProfile(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="graduate_profile"
    )
    nationality = CountryField(countries=AseanCountries, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    phone = PhoneNumberField(blank=True)
    current_country = CountryField(blank=True)
    current_city = models.CharField(max_length=80, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Blank: the zone of the country you live in (or of your nationality)."),
    )
    headline = models.CharField(max_length=140, blank=True)
    summary = models.TextField(blank=True)
    topik_level = models.PositiveSmallIntegerField(
        "TOPIK level",
        default=0,
        validators=[MaxValueValidator(6)],
        help_text=_("0 = no valid TOPIK result; 1-6 as on the score report."),
    )
    kiip_stage = models.PositiveSmallIntegerField(
        "KIIP stage",
        default=0,
        validators=[MaxValueValidator(5)],
        help_text=_("Completed stage of the Korea Immigration and Integration Programme (0-5)."),
    )
    english_test = models.CharField(max_length=12, choices=EnglishTest.choices, blank=True)
    english_score = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    current_visa = models.CharField(max_length=8, choices=CurrentVisa.choices, blank=True)
    preferred_industries = models.JSONField(default=list, blank=True)
    preferred_regions = models.JSONField(default=list, blank=True)
    preferred_job_types = models.JSONField(default=list, blank=True)
    preferred_company_sizes = models.JSONField(default=list, blank=True)
    min_salary_krw = models.PositiveBigIntegerField(
        "minimum annual salary (KRW)", null=True, blank=True
    )
    willing_to_relocate = models.BooleanField(default=True)
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.APPLIED_ONLY
    )
    cv = models.FileField(
        "CV (PDF)", storage=private_storage, upload_to=cv_upload_path, blank=True, max_length=200
    )
    cv_original_name = models.CharField(max_length=200, blank=True)
    cv_uploaded_at = models.DateTimeField(null=True, blank=True)
    match_digest_frequency = models.CharField(
        _("e-mail of new matching jobs"),
        max_length=8,
        choices=DIGEST_FREQUENCIES,
        default=AlertFrequency.DAILY,
    )

    class Meta:
        ordering = ["user__email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    match_digest_frequency__in=[value for value, _label in DIGEST_FREQUENCIES]
                ),
                name="profile_digest_frequency_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(topik_level__lte=6), name="profile_topik_0_6"
            ),
            models.CheckConstraint(condition=models.Q(kiip_stage__lte=5), name="profile_kiip_0_5"),
            models.CheckConstraint(
                condition=models.Q(visibility__in=Visibility.values),
                name="profile_visibility_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(english_test="") | models.Q(english_score__isnull=False),
                name="profile_english_test_has_score",
            ),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name()

    @property
    def effective_time_zone(self) -> str:
        """The zone interview times are shown in (core.timezones.person_zone)."""
        return person_zone(self.time_zone, str(self.current_country), str(self.nationality))

    def clean(self) -> None:
        errors: dict[str, str] = {}
        for field, choices in (
            ("preferred_industries", Industry.values),
            ("preferred_regions", KoreaRegion.values),
            ("preferred_job_types", JobType.values),
            ("preferred_company_sizes", CompanySize.values),
        ):
            unknown = sorted(set(getattr(self, field) or []) - set(choices))
            if unknown:
                errors[field] = f"Unknown choice(s): {', '.join(unknown)}"
        if errors:
            raise ValidationError(errors)

    @property
    def english_cefr_level(self) -> int:
        """The CEFR level (0-6) the graduate's English test result stands for."""
        score = float(self.english_score) if self.english_score is not None else None
        return english_cefr_level(self.english_test, score)

    @property
    def needs_visa_sponsorship(self) -> bool:
        """Whether an employer must sponsor the graduate's work visa: it follows from the
        declared status (CurrentVisa.needs_sponsorship), so the two can never disagree."""
        return CurrentVisa.needs_sponsorship(self.current_visa)

    @property
    def cv_filename(self) -> str:
        return self.cv_original_name or (Path(self.cv.name).name if self.cv else "")


class EducationRecord(models.Model):
    profile = models.ForeignKey(GraduateProfile, on_delete=models.CASCADE, related_name="education")
    level = models.CharField(max_length=12, choices=EducationLevel.choices)
    field_of_study = models.ForeignKey(FieldOfStudy, on_delete=models.PROTECT, related_name="+")
    programme = models.CharField(
        max_length=120, blank=True, help_text=_("e.g. B.Eng. Electrical Engineering")
    )
    institution = models.CharField(max_length=160)
    country = CountryField()
    graduation_year = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-graduation_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=EducationLevel.values), name="education_level_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(graduation_year__gte=1950, graduation_year__lte=2100),
                name="education_graduation_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()}, {self.institution} ({self.graduation_year})"

    @property
    def is_korean_university(self) -> bool:
        return self.country == "KR"


def role_years(start: date, end: date | None, *, on: date) -> float:
    """A role's length in years, up to `on` while it is ongoing (never negative)."""
    return max(((end or on) - start).days, 0) / 365.25


class WorkExperience(models.Model):
    profile = models.ForeignKey(
        GraduateProfile, on_delete=models.CASCADE, related_name="experience"
    )
    title = models.CharField(max_length=120)
    isco_code = models.CharField(
        _("occupation (ISCO-08 code)"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("An ISCO-08 unit group has four digits."))],
        help_text=_("The occupation of this role: employers' postings count it as experience."),
    )
    employer_name = models.CharField(max_length=160)
    country = CountryField()
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text=_("Empty while ongoing."))
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="experience_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.employer_name}"


class SkillSource(models.TextChoices):
    SELF = "self", _("Self-declared")
    COURSE = "course", _("Course completed")
    CERTIFICATE = "certificate", _("Certificate")


class GraduateSkill(models.Model):
    profile = models.ForeignKey(GraduateProfile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("skills.Skill", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = basic … 5 = expert"),
    )
    source = models.CharField(max_length=12, choices=SkillSource.choices, default=SkillSource.SELF)

    class Meta:
        ordering = ["-level", "skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="graduateskill_unique"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="graduateskill_level_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} (level {self.level})"


class UnmatchedSkill(models.Model):
    """A skill a graduate typed that matches no taxonomy name, alias or Korean name.

    Kept for staff review instead of being lost: staff map it to a taxonomy skill in the admin,
    which adds the GraduateSkill and sets `resolved_skill`.
    """

    profile = models.ForeignKey(
        GraduateProfile, on_delete=models.CASCADE, related_name="unmatched_skills"
    )
    label = models.CharField(max_length=80)
    level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_skill = models.ForeignKey(
        "skills.Skill", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "label"], name="unmatchedskill_unique"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="unmatchedskill_level_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} (level {self.level})"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_skill_id is not None
