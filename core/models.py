from django.db import models
from django.utils import timezone


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class WorkerHeartbeat(models.Model):
    """The last time each Celery worker ran the periodic heartbeat task (written by the worker)."""

    worker = models.CharField(max_length=200, unique=True)
    last_seen = models.DateTimeField()
    beats = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return f"{self.worker} at {self.last_seen:%Y-%m-%d %H:%M:%S}"


class ExchangeRate(models.Model):
    """How much of a currency one Korean won buys, on a date, from a named source: graduates see
    a Korean salary converted into their own currency, as an approximation with its date and
    source. Staff keep the rates in the admin; the first ones are the European Central Bank's
    reference rates (core/data/exchange_rates.json)."""

    currency = models.CharField(max_length=3, unique=True, help_text="ISO 4217 code, e.g. IDR")
    per_krw = models.DecimalField(
        "units for one won", max_digits=16, decimal_places=8, help_text="e.g. 13.59 for IDR"
    )
    as_of = models.DateField("rate of")
    source = models.CharField(max_length=200)
    source_url = models.URLField(blank=True)

    class Meta:
        ordering = ["currency"]
        constraints = [
            models.CheckConstraint(condition=models.Q(per_krw__gt=0), name="exchangerate_positive"),
            models.CheckConstraint(
                condition=models.Q(currency__regex=r"^[A-Z]{3}$"), name="exchangerate_iso_code"
            ),
        ]

    def __str__(self) -> str:
        return f"1 KRW = {self.per_krw} {self.currency} ({self.as_of})"


class IdempotentRequest(models.Model):
    """A POST sent with an `Idempotency-Key` (core.idempotency): the first answer, kept a day so
    a retry with the same key and body gets it again instead of acting twice. The caller is kept
    as a digest of their credentials, never the credentials."""

    caller = models.CharField(max_length=64)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, help_text="Digest of method, path and body.")
    status_code = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty while the first request is still running."
    )
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["caller", "key"], name="idempotent_request_once")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.status_code or 'running'})"
