from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import ApplicationStatus, EducationLevel, JobType, KoreaRegion, place_words
from core.models import TimeStampedModel
from employers.models import VerificationStatus
from skills.occupation_codes import validate_e7_code, validate_isco08_code


class PostingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class EnglishRequirement(models.TextChoices):
    NONE = "none", _("Not required")
    BASIC = "basic", _("Basic")
    WORKING = "working", _("Working proficiency")
    FLUENT = "fluent", _("Fluent")


class JobPostingQuerySet(models.QuerySet["JobPosting"]):
    def public(self) -> "JobPostingQuerySet":
        """What anyone may see, search, match and apply to: open, its employer verified by staff,
        and not past its deadline (the deadline day itself still counts). The one definition:
        every page, count, API, the matching engine and applying use it."""
        return self.filter(
            models.Q(deadline__isnull=True) | models.Q(deadline__gte=timezone.localdate()),
            status=PostingStatus.OPEN,
            employer__verification_status=VerificationStatus.VERIFIED,
        )


class JobPosting(TimeStampedModel):
    employer = models.ForeignKey(
        "employers.Employer", on_delete=models.CASCADE, related_name="postings"
    )
    title = models.CharField(max_length=160)
    description = models.TextField()
    occupation = models.CharField(max_length=120, blank=True, help_text=_("Occupation title"))
    isco_code = models.CharField(
        "ISCO-08 code",
        max_length=4,
        blank=True,
        validators=[validate_isco08_code],
    )
    e7_code = models.CharField(
        "E-7 occupation code",
        max_length=10,
        blank=True,
        validators=[validate_e7_code],
        help_text=_("Korean E-7 occupation code (KSCO-based) where known"),
    )
    min_education = models.CharField(max_length=12, choices=EducationLevel.choices, blank=True)
    accepted_fields = models.ManyToManyField(
        "profiles.FieldOfStudy",
        blank=True,
        related_name="+",
        help_text=_("Empty = any field of study"),
    )
    min_topik = models.PositiveSmallIntegerField(
        "minimum TOPIK level", default=0, validators=[MaxValueValidator(6)]
    )
    english_requirement = models.CharField(
        max_length=8, choices=EnglishRequirement.choices, default=EnglishRequirement.NONE
    )
    min_experience_years = models.PositiveSmallIntegerField(
        _("minimum years of experience"),
        default=0,
        validators=[MaxValueValidator(10)],
        help_text=_(
            "Years in a related role (0 = none asked). Years in the same occupation count in "
            "full, in a neighbouring one in part."
        ),
    )
    salary_min_krw = models.PositiveBigIntegerField("salary from (KRW per year)")
    salary_max_krw = models.PositiveBigIntegerField("salary to (KRW per year)")
    region = models.CharField(max_length=12, choices=KoreaRegion.choices)
    city = models.CharField(
        _("city"),
        max_length=80,
        blank=True,
        help_text=_("The city or county of the workplace, e.g. Suwon, Ulsan, Geoje."),
    )
    job_type = models.CharField(max_length=12, choices=JobType.choices, default=JobType.FULL_TIME)
    visa_sponsorship = models.BooleanField(_("visa sponsorship offered"), default=True)
    is_eps_job = models.BooleanField(
        _("Employment Permit System (E-9) job"),
        default=False,
        help_text=_(
            "The employer recruits through the EPS quota (manufacturing, shipbuilding, "
            "agriculture...). Only such jobs open the E-9 route."
        ),
    )
    openings = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    status = models.CharField(
        max_length=8, choices=PostingStatus.choices, default=PostingStatus.DRAFT
    )
    deadline = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Full-text document of the title (weight A) and description (C). On PostgreSQL a trigger
    # keeps it current on every insert and update and a GIN index serves job search
    # (migration 0004); elsewhere it stays empty and search falls back to substring matching.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = JobPostingQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [
            # The public list's order, with what its filter and the search's filters read: its
            # pages skip their OFFSET in this index alone (jobs.selectors.NarrowPages), and a
            # search counts and pages its postings without reading their rows (the rows are
            # wide: description, search document); PostgreSQL only.
            models.Index(
                fields=["status", "-published_at", "-id"],
                include=[
                    *("deadline", "employer", "min_topik", "salary_max_krw"),
                    *("region", "job_type", "visa_sponsorship"),
                ],
                name="posting_public_order",
            ),
            # A company's open postings: the directory counts each company's from this index
            # alone (portal.public.selectors.company_directory), 3.4 ms to 1.2 at 10,000.
            models.Index(
                fields=["employer", "status"],
                include=["deadline", "id"],
                name="posting_employer_status",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_min_krw__lte=models.F("salary_max_krw")),
                name="posting_salary_min_le_max",
            ),
            models.CheckConstraint(condition=models.Q(min_topik__lte=6), name="posting_topik_0_6"),
            models.CheckConstraint(
                condition=models.Q(openings__gte=1), name="posting_openings_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PostingStatus.values), name="posting_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="open") | models.Q(published_at__isnull=False),
                name="posting_open_has_published_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.employer.name}"

    def clean(self) -> None:
        if (
            self.salary_min_krw is not None
            and self.salary_max_krw is not None
            and self.salary_min_krw > self.salary_max_krw
        ):
            raise ValidationError(
                {"salary_max_krw": _("The upper salary must be at least the lower salary.")}
            )

    @property
    def location(self) -> str:
        """Where the job is, as people write it: "City, Province", or the province alone."""
        return place_words(self.city, self.region)

    @property
    def is_public(self) -> bool:
        """Whether this posting passes `JobPostingQuerySet.public` (the database answers, so the
        two can never disagree): asked when read (`listed`, jobs.selectors.posting_for_member),
        else now."""
        listed = self.__dict__.get("listed")
        if listed is not None:
            return bool(listed)
        return self.pk is not None and JobPosting.objects.public().filter(pk=self.pk).exists()


