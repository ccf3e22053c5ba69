"""The words on a demo graduate's profile: headline, summary, and what each job involved."""

from random import Random

from core.choices import EducationLevel
from demo.dates import REFERENCE_DATE
from demo.graduate_history import EducationPlan, ExperiencePlan
from demo.occupations import Occupation
from demo.posting_texts import INDUSTRY_WORDS
from demo.vocabulary import Vocabulary

HEADLINE_LENGTH = 140


def headline(*, occupation: Occupation, education: EducationPlan, rng: Random) -> str:
    if rng.random() < 0.5:
        text = f"{occupation.display_title} | {education.programme}, {education.institution}"
    else:
        level = str(EducationLevel(education.level).label)
        text = f"{level} graduate seeking a {occupation.display_title} role in Korea"
    return text if len(text) <= HEADLINE_LENGTH else text[: HEADLINE_LENGTH - 1] + "…"


def summary(
    *,
    occupation: Occupation,
    education: EducationPlan,
    experience: tuple[ExperiencePlan, ...],
    skills: tuple[tuple[str, int], ...],
    topik: int,
    vocabulary: Vocabulary,
) -> str:
    finished = "Graduating" if education.graduation_year > REFERENCE_DATE.year else "Graduated"
    sentences = [
        f"{finished} in {education.graduation_year}: {education.programme}, "
        f"{education.institution}."
    ]
    jobs = [job for job in experience if not job.title.endswith("Intern")]
    if jobs:
        job = jobs[-1]
        tense = "Working" if job.end_date is None else "Worked"
        sentences.append(_sentence(f"{tense} as {job.title} at {job.employer_name}"))
    elif experience:
        sentences.append(_sentence(f"Interned at {experience[0].employer_name}"))
    strongest = [slug for slug, _ in skills if vocabulary.skill_kinds[slug] != "language"][:3]
    sentences.append(f"Strongest in {vocabulary.skill_list(strongest)}.")
    industry = INDUSTRY_WORDS[occupation.industry]
    korean = f"TOPIK level {topik}" if topik else "learning Korean"
    sentences.append(f"Looking for a role in Korea's {industry} industry ({korean}).")
    return " ".join(sentences)


def experience_description(
    *, experience: ExperiencePlan, occupation: Occupation, vocabulary: Vocabulary
) -> str:
    rng = Random(f"{experience.employer_name}:{experience.start_date}")
    slugs = [need.skill for need in occupation.essential]
    used = rng.sample(slugs, min(2, len(slugs)))
    industry = INDUSTRY_WORDS[experience.industry]
    if experience.title.endswith("Intern"):
        return (
            f"Internship in the {industry} team; supported engineers with "
            f"{vocabulary.skill_list(used)}."
        )
    return (
        f"Day-to-day work with {vocabulary.skill_list(used)} in {industry} production and "
        "engineering; wrote reports and trained new colleagues."
    )


def _sentence(text: str) -> str:
    """End with one full stop, also after a company name such as "Co., Ltd."."""
    return text if text.endswith(".") else f"{text}."
