"""The demo data set: `demo_seed` builds it, deterministically and idempotently."""

from collections import Counter
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction

from accounts.models import Role
from demo.applications import application_plans, applications_write
from demo.courses import COURSES
from demo.demo_graduate import DEMO_GRADUATE_NAME, demo_graduate_plan
from demo.employers import employers_seed
from demo.golden import GoldenSeedResult, golden_grades_seed
from demo.graduate_rows import graduates_write
from demo.graduates import graduate_plans, nationality_quotas
from demo.logins import DEMO_GRADUATE, DEMO_LOGINS, DEMO_STAFF, DemoLogin, demo_login_ensure
from demo.occupations import Occupation, occupation_list
from demo.partners import partners_seed
from demo.people import NameSource
from demo.postings import PostingPlan, posting_plans, postings_write
from demo.training import training_seed
from demo.vocabulary import Vocabulary, vocabulary_load
from skills.services import taxonomy_load
from visas.services import visa_rules_load

# The apps whose rows the demo creates (allauth's "account" holds the e-mail addresses).
SEEDED_APPS = (
    "core",
    "accounts",
    "account",
    "skills",
    "profiles",
    "employers",
    "jobs",
    "training",
    "visas",
    "matching",
    "partners",
)
DEMO_STAFF_NAME = "Demo Administrator"


@dataclass(frozen=True)
class DemoSize:
    """How many rows of the generated kinds to make; employers and courses are a fixed catalogue."""

    postings: int = 150
    graduates: int = 500  # including the demo graduate
    applications: int = 120

    @classmethod
    def small(cls) -> "DemoSize":
        return cls(postings=30, graduates=40, applications=15)


@dataclass(frozen=True)
class DemoSeedResult:
    counts: dict[str, int]  # rows per model afterwards, by model label ("jobs.JobPosting")
    created: dict[str, int]  # rows this run added, by the same labels
    golden: GoldenSeedResult | None = None  # the developers' golden set (demo/golden.py)
    logins: tuple[DemoLogin, ...] = DEMO_LOGINS


@transaction.atomic
def demo_seed(*, seed: int = 2026, size: DemoSize | None = None) -> DemoSeedResult:
    """Fill the database with the demo data set; safe to run again.

    Loads the skill taxonomy and the visa rules, then creates what is missing of: the three demo
    logins, employers with members, postings, training providers and courses, graduates,
    applications, partner organisations and the developers' golden set of grades
    (demo/golden.py). Every row is found again by a natural key (e-mail, business registration
    number, employer and title, provider name, provider and title, graduate and posting,
    grader, partner name), so a second run with the same seed
    creates nothing. The same seed gives the same data; dates are fixed (demo.dates), not taken
    from the clock. Runs in one transaction.
    """
    size = size or DemoSize()
    before = model_counts()
    taxonomy_load()
    visa_rules_load()
    vocabulary = vocabulary_load()
    occupations = occupation_list()
    _references_check(occupations=occupations, vocabulary=vocabulary)
    staff = demo_login_ensure(login=DEMO_STAFF, full_name=DEMO_STAFF_NAME, role=Role.STAFF)
    employers = employers_seed(seed=seed, staff=staff, names=NameSource(seed=seed))
    postings = posting_plans(seed=seed, count=size.postings, occupations=occupations)
    posting_rows = postings_write(plans=postings, employers=employers, vocabulary=vocabulary)
    training_seed(vocabulary=vocabulary)
    graduate_login = demo_login_ensure(
        login=DEMO_GRADUATE, full_name=DEMO_GRADUATE_NAME, role=Role.GRADUATE
    )
    demo_graduate = demo_graduate_plan(occupations=occupations, vocabulary=vocabulary)
    quotas = nationality_quotas(size.graduates)
    quotas[demo_graduate.nationality] -= 1
    graduates = graduate_plans(
        seed=seed,
        quotas=quotas,
        occupation_weights=_occupation_weights(occupations=occupations, postings=postings),
        vocabulary=vocabulary,
    )
    profiles = graduates_write(plans=(demo_graduate, *graduates), vocabulary=vocabulary)
    applications = application_plans(
        seed=seed,
        count=size.applications,
        graduates=graduates,
        postings=postings,
        demo_graduate=demo_graduate,
    )
    applications_write(
        plans=applications, profiles=profiles, postings=posting_rows, vocabulary=vocabulary
    )
    partners_seed(staff=staff, demo_graduate=graduate_login)
    golden = golden_grades_seed()
    after = model_counts()
    return DemoSeedResult(
        counts=after,
        created={label: after[label] - before.get(label, 0) for label in after},
        golden=golden,
    )


def model_counts() -> dict[str, int]:
    """Rows per model of the seeded apps, many-to-many tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in SEEDED_APPS
    }


def _occupation_weights(
    *, occupations: tuple[Occupation, ...], postings: tuple[PostingPlan, ...]
) -> dict[Occupation, int]:
    """Graduates follow demand: one share per occupation plus one per open posting of it."""
    demand = Counter(plan.occupation.slug for plan in postings if plan.status == "open")
    return {occupation: 1 + demand[occupation.slug] for occupation in occupations}


def _references_check(*, occupations: tuple[Occupation, ...], vocabulary: Vocabulary) -> None:
    """Fail with one clear message if the data files name skills or fields that do not exist."""
    skills = {need.skill for o in occupations for need in (*o.essential, *o.optional)}
    skills |= {slug for course in COURSES for slug, _ in course.skills}
    fields = {code for o in occupations for code in o.fields}
    missing = sorted(skills - set(vocabulary.skill_ids)) + sorted(
        fields - set(vocabulary.field_ids)
    )
    if missing:
        raise ValueError(
            "The demo data refers to skills or fields of study that are not in the database: "
            + ", ".join(missing)
        )
