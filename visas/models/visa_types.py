"""Visa types, the onward paths between them, E-9 sending countries and sourced notes."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.models import TimeStampedModel
from visas.models.sources import RuleSource


class VisaCategory(models.TextChoices):
    STUDY = "study", _("Study")
    SCHOLARSHIP = "scholarship", _("Scholarship")
    JOB_SEEKING = "job_seeking", _("Job seeking")
    STARTUP = "startup", _("Start-up")
    EMPLOYMENT = "employment", _("Professional employment")
    EMPLOYMENT_LOW_SKILL = "employment_low_skill", _("Non-professional employment")
    RESIDENCE = "residence", _("Residence")
    RESIDENCE_TOP_TALENT = "residence_top_talent", _("Residence – top talent")
    RESIDENCE_STEM_GRADUATE = "residence_stem_graduate", _("Residence – STEM graduate")
    PERMANENT_RESIDENCE = "permanent_residence", _("Permanent residence")


class VisaType(TimeStampedModel):
    """A visa status (or a programme leading to one, like GKS) with its sourced description.

    `details` keeps the parts of the research record that have no column of their own (documents,
    sub-codes, occupation codes, quotas, benefits, the onward paths as the sources word them).
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)  # name_en, name_ko...: translation.py
    category = models.CharField(_("category"), max_length=32, choices=VisaCategory.choices)
    summary = models.TextField(_("summary"), blank=True)
    stay_summary = models.TextField(_("length of stay"), blank=True)
    work_rights = models.TextField(_("work rights"), blank=True)
    last_verified_text = models.CharField(_("last verified, as stated"), max_length=200, blank=True)
    last_verified = models.DateField(
        _("last verified"), null=True, blank=True, help_text=_("Latest dated source used.")
    )
    uncertain = models.BooleanField(_("uncertain"), default=False)
    is_points_based = models.BooleanField(_("points-based"), default=False)
    note = models.TextField(_("note"), blank=True)
    details = models.JSONField(_("other details"), default=dict, blank=True)
    next_visas: "models.ManyToManyField[VisaType, VisaProgression]" = models.ManyToManyField(
        "self",
        through="VisaProgression",
        through_fields=("from_visa", "to_visa"),
        symmetrical=False,
        related_name="previous_visas",
        blank=True,
        verbose_name=_("next visas"),
    )
    sources = models.ManyToManyField(
        RuleSource, related_name="visa_types", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("visa type")
        verbose_name_plural = _("visa types")
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="visas_visatype_code_not_empty"),
            models.CheckConstraint(condition=~Q(slug=""), name="visas_visatype_slug_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class VisaProgression(models.Model):
    """An onward path: holders of `from_visa` can move to `to_visa` (with a condition in `note`)."""

    from_visa = models.ForeignKey(
        VisaType,
        on_delete=models.CASCADE,
        related_name="progressions_out",
        verbose_name=_("from visa"),
    )
    to_visa = models.ForeignKey(
        VisaType,
        on_delete=models.CASCADE,
        related_name="progressions_in",
        verbose_name=_("to visa"),
    )
    note = models.CharField(_("condition"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["from_visa__code", "order"]
        verbose_name = _("visa progression")
        verbose_name_plural = _("visa progressions")
        constraints = [
            models.UniqueConstraint(
                fields=["from_visa", "to_visa"], name="visas_progression_once_per_pair"
            ),
            models.CheckConstraint(
                condition=~Q(from_visa=F("to_visa")),
                name="visas_progression_not_to_itself",
                violation_error_message=_("A visa cannot lead to itself."),
            ),
        ]

    def __str__(self) -> str:
        suffix = f" ({self.note})" if self.note else ""
        return f"{self.from_visa.code} → {self.to_visa.code}{suffix}"


class SendingCountry(TimeStampedModel):
    """A country whose nationals may apply for the visa (E-9: the EPS MOU sending countries)."""

    visa_type = models.ForeignKey(
        VisaType,
        on_delete=models.CASCADE,
        related_name="sending_countries",
        verbose_name=_("visa type"),
    )
    country = CountryField(_("country"))
    note = models.TextField(_("note"), blank=True)
    sources = models.ManyToManyField(
        RuleSource, related_name="sending_countries", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["visa_type__code", "country"]
        verbose_name = _("sending country")
        verbose_name_plural = _("sending countries")
        constraints = [
            models.UniqueConstraint(
                fields=["visa_type", "country"], name="visas_sendingcountry_once_per_visa"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_country_display()} ({self.visa_type.code})"


class NoteKind(models.TextChoices):
    RESTRICTION = "restriction", _("Restriction")
    DISQUALIFIER = "disqualifier", _("Disqualifier")
    TIMELINE = "timeline", _("Timeline event")
    POLICY_CHANGE = "policy_change", _("Policy change")
    UNDER_REVIEW = "under_review", _("Under review")
    GRADUATE_ADVANTAGE = "graduate_advantage", _("Advantage for Korean-university graduates")
    REFERENCE = "reference", _("Reference value")
    GAP = "gap", _("Gap in the sources")


class VisaNote(TimeStampedModel):
    """A sourced statement that is not a computable rule: restrictions, timeline, known gaps.

    `visa_type` is empty for notes about the reference values (the GNI application window).
    """

    key = models.SlugField(_("key"), max_length=100, unique=True)
    visa_type = models.ForeignKey(
        VisaType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("visa type"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NoteKind.choices)
    text = models.TextField(_("text"))
    date_text = models.CharField(_("date, as stated"), max_length=50, blank=True)
    uncertain = models.BooleanField(_("uncertain"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    sources = models.ManyToManyField(RuleSource, related_name="notes", verbose_name=_("sources"))

    class Meta:
        ordering = ["visa_type__code", "kind", "order"]
        verbose_name = _("visa note")
        verbose_name_plural = _("visa notes")
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="visas_visanote_text_not_empty")
        ]

    def __str__(self) -> str:
        scope = self.visa_type.code if self.visa_type else "all visas"
        return f"{scope} · {self.get_kind_display()}: {self.text[:60]}"
