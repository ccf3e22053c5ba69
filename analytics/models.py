"""Summary tables for the skills analytics, one snapshot per week (Monday's date), written by the
summary job (analytics.services.skills_summary_compute, on Celery beat) and read by the pages:
no page scans the profiles or postings.

A "subject" is a skill or a whole skill category (exactly one of the two is set).

Privacy: a supply cell (graduates of one nationality holding a subject at one level) of fewer
than settings.ANALYTICS_MIN_CELL graduates is never stored, so every figure shown is a sum of
cells of at least that many graduates: no filter, and no difference between two filters,
isolates fewer people than that.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class _Subject(models.Model):
    week = models.DateField(help_text="The Monday of the snapshot's week.")
    skill = models.ForeignKey("skills.Skill", null=True, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(
        "skills.SkillCategory", null=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True


def _one_subject(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(skill__isnull=False, category__isnull=True)
        | models.Q(skill__isnull=True, category__isnull=False),
        name=name,
    )


class DemandCell(_Subject):
    """Public postings that require the subject at `min_level` (for a category: the highest
    level they ask of its skills), by the company's industry and the job's region."""

    industry = models.CharField(max_length=20)
    region = models.CharField(max_length=12)
    min_level = models.PositiveSmallIntegerField()
    postings = models.PositiveIntegerField()
    openings = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["week", "industry", "region"])]
        constraints = [_one_subject("demandcell_one_subject")]

    def __str__(self) -> str:
        return f"{self.week}: {self.openings} openings at level {self.min_level}"


class SupplyCell(_Subject):
    """Graduates of one nationality whose level in the subject is `level` (for a category:
    their best level among its skills). Cells under the minimum are not stored."""

    country = models.CharField(max_length=2, blank=True)
    level = models.PositiveSmallIntegerField()
    graduates = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["week", "country"])]
        constraints = [_one_subject("supplycell_one_subject")]

    def __str__(self) -> str:
        return f"{self.week}: {self.graduates} graduates ({self.country or '?'}) at {self.level}"


class SummaryRun(models.Model):
    """One computation of a week's snapshot: when, how long, from how much."""

    week = models.DateField()
    started_at = models.DateTimeField(default=timezone.now)
    seconds = models.FloatField(default=0)
    graduates = models.PositiveIntegerField(default=0)
    postings = models.PositiveIntegerField(default=0)
    suppressed_cells = models.PositiveIntegerField(
        default=0, help_text="Supply cells left out for holding too few graduates."
    )
    suppressed_holdings = models.PositiveIntegerField(
        default=0, help_text="Graduates' skills (one graduate, one skill) in the cells left out."
    )
    funnel_left_out_before = models.PositiveIntegerField(
        default=0, help_text="Graduates in funnel groups left out, before applying."
    )
    funnel_left_out_after = models.PositiveIntegerField(
        default=0, help_text="Graduate-industry pairs in funnel groups left out, after applying."
    )
    visa_left_out = models.PositiveIntegerField(
        default=0, help_text="Graduates in visa feasibility groups left out."
    )
    visa_offer_salary = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        help_text="The offer's annual salary (KRW) the visa feasibility assumed: the median of "
        "the public postings' lower salaries.",
    )

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"week of {self.week} ({self.started_at:%Y-%m-%d %H:%M}, {self.seconds:.1f} s)"


class FunnelStage(models.IntegerChoices):
    """From signing up to a job, in order: each stage is reached only after the one before."""

    REGISTERED = 1, _("Registered")
    READY = 2, _("Ready to apply")
    MATCHED = 3, _("Matched")
    APPLIED = 4, _("Applied")
    INTERVIEW = 5, _("Interview")
    OFFER = 6, _("Offer")
    HIRED = 7, _("Hired")


class FunnelCell(models.Model):
    """Graduates of one nationality whose furthest stage is `stage`: before applying (the first
    three stages, `industry` empty), or after, once per industry they applied in. The groups
    are disjoint, so "reached a stage" is a sum of cells; a cell of fewer than
    settings.ANALYTICS_MIN_CELL graduates is not stored (analytics.models explains why).

    `days_to_*`: the cell's total of days from the first application (in that industry) to
    first reaching the stage, over its graduates who reached it (all of them, when `stage` is at
    or beyond it)."""

    week = models.DateField()
    country = models.CharField(max_length=2, blank=True)
    industry = models.CharField(max_length=20, blank=True)
    stage = models.PositiveSmallIntegerField(choices=FunnelStage.choices)
    graduates = models.PositiveIntegerField()
    days_to_interview = models.PositiveIntegerField(default=0)
    days_to_offer = models.PositiveIntegerField(default=0)
    days_to_hired = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["week", "country"])]

    def __str__(self) -> str:
        return f"{self.week}: {self.graduates} ({self.country or '?'}) at stage {self.stage}"


class VisaCell(models.Model):
    """Graduates of one nationality by work-visa feasibility (visas.rules.feasibility): `open`
    (some work route open with a typical sponsoring offer), or not and `missing` the kinds of
    condition on their easiest way to open one ("experience", "degree+topik"; empty when no
    listed step opens any). The groups are disjoint; a cell of fewer than
    settings.ANALYTICS_MIN_CELL graduates is not stored."""

    week = models.DateField()
    country = models.CharField(max_length=2, blank=True)
    open = models.BooleanField()
    missing = models.CharField(max_length=60, blank=True)
    graduates = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["week", "country"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(open=True, missing__gt=""), name="visacell_open_misses_nothing"
            )
        ]

    def __str__(self) -> str:
        state = "open" if self.open else f"missing {self.missing or 'no listed step'}"
        return f"{self.week}: {self.graduates} ({self.country or '?'}) {state}"
