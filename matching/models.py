import numpy as np
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.changes import ChangeKind

# One list entry as stored: the other side's id, the score (float64, so that stored and freshly
# computed scores compare exactly), and fit and preference for display.
ENTRY_DTYPE = np.dtype([("id", "<i8"), ("score", "<f8"), ("fit", "<f4"), ("pref", "<f4")])


class RunKind(models.TextChoices):
    FULL = "full", _("Full recompute")
    INCREMENTAL = "incremental", _("Incremental")


class RunStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class MatchRun(models.Model):
    """One full computation of both sides' lists; exactly one succeeded run is current."""

    kind = models.CharField(max_length=12, choices=RunKind.choices, default=RunKind.FULL)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.PENDING)
    is_current = models.BooleanField(default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    snapshot_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Profiles and postings were read as of this moment.")
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    progress_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("The last time a worker started, claimed or finished a part of this run."),
    )
    merge_claimed_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When a worker began merging the blocks' lists.")
    )
    blocks_total = models.PositiveIntegerField(default=0)
    blocks_done = models.PositiveIntegerField(default=0)
    graduates_count = models.PositiveIntegerField(default=0)
    postings_count = models.PositiveIntegerField(default=0)
    results_count = models.PositiveIntegerField(default=0, help_text=_("List entries stored"))
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    compute_ms = models.PositiveIntegerField(null=True, blank=True)
    write_ms = models.PositiveIntegerField(null=True, blank=True)
    top_k = models.PositiveSmallIntegerField(default=50)
    results_version = models.PositiveBigIntegerField(
        default=0, help_text=_("Raised by every incremental update of this run's lists.")
    )
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RunStatus.values), name="matchrun_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(finished_at__isnull=True)
                | models.Q(started_at__isnull=False, finished_at__gte=models.F("started_at")),
                name="matchrun_finished_after_started",
            ),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="matchrun_one_current",
            ),
            models.CheckConstraint(
                condition=models.Q(is_current=False) | models.Q(status="succeeded"),
                name="matchrun_current_succeeded",
            ),
            models.CheckConstraint(
                condition=models.Q(blocks_done__lte=models.F("blocks_total")),
                name="matchrun_blocks_done_le_total",
            ),
        ]

    def __str__(self) -> str:
        return f"Run #{self.pk} ({self.kind}, {self.status})"

    @property
    def progress_percent(self) -> int:
        if self.status == RunStatus.SUCCEEDED:
            return 100
        return round(100 * self.blocks_done / self.blocks_total) if self.blocks_total else 0


