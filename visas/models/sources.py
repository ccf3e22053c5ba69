"""Where the facts come from (sources), and the GNI per capita many thresholds are multiples of."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from visas.fixture_build.sources import publisher_from_url


class SourceKind(models.TextChoices):
    NEWS = "news", _("News")
    GOVERNMENT_NEWS = "government_news", _("Government news")
    GOVERNMENT = "government", _("Government")
    GOVERNMENT_AFFILIATED = "government_affiliated", _("Government-affiliated")
    UNIVERSITY = "university", _("University")
    CONSULTANCY = "consultancy", _("Consultancy")
    GUIDE = "guide", _("Guide")
    BLOG = "blog", _("Blog")
    CALCULATOR_SITE = "calculator_site", _("Calculator site")
    NGO_NOTICE = "ngo_notice", _("NGO notice")
    PROGRAMME_SITE = "programme_site", _("Programme site")
    REPOST = "repost", _("Repost")
    CODE = "code", _("Code repository")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month (stored as its first day)")
    YEAR = "year", _("Year (stored as 1 January)")


class RuleSource(TimeStampedModel):
    """A public page a rule comes from, with the date it states as it states it."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(
        _("publisher"), max_length=200, blank=True, help_text=_("Empty: the URL's host.")
    )
    url = models.URLField(_("URL"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=SourceKind.choices)
    date_stated_text = models.CharField(
        _("date as stated"),
        max_length=200,
        blank=True,
        help_text=_('As the source gives it, e.g. "2025-03-20 (notice date reported)", "undated".'),
    )
    date_stated = models.DateField(_("date stated"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=8, choices=DatePrecision.choices, blank=True
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("rule source")
        verbose_name_plural = _("rule sources")
        constraints = [
            models.CheckConstraint(
                condition=~Q(date_stated_text="") | Q(date_stated__isnull=False),
                name="visas_rulesource_states_a_date",
                violation_error_message=_(
                    'Give the date the source states, or say how it is dated (e.g. "undated").'
                ),
            ),
            models.CheckConstraint(
                condition=Q(date_stated__isnull=True, date_precision="")
                | Q(date_stated__isnull=False, date_precision__in=DatePrecision.values),
                name="visas_rulesource_precision_with_date",
                violation_error_message=_("A stated date needs its precision, and only then."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.publisher}, {self.date_stated_text or self.date_stated})"

    def clean(self) -> None:
        if not self.publisher:
            self.publisher = publisher_from_url(self.url, kind=self.kind)


class GniValue(TimeStampedModel):
    """Korea's GNI per capita for one year, in KRW, as the Bank of Korea published it."""

    gni_year = models.PositiveSmallIntegerField(_("GNI year"), unique=True)
    value_krw = models.PositiveBigIntegerField(
        _("value (KRW)"), help_text=_("The figure immigration rules cite (usually preliminary).")
    )
    status = models.CharField(_("status"), max_length=200, blank=True)
    revised_value_krw = models.PositiveBigIntegerField(
        _("revised value (KRW)"), null=True, blank=True
    )
    uncertain = models.BooleanField(_("uncertain"), default=False)
    note = models.TextField(_("note"), blank=True)
    sources = models.ManyToManyField(
        RuleSource, related_name="gni_values", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["-gni_year"]
        verbose_name = _("GNI per capita")
        verbose_name_plural = _("GNI per capita values")
        constraints = [
            models.CheckConstraint(
                condition=Q(value_krw__gt=0), name="visas_gnivalue_value_positive"
            ),
            models.CheckConstraint(
                condition=Q(revised_value_krw__isnull=True) | Q(revised_value_krw__gt=0),
                name="visas_gnivalue_revised_value_positive",
            ),
            models.CheckConstraint(
                condition=Q(gni_year__gte=1950, gni_year__lte=2100),
                name="visas_gnivalue_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"GNI per capita {self.gni_year}: {self.value_krw:,} KRW"