class Requirement(models.TextChoices):
    """How much a posting skill matters: a deal breaker is a required skill below whose level a
    graduate is not ranked at all (matching.scoring)."""

    DEAL_BREAKER = "breaker", _("Deal breaker")
    REQUIRED = "required", _("Required")
    NICE = "nice", _("Nice to have")

    @classmethod
    def is_required(cls, value: str) -> bool:
        return value != cls.NICE


class PostingSkill(models.Model):
    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("skills.Skill", on_delete=models.PROTECT, related_name="+")
    requirement = models.CharField(
        max_length=8, choices=Requirement.choices, default=Requirement.REQUIRED
    )
    min_level = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    weight = models.FloatField(
        default=1.0,
        validators=[MinValueValidator(0.1), MaxValueValidator(5.0)],
        help_text=_("Relative importance within the posting (0.1-5)."),
    )

    class Meta:
        ordering = ["requirement", "-weight", "skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["posting", "skill"], name="postingskill_unique"),
            models.CheckConstraint(
                condition=models.Q(min_level__gte=1, min_level__lte=5),
                name="postingskill_level_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0, weight__lte=5), name="postingskill_weight_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ≥ {self.min_level} ({self.get_requirement_display()})"


# The hiring pipeline: which status may follow which. Withdrawing is the graduate's move; every
# other move is the employer's. Hired, rejected and withdrawn are final.
PIPELINE_TRANSITIONS: dict[str, frozenset[str]] = {
    ApplicationStatus.APPLIED: frozenset({"screening", "interview", "rejected", "withdrawn"}),
    ApplicationStatus.SCREENING: frozenset({"interview", "rejected", "withdrawn"}),
    ApplicationStatus.INTERVIEW: frozenset({"offer", "rejected", "withdrawn"}),
    ApplicationStatus.OFFER: frozenset({"hired", "rejected", "withdrawn"}),
    ApplicationStatus.HIRED: frozenset(),
    ApplicationStatus.REJECTED: frozenset(),
    ApplicationStatus.WITHDRAWN: frozenset(),
}


class Application(TimeStampedModel):
    graduate = models.ForeignKey(
        "profiles.GraduateProfile", on_delete=models.CASCADE, related_name="applications"
    )
    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="applications")
    cover_letter = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.APPLIED
    )
    rejection_reason = models.CharField(max_length=300, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["graduate", "posting"], name="application_one_per_graduate_posting"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values),
                name="application_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.graduate} → {self.posting.title} ({self.status})"

    @property
    def is_final(self) -> bool:
        return not PIPELINE_TRANSITIONS[self.status]

    @property
    def can_withdraw(self) -> bool:
        return ApplicationStatus.WITHDRAWN in PIPELINE_TRANSITIONS[self.status]

    @property
    def screening_misses(self) -> list["ScreeningAnswer"]:
        """The answers that miss their question's knockout rule (a mark, not a rejection).
        Uses prefetched `screening_answers` when the caller loaded them."""
        return [answer for answer in self.screening_answers.all() if not answer.meets]


class ApplicationStatusChange(models.Model):
    """Append-only history of an application's status: rows are written once, never changed."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=10, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=ApplicationStatus.choices)
    note = models.TextField(blank=True, help_text=_("Internal note, seen by the employer only."))
    message = models.TextField(blank=True, help_text=_("Message to the graduate."))

    class Meta:
        ordering = ["changed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_status=models.F("to_status")),
                name="statuschange_changes_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status} at {self.changed_at:%Y-%m-%d %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("Application history is append-only; rows cannot be changed.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class PostingInvitation(TimeStampedModel):
    """An employer asks a graduate to apply to a posting; one invitation per pair."""

    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="invitations")
    graduate = models.ForeignKey(
        "profiles.GraduateProfile", on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "graduate"], name="invitation_one_per_graduate_posting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.graduate} invited to {self.posting.title}"


# Saved postings and searches, and screening questions, live in their own modules; imported
# here so that `jobs.models` lists every table.
from jobs.models.saved import SavedJob, SavedSearch, SavedSearchAlert  # noqa: E402
from jobs.models.screening import (  # noqa: E402
    QuestionKind,
    ScreeningAnswer,
    ScreeningQuestion,
)

__all__ = [
    "PIPELINE_TRANSITIONS",
    "Application",
    "ApplicationStatus",
    "ApplicationStatusChange",
    "EnglishRequirement",
    "JobPosting",
    "JobPostingQuerySet",
    "PostingInvitation",
    "PostingSkill",
    "PostingStatus",
    "QuestionKind",
    "Requirement",
    "SavedJob",
    "SavedSearch",
    "SavedSearchAlert",
    "ScreeningAnswer",
    "ScreeningQuestion",
]