class MatchRunBlock(models.Model):
    """A share of a full run: a range of graduates scored by one task, maybe on another machine.

    `partial` holds the block's best graduates per posting until the run's last step merges them.
    """

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="blocks")
    number = models.PositiveIntegerField()
    first_graduate_id = models.BigIntegerField()
    last_graduate_id = models.BigIntegerField()
    done = models.BooleanField(default=False)
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When a worker last began scoring this block.")
    )
    partial = models.BinaryField(blank=True, default=b"")
    compute_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["run", "number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="matchrunblock_unique"),
            models.CheckConstraint(
                condition=models.Q(first_graduate_id__lte=models.F("last_graduate_id")),
                name="matchrunblock_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run} block {self.number}"


class MatchList(models.Model):
    """A side's best matches for one entity, best first, as packed ENTRY_DTYPE records."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="+")
    entries = models.BinaryField()
    length = models.PositiveSmallIntegerField(default=0)
    complete = models.BooleanField(
        default=True, help_text=_("True when the list holds every qualifying pair.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveBigIntegerField(
        default=0,
        db_default=0,
        help_text=_("The run's results_version that last wrote this list (0: the full run)."),
    )

    class Meta:
        abstract = True

    def decoded(self) -> np.ndarray:
        return np.frombuffer(bytes(self.entries), dtype=ENTRY_DTYPE)


class GraduateMatchList(MatchList):
    graduate = models.ForeignKey(
        "profiles.GraduateProfile", on_delete=models.CASCADE, related_name="match_lists"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "graduate"], name="graduatematchlist_unique"),
        ]

    def __str__(self) -> str:
        noun = "posting" if self.length == 1 else "postings"
        return f"{self.graduate}: {self.length} {noun} (run {self.run_id})"


class PostingMatchList(MatchList):
    posting = models.ForeignKey(
        "jobs.JobPosting", on_delete=models.CASCADE, related_name="match_lists"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "posting"], name="postingmatchlist_unique"),
        ]

    def __str__(self) -> str:
        noun = "graduate" if self.length == 1 else "graduates"
        return f"{self.posting}: {self.length} {noun} (run {self.run_id})"


class MatchingChange(models.Model):
    """Outbox: an entity whose matches need re-scoring, written in the same transaction as the edit.

    One row per entity: repeated edits only move `requested_at`, so they collapse into one job.
    The row is pending while `applied_at` is empty or older than `requested_at`.
    """

    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    entity_id = models.BigIntegerField()
    requested_at = models.DateTimeField()
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "entity_id"], name="matchingchange_unique"),
        ]
        indexes = [
            models.Index(fields=["applied_at", "requested_at"], name="matchingchange_pending")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.entity_id} requested {self.requested_at:%Y-%m-%d %H:%M:%S}"


# --- what users were shown, and what they did next (issue 13) ----------------------------------


class ListKind(models.TextChoices):
    """The ranked lists whose impressions are logged."""

    GRADUATE_MATCHES = "graduate_matches", _("Graduate's matches on the dashboard")
    JOB_SEARCH = "job_search", _("Job search results")
    CANDIDATES = "candidates", _("Employer's candidate list")
    MATCH_DIGEST = "match_digest", _("Match digest e-mail")

    @classmethod
    def lists_postings(cls, kind: str) -> bool:
        """True when the list shows postings to a graduate (the subject is their profile id);
        False when it shows graduates to an employer (the subject is the posting id)."""
        return kind != cls.CANDIDATES


class Impression(models.Model):
    """One list shown to one signed-in user: which list, about whom, and the items in order.

    The item at index i was shown at position `offset + i + 1`. Personal data: it goes with the
    user's account (CASCADE, not SET_NULL: for a graduate's lists the subject is the graduate, so
    a row without its user would still describe them), it is in the data export, and rows older
    than IMPRESSION_RETENTION_DAYS are pruned.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    list_kind = models.CharField(max_length=20, choices=ListKind.choices)
    subject_id = models.BigIntegerField(
        help_text=_("Graduate profile id for a graduate's lists, posting id for candidate lists.")
    )
    run_id = models.BigIntegerField(
        null=True, blank=True, help_text=_("The match run the ranking came from, if any.")
    )
    run_version = models.PositiveBigIntegerField(null=True, blank=True)
    offset = models.PositiveIntegerField(default=0, help_text=_("Items before this page."))
    item_ids = models.JSONField(
        default=list, help_text=_("Posting ids (graduate lists) or graduate ids, best first.")
    )
    shown_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["shown_at", "id"]
        indexes = [
            models.Index(fields=["shown_at", "id"], name="impression_replay"),
            models.Index(fields=["user", "shown_at"], name="impression_user"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(list_kind__in=ListKind.values), name="impression_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.list_kind} for user {self.user_id} at {self.shown_at:%Y-%m-%d %H:%M:%S}"


class OutcomeKind(models.TextChoices):
    """Outcomes recorded nowhere else. Applying, inviting and the pipeline stages are read from
    jobs (Application, PostingInvitation, ApplicationStatusChange); an employer opening a
    candidate's page from employers' access log (CandidateAccess)."""

    VIEWED = "viewed", _("Job page viewed")


class Outcome(models.Model):
    """A graduate opened a posting's page: the pair (graduate, posting) and when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    graduate = models.ForeignKey(
        "profiles.GraduateProfile", on_delete=models.CASCADE, related_name="+"
    )
    posting = models.ForeignKey("jobs.JobPosting", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=OutcomeKind.choices, default=OutcomeKind.VIEWED)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["at"], name="outcome_at")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OutcomeKind.values), name="outcome_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: graduate {self.graduate_id}, posting {self.posting_id} at {self.at}"


class Grade(models.IntegerChoices):
    """A recruiter's verdict on a candidate for a posting, 0-3: the golden set's relevance."""

    REJECT = 0, _("Reject")
    HOLD = 1, _("Hold")
    CONSIDER = 2, _("Consider")
    INTERVIEW = 3, _("Interview first")


class GradeSource(models.TextChoices):
    RECRUITER = "recruiter", _("Recruiter")
    # Grades the developers gave from the demo data set, to start the golden set; not a
    # recruiter's judgement, and reported apart from recruiters' grades when asked.
    DEVELOPERS_SEED = "developers-seed", _("Developers (demo data seed)")


class GoldenGrade(models.Model):
    """One grader's grade of one candidate for one posting, blind to the engine's score.

    The golden set the engine's order is measured against (`matching_golden_report`). A grader
    grades a pair once; grading it again updates the row (`updated_at` says when).
    """

    posting = models.ForeignKey(
        "jobs.JobPosting", on_delete=models.CASCADE, related_name="golden_grades"
    )
    graduate = models.ForeignKey(
        "profiles.GraduateProfile", on_delete=models.CASCADE, related_name="golden_grades"
    )
    grader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="golden_grades"
    )
    grade = models.PositiveSmallIntegerField(choices=Grade.choices)
    note = models.CharField(max_length=300, blank=True)
    source = models.CharField(
        max_length=16, choices=GradeSource.choices, default=GradeSource.RECRUITER
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["posting", "graduate", "grader"]
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "graduate", "grader"], name="goldengrade_one_per_grader"
            ),
            models.CheckConstraint(
                condition=models.Q(grade__gte=0, grade__lte=3), name="goldengrade_grade_0_3"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=GradeSource.values), name="goldengrade_source_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_grade_display()}: graduate {self.graduate_id} for {self.posting_id}"
