from django.db import models
from django.utils.translation import gettext_lazy as _


class RunKind(models.TextChoices):
    FULL = "full", _("Full recompute")
    INCREMENTAL = "incremental", _("Incremental")


class RunStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class MatchRun(models.Model):
    """One computation of match lists; readers use the latest succeeded full run."""

    kind = models.CharField(max_length=12, choices=RunKind.choices, default=RunKind.FULL)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    graduates_count = models.PositiveIntegerField(default=0)
    postings_count = models.PositiveIntegerField(default=0)
    results_count = models.PositiveIntegerField(default=0)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    top_k = models.PositiveSmallIntegerField(default=50)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RunStatus.values), name="matchrun_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(finished_at__isnull=True)
                | models.Q(started_at__isnull=False, finished_at__gte=models.F("started_at")),
                name="matchrun_finished_after_started",
            ),
        ]

    def __str__(self) -> str:
        return f"Run #{self.pk} ({self.kind}, {self.status})"


class MatchResult(models.Model):
    """A scored (graduate, posting) pair in a run; ranks say where it stands on each side's list."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="results")
    graduate = models.ForeignKey(
        "profiles.GraduateProfile", on_delete=models.CASCADE, related_name="matches"
    )
    posting = models.ForeignKey("jobs.JobPosting", on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField(help_text=_("Harmonic mean of fit and preference, 0-1"))
    fit = models.FloatField(help_text=_("Weighted skill coverage, 0-1"))
    preference = models.FloatField(help_text=_("How well the posting suits the graduate, 0-1"))
    rank_for_graduate = models.PositiveSmallIntegerField(null=True, blank=True)
    rank_for_posting = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["run", "graduate", "rank_for_graduate"]
        indexes = [
            models.Index(fields=["run", "graduate", "rank_for_graduate"], name="match_by_graduate"),
            models.Index(fields=["run", "posting", "rank_for_posting"], name="match_by_posting"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "graduate", "posting"], name="match_unique_pair"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=1)
                & models.Q(fit__gte=0, fit__lte=1)
                & models.Q(preference__gte=0, preference__lte=1),
                name="match_scores_0_1",
            ),
            models.CheckConstraint(
                condition=models.Q(rank_for_graduate__isnull=False)
                | models.Q(rank_for_posting__isnull=False),
                name="match_ranked_on_some_side",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.graduate} ~ {self.posting.title}: {self.score:.2f}"
