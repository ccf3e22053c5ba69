from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.choices import ASEAN_COUNTRIES
from core.models import TimeStampedModel


class ProviderKind(models.TextChoices):
    TECHNICAL_COLLEGE = "technical_college", _("Technical college")
    TRAINING_CENTRE = "training_centre", _("Training centre")
    LANGUAGE_INSTITUTE = "language_institute", _("Korean-language institute")
    UNIVERSITY = "university", _("University")
    SCHOLARSHIP_PROGRAMME = "scholarship_programme", _("Scholarship programme")


class TrainingProvider(models.Model):
    name = models.CharField(max_length=160, unique=True)
    kind = models.CharField(max_length=24, choices=ProviderKind.choices)
    country = CountryField()
    city = models.CharField(max_length=80, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CourseKind(models.TextChoices):
    VOCATIONAL = "vocational", _("Vocational / technical training")
    KOREAN_LANGUAGE = "korean_language", _("Korean-language course")
    DEGREE = "degree", _("Degree programme in Korea")
    SCHOLARSHIP = "scholarship", _("Scholarship")


class CourseMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")


class Funding(models.TextChoices):
    SELF_PAID = "self_paid", _("Paid by the learner")
    FREE = "free", _("Free")
    ODA = "oda", _("ODA-funded")
    KOICA = "koica", _("KOICA-funded")
    EMPLOYER = "employer", _("Employer-sponsored")
    SCHOLARSHIP = "scholarship", _("Scholarship")


class DegreeLevel(models.TextChoices):
    """The degree a programme awards, or the degree a scholarship funds."""

    MASTER = "master", _("Master's")
    DOCTORATE = "doctorate", _("Doctoral")


# Kinds of course the gap-closing planner combines: short courses with known hours. Degree
# programmes and scholarships are pathways, shown on their own.
PLANNABLE_KINDS = ("vocational", "korean_language")


class CourseQuerySet(models.QuerySet["Course"]):
    def for_cards(self) -> "CourseQuerySet":
        """With what a course card shows: the provider, and each skill taught with its name
        (three queries for any number of cards)."""
        taught = CourseSkill.objects.select_related("skill")
        return self.select_related("provider").prefetch_related(
            models.Prefetch("skills", queryset=taught)
        )


class Course(TimeStampedModel):
    objects = CourseQuerySet.as_manager()

    provider = models.ForeignKey(TrainingProvider, on_delete=models.CASCADE, related_name="courses")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=CourseKind.choices)
    description = models.TextField(blank=True)
    mode = models.CharField(max_length=10, choices=CourseMode.choices, default=CourseMode.IN_PERSON)
    country = CountryField(blank=True, help_text=_("Empty for online-only courses"))
    city = models.CharField(max_length=80, blank=True)
    language = models.CharField(_("language of instruction"), max_length=40, default="English")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    hours = models.PositiveIntegerField(null=True, blank=True)
    cost_usd = models.DecimalField(
        "cost (USD)", max_digits=9, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    funding = models.CharField(max_length=12, choices=Funding.choices, default=Funding.SELF_PAID)
    topik_target = models.PositiveSmallIntegerField(
        "TOPIK level prepared for",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    intake = models.CharField(
        max_length=80, blank=True, help_text=_("e.g. “March and September”, “Rolling”")
    )
    degree_level = models.CharField(
        max_length=10,
        choices=DegreeLevel.choices,
        blank=True,
        help_text=_("Degree programmes: the degree awarded; scholarships: the degree funded."),
    )
    field_of_study = models.ForeignKey(
        "profiles.FieldOfStudy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Degree programmes and field-specific scholarships (ISCED-F)."),
    )
    eligibility = models.TextField(
        _("who may apply"), blank=True, help_text=_("Scholarships: who may apply.")
    )
    eligible_nationalities = CountryField(
        multiple=True,
        blank=True,
        help_text=_("Empty = every nationality."),
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    entry_requirements = models.TextField(blank=True)
    url = models.URLField("link", blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["title_en"]  # the first title (translation.py): one order in every language
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "title"], name="course_unique_per_provider"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="course_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(cost_usd__gte=0), name="course_cost_non_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(topik_target__isnull=True)
                | models.Q(topik_target__gte=1, topik_target__lte=6),
                name="course_topik_target_1_6",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=CourseKind.values), name="course_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(degree_level__in=["", *DegreeLevel.values]),
                name="course_degree_level_valid",
            ),
        ]
        indexes = [models.Index(fields=["is_active", "start_date"], name="course_active_start")]

    def __str__(self) -> str:
        return f"{self.title} ({self.provider})"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors: dict[str, Any] = {}
        if self.kind == CourseKind.KOREAN_LANGUAGE and self.topik_target is None:
            errors["topik_target"] = _(
                "A Korean-language course needs the TOPIK level it prepares for."
            )
        if self.kind == CourseKind.DEGREE and not self.degree_level:
            errors["degree_level"] = _("A degree programme needs its degree level.")
        if self.mode != CourseMode.ONLINE and not self.country:
            errors["country"] = _("Only online courses may leave the country empty.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The course cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_free(self) -> bool:
        return self.cost_usd == 0

    @property
    def is_asean_based(self) -> bool:
        return str(self.country) in ASEAN_COUNTRIES

    def open_to(self, *, nationality: str, age: int | None) -> bool:
        """Whether a person of this nationality and age may apply (unknown age: not ruled out)."""
        nationalities = {str(c) for c in self.eligible_nationalities}
        if nationalities and nationality not in nationalities:
            return False
        return not (self.max_age is not None and age is not None and age > self.max_age)


class CourseSkill(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("skills.Skill", on_delete=models.PROTECT, related_name="+")
    level_reached = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["course", "skill"], name="courseskill_unique"),
            models.CheckConstraint(
                condition=models.Q(level_reached__gte=1, level_reached__lte=5),
                name="courseskill_level_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} → level {self.level_reached}"


class SponsorshipInterest(models.Model):
    """An employer's interest in funding training for a posting's common gaps: a course, or a
    skill when no listed course fits. The seed of employer-funded training; staff follow up."""

    employer = models.ForeignKey(
        "employers.Employer", on_delete=models.CASCADE, related_name="sponsorship_interests"
    )
    posting = models.ForeignKey(
        "jobs.JobPosting", on_delete=models.CASCADE, related_name="sponsorship_interests"
    )
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, null=True, blank=True, related_name="sponsor_interests"
    )
    skill = models.ForeignKey(
        "skills.Skill", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True, max_length=1000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(course__isnull=False) | models.Q(skill__isnull=False),
                name="sponsorship_course_or_skill",
            ),
        ]

    def __str__(self) -> str:
        target = self.course or self.skill
        return f"{self.employer} → {target} ({self.posting.title})"
