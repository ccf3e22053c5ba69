"""What a graduate keeps: saved postings, saved searches and the alerts each search has sent."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import AlertFrequency
from core.models import TimeStampedModel
from jobs.models import JobPosting


class SavedJob(models.Model):
    """A posting the graduate keeps to read again or apply later; once per graduate."""

    graduate = models.ForeignKey(
        "profiles.GraduateProfile", on_delete=models.CASCADE, related_name="saved_jobs"
    )
    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="saves")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["graduate", "posting"], name="saved_job_once"),
        ]

    def __str__(self) -> str:
        return f"{self.graduate} saved {self.posting_id}"


class SavedSearch(TimeStampedModel):
    """A job search the graduate keeps, and how often to hear of new postings that fit it.

    `filters` holds the search's query parameters as jobs.filters.PostingFilter validated them,
    so an alert runs exactly the search the graduate saw. Postings published from `alerts_from`
    on are news for it; each daily or weekly alert moves it on."""

    graduate = models.ForeignKey(
        "profiles.GraduateProfile", on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=80)
    filters = models.JSONField(default=dict, blank=True)
    frequency = models.CharField(
        _("alerts"), max_length=8, choices=AlertFrequency.choices, default=AlertFrequency.DAILY
    )
    alerts_from = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "saved searches"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(frequency__in=AlertFrequency.values),
                name="saved_search_frequency_valid",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="saved_search_has_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.graduate})"


class SavedSearchAlert(models.Model):
    """A posting a saved search has told its graduate about: never the same one twice."""

    search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="alerted")
    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="+")
    alerted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["search", "posting"], name="saved_search_alert_once"),
        ]

    def __str__(self) -> str:
        return f"{self.posting_id} for search {self.search_id}"
