from django.db import models
from django.utils.translation import gettext_lazy as _


def normalise_skill_label(text: str) -> str:
    """The form under which skill names and aliases are compared: case- and space-insensitive."""
    return " ".join(text.casefold().replace("_", " ").split())


class SkillCategory(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(
        max_length=80, unique=True
    )  # name_en, name_ko...: skills/translation.py
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "skill categories"

    def __str__(self) -> str:
        return self.name  # in the reader's language (skills/translation.py)


class SkillKind(models.TextChoices):
    KNOWLEDGE = "knowledge", _("Knowledge")
    SKILL = "skill", _("Skill")
    TOOL = "tool", _("Tool or software")
    LANGUAGE = "language", _("Language")
    CERTIFICATION = "certification", _("Certification")


class Skill(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, unique=True)  # name_en, name_ko...: translation.py
    category = models.ForeignKey(SkillCategory, on_delete=models.PROTECT, related_name="skills")
    kind = models.CharField(max_length=16, choices=SkillKind.choices, default=SkillKind.SKILL)
    description = models.CharField(max_length=400, blank=True)
    esco_uri = models.URLField("ESCO URI", max_length=200, blank=True)
    onet_example = models.CharField("O*NET technology example", max_length=120, blank=True)
    ncs_code = models.CharField("NCS code", max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SkillKind.values), name="skill_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SkillAlias(models.Model):
    """Another name of a skill ("k8s" for Kubernetes); each normalised alias points at one skill."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=120)
    normalised = models.CharField(max_length=120, unique=True, editable=False)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "skill aliases"

    def __str__(self) -> str:
        return f"{self.alias} → {self.skill}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.normalised = normalise_skill_label(self.alias)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class RelationKind(models.TextChoices):
    BROADER = "broader", _("Broader (related skill is more general)")
    NARROWER = "narrower", _("Narrower (related skill is more specific)")
    RELATED = "related", _("Related")


class SkillRelation(models.Model):
    """Having `skill` earns `credit` (0 < credit <= 1) of `related_skill` in matching."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="relations")
    related_skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=RelationKind.choices)
    credit = models.FloatField()

    class Meta:
        ordering = ["skill__name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "related_skill", "kind"], name="skillrelation_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(credit__gt=0, credit__lte=1), name="skillrelation_credit_0_1"
            ),
            models.CheckConstraint(
                condition=~models.Q(skill=models.F("related_skill")),
                name="skillrelation_not_self",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=RelationKind.values), name="skillrelation_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} → {self.related_skill} ({self.kind}, {self.credit:.2f})"
