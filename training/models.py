from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

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


class Course(TimeStampedModel):
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
    entry_requirements = models.TextField(blank=True)
    url = models.URLField("link", blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]
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
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.provider})"


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
