"""Demo employers and the people who act for them."""

from random import Random

from accounts.models import Role, User
from core.choices import KoreaRegion
from demo.catalogue import (
    EMPLOYEES_BY_SIZE,
    EMPLOYERS,
    INDUSTRY_ACTIVITY,
    EmployerEntry,
    business_registration_number,
)
from demo.company_pages import sites_seed, support_draw
from demo.dates import ACTIVITY_START, at, days_after
from demo.logins import DEMO_EMPLOYER, UserRow, demo_login_ensure, users_ensure
from demo.people import NameSource
from employers.models import Employer, EmployerMember, MemberRole, VerificationStatus

DEMO_EMPLOYER_OWNER_NAME = "Kim Haneul"


def employers_seed(*, seed: int, staff: User, names: NameSource) -> dict[str, Employer]:
    """Create the catalogue's missing employers and members; return all of them by catalogue name.

    Employers are found by business registration number and members by e-mail address, so a
    second run adds nothing. Every employer except the pending ones is verified by `staff`.
    """
    existing = {
        employer.business_registration_number: employer
        for employer in Employer.objects.filter(
            business_registration_number__in=[
                business_registration_number(i) for i in range(len(EMPLOYERS))
            ]
        )
    }
    employers: dict[str, Employer] = {}
    new_employers: list[Employer] = []
    for index, entry in enumerate(EMPLOYERS):
        brn = business_registration_number(index)
        employer = existing.get(brn) or _employer_build(
            entry=entry, brn=brn, staff=staff, rng=Random(f"{seed}:employer:{index}")
        )
        if employer.pk is None:
            new_employers.append(employer)
        employers[entry.name] = employer
    Employer.objects.bulk_create(new_employers)
    sites_seed(employers=employers, seed=seed)
    _members_seed(employers=employers, names=names, seed=seed)
    return employers


def _employer_build(*, entry: EmployerEntry, brn: str, staff: User, rng: Random) -> Employer:
    low, high = EMPLOYEES_BY_SIZE[entry.size_class]
    employees = round(rng.randint(low, high), -1)
    founded = rng.randint(1978, 2016)
    activities = INDUSTRY_ACTIVITY[entry.industry]
    # The demo employer makes chip equipment, which its demo postings and applicants fit.
    activity = activities[0] if entry is EMPLOYERS[0] else rng.choice(activities)
    region = KoreaRegion(entry.region).label
    description = (
        f"{entry.name} ({entry.name_ko}) {activity}. Founded in {founded}, the company employs "
        f"about {employees:,} people at its site in {entry.city}, {region}, and has hired "
        "engineers and technicians from ASEAN countries for several years."
    )
    employer = Employer(
        name=entry.name,
        name_ko=entry.name_ko,
        business_registration_number=brn,
        industry=entry.industry,
        size_class=entry.size_class,
        region=entry.region,
        address=f"{entry.city}, {region}, Republic of Korea",
        website=f"https://www.{entry.email_domain}",
        description=description,
    )
    support_draw(entry=entry, employer=employer, rng=rng)  # drawn last: earlier draws stay put
    if entry.pending:
        employer.verification_note = "Business registration certificate received; under review."
    else:
        employer.verification_status = VerificationStatus.VERIFIED
        employer.verified_by = staff
        employer.verified_at = at(days_after(ACTIVITY_START, -rng.randint(10, 120)), 14)
        employer.verification_note = "Registration number and certificate checked."
    return employer


def _members_seed(*, employers: dict[str, Employer], names: NameSource, seed: int) -> None:
    """One or two members for each employer: an owner and, often, a recruiter.

    The demo employer login owns the first catalogue company. Names are drawn for every employer
    on every run (even when the members exist) so that the draws stay in step.
    """
    demo_company = EMPLOYERS[0].name
    demo_owner = demo_login_ensure(
        login=DEMO_EMPLOYER, full_name=DEMO_EMPLOYER_OWNER_NAME, role=Role.EMPLOYER
    )
    planned: list[tuple[UserRow, Employer, str]] = []
    for index, entry in enumerate(EMPLOYERS):
        employer = employers[entry.name]
        rng = Random(f"{seed}:members:{index}")
        owner_name, recruiter_name = names.korean_name(), names.korean_name()
        if entry.name != demo_company:
            planned.append(
                (
                    UserRow(f"hr@{entry.email_domain}", owner_name, Role.EMPLOYER),
                    employer,
                    MemberRole.OWNER,
                )
            )
        if entry.name == demo_company or rng.random() < 0.5:
            row = UserRow(f"recruit@{entry.email_domain}", recruiter_name, Role.EMPLOYER)
            planned.append((row, employer, MemberRole.RECRUITER))
    users = users_ensure(rows=[row for row, _, _ in planned])
    memberships: list[tuple[User, Employer, str]] = [
        (demo_owner, employers[demo_company], MemberRole.OWNER)
    ]
    memberships += [(users[row.email], employer, role) for row, employer, role in planned]
    has_membership = set(
        EmployerMember.objects.filter(user__in=[user for user, _, _ in memberships]).values_list(
            "user_id", flat=True
        )
    )
    EmployerMember.objects.bulk_create(
        EmployerMember(employer=employer, user=user, role=role)
        for user, employer, role in memberships
        if user.pk not in has_membership
    )
