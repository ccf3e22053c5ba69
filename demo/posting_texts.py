"""The prose of a demo posting: the company, the role, and the offer, one paragraph each."""

from random import Random
from typing import TYPE_CHECKING

from core.choices import EducationLevel, KoreaRegion
from demo.vocabulary import Vocabulary

if TYPE_CHECKING:
    from demo.postings import PostingPlan

INDUSTRY_WORDS: dict[str, str] = {
    "semiconductors": "semiconductor",
    "electronics": "electronics",
    "display": "display",
    "batteries": "battery",
    "automotive": "automotive",
    "shipbuilding": "shipbuilding and offshore",
    "machinery": "machinery",
    "chemicals": "chemicals and materials",
    "energy": "energy",
    "software": "software",
}
INDUSTRY_PITCH: dict[str, str] = {
    "semiconductors": "our customers are the memory and foundry fabs that make Korea a chip leader",
    "electronics": "our boards and modules go into appliances, phones and factory equipment",
    "display": "our work ends up in the OLED screens of phones, laptops and cars",
    "batteries": "we grow with the EV makers that buy every cell we can produce",
    "automotive": "we build the parts of the electric and hybrid cars Korea exports",
    "shipbuilding": "our order book of LNG carriers and container ships is full for years",
    "machinery": "our machines and automation cells run in factories across Asia",
    "chemicals": "our materials feed Korea's chip, battery and car plants",
    "energy": "we are building the grid, solar, wind and hydrogen capacity Korea needs",
    "software": "our software runs the factories, services and data of Korean industry",
}
SIZE_WORDS = {"sme": "growing small", "mid": "mid-sized", "large": "large"}
PERKS = (
    "a company dormitory or a housing allowance",
    "relocation support and airport pickup on arrival",
    "meals in the company cafeteria",
    "a commuter shuttle bus",
    "paid Korean classes",
    "a mentor from your own team for the first six months",
    "annual health check-ups",
)


def posting_description(*, plan: "PostingPlan", vocabulary: Vocabulary) -> str:
    rng = Random(f"{plan.employer.name}:{plan.title}")
    return "\n\n".join(
        (
            _company_paragraph(plan=plan, rng=rng),
            _role_paragraph(plan=plan, vocabulary=vocabulary),
            _offer_paragraph(plan=plan, rng=rng),
        )
    )


def _company_paragraph(*, plan: "PostingPlan", rng: Random) -> str:
    entry = plan.employer
    region = KoreaRegion(entry.region).label
    industry = INDUSTRY_WORDS[entry.industry]
    pitch = INDUSTRY_PITCH[entry.industry]
    if rng.random() < 0.5:
        return (
            f"{entry.name} is hiring {_article(plan.title)} {plan.title} for its site in "
            f"{entry.city}, {region}. "
            f"We are a {SIZE_WORDS[entry.size_class]} {industry} company, and {pitch}."
        )
    return (
        f"Join {entry.name} ({entry.name_ko}) in {entry.city}, {region}. As a "
        f"{SIZE_WORDS[entry.size_class]} company in Korea's {industry} industry, {pitch}."
    )


def _role_paragraph(*, plan: "PostingPlan", vocabulary: Vocabulary) -> str:
    occupation = plan.occupation
    required = [need.skill for need in plan.skills if need.requirement != "nice"]
    nice = [need.skill for need in plan.skills if need.requirement == "nice"]
    if occupation.is_software:
        duty = (
            f"You will build and run our systems with {vocabulary.skill_list(required[:2])}, "
            "in a product team that works in Korean and English."
        )
    elif occupation.is_technician:
        duty = (
            f"You will keep our lines running, using {vocabulary.skill_list(required[:2])} on "
            "a shift pattern alongside experienced Korean technicians."
        )
    else:
        duty = (
            f"You will apply {vocabulary.skill_list(required[:2])} every day, in a team of "
            "Korean and international engineers."
        )
    needs = f"We need {vocabulary.skill_list(required)}"
    needs += f"; {vocabulary.skill_list(nice)} would be a plus." if nice else "."
    fields = [vocabulary.field_names[code].lower() for code in occupation.fields]
    level = str(EducationLevel(occupation.min_education).label).lower()
    education = f"You hold at least {_article(level)} {level} in {_or_list(fields)}."
    return f"{duty} {needs} {education}"


def _offer_paragraph(*, plan: "PostingPlan", rng: Random) -> str:
    salary = f"The annual salary is KRW {plan.salary_min:,} to {plan.salary_max:,}"
    if plan.visa_sponsorship:
        salary += ", and we sponsor the work visa."
    else:
        salary += "; you need a visa that already allows you to work in Korea."
    if plan.min_topik:
        korean = f"TOPIK level {plan.min_topik} or higher is required."
    else:
        korean = "Korean is not required to start."
    perks = rng.sample(PERKS, 2)
    offer = f"{salary} {korean} We offer {perks[0]} and {perks[1]}."
    if plan.deadline:
        offer += f" Apply by {plan.deadline.day} {plan.deadline:%B %Y}."
    return offer


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeio" else "a"


def _or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"
