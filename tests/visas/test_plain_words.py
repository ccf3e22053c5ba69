"""Visa guidance in plain words: no rule id, code, field path, comparison sign or research note
reaches a user, on the checker, the graduate's guidance, a job's visa box or the API.

Each rendered page (its visible text, without the cited sources' titles) and each of the API's
human-readable fields is scanned for what only the rule data should hold. The personas spread
over the routes: a fresh bachelor with an offer, a master without Korean, a 41-year-old
vocational graduate, a Korean-university graduate on D-10, an E-9 veteran, a doctor with a high
salary, a Filipino diploma holder.
"""

import html
import json
import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils.text import slugify

from tests import factories
from visas.models import CriterionGroup, VisaCriterion
from visas.rules.labels import FIELD_LABELS
from visas.rules.wording import (
    ALTERNATIVE_WORDS,
    ANOTHER_WAY,
    APPLICANT_TYPE_WORDS,
    EXEMPTION_WORDS,
    group_words,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_visa_rules")]

_FIELD_PREFIXES = (
    "degree|korean|experience|status|job_offer|income|points|record|admission|funds|"
    "recommendation|exemption|applicant|employment|startup|oasis|licence|ip|education|"
    "job_search|eps_topik|job"
)
JARGON = {
    "a rule id": re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b"),
    "a field path": re.compile(rf"\b(?:{_FIELD_PREFIXES})\.[a-z_]+\b"),
    "a comparison sign": re.compile(r"==|!=|>=|<=|(?<![-=])>\s?\d|<\s?\d"),
    "a country code": re.compile(r"(?<![\w-])(?:MY|VN|KR|PH|TH|SG|BN|KH|LA|MM|TL)(?![\w-])"),
    # an id turned into words: "kiip_and_others" shown as "Kiip and others"
    "an id made into words": re.compile(r"\b(?:Kiip|Topik|Gni|Eps|Kotra|Oasis|Gks|Ksco)\b"),
    "a research note": re.compile(
        r"not retrieved|inferred|truncated|flagged uncertain|outlier|source text|"
        r"URL not given|listed values|not given|cannot tell|Exemption:|"
        r"\b(?:Any|All) of\b(?! these)",
        re.IGNORECASE,
    ),
}

PERSONAS = {
    "vietnamese bachelor with an offer": {
        "nationality": "VN", "age": "26", "education_level": "bachelor", "field_stem": "on",
        "topik": "3", "annual_salary_krw": "35000000", "employer_size": "sme",
    },
    "malaysian master without korean": {
        "nationality": "MY", "age": "30", "education_level": "master", "field_stem": "on",
    },
    "indonesian vocational graduate, 41": {
        "nationality": "ID", "age": "41", "education_level": "diploma",
    },
    "korean-university graduate on d-10": {
        "nationality": "TH", "age": "27", "education_level": "master", "field_stem": "on",
        "degree_country": "KR", "topik": "4", "current_visa": "D-10",
    },
    "e-9 veteran": {
        "nationality": "KH", "age": "35", "education_level": "", "topik": "2",
        "experience_years": "6", "korean_experience_years": "5", "current_visa": "E-9",
    },
    "doctor with a high salary": {
        "nationality": "SG", "age": "38", "education_level": "doctorate", "field_stem": "on",
        "experience_years": "8", "annual_salary_krw": "180000000", "employer_size": "large",
    },
    "filipino diploma holder": {
        "nationality": "PH", "age": "24", "education_level": "diploma", "eps_job": "yes",
        "annual_salary_krw": "26000000",
    },
}  # fmt: skip


def visible_text(page: str) -> str:
    """What a reader sees in the main part of the page, without the sources' own titles."""
    main = page[page.find("<main") : page.find("</main>")]
    main = re.sub(r"<(script|style|select)\b.*?</\1>", " ", main, flags=re.S)
    main = re.sub(r'<ul class="sources">.*?</ul>', " ", main, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", main))


def jargon_in(text: str) -> dict[str, list[str]]:
    found = {}
    for name, pattern in JARGON.items():
        hits = sorted({text[max(0, m.start() - 40) : m.end() + 20] for m in pattern.finditer(text)})
        if hits:
            found[name] = hits[:5]
    return found


def test_the_jargon_check_finds_what_it_looks_for():
    sample = (
        "Exemption: first_d10_after_korean_degree; degree.country == 'KR'; one of 17 listed "
        "values; value inferred (70-15-30-20); not retrieved; Nationality is MY; Kiip and others"
    )
    assert set(jargon_in(sample)) == set(JARGON)
    assert jargon_in("E-7-1 needs at least 31,120,000 KRW; TOPIK level 4; Malaysia") == {}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_checker_speaks_plainly(client, persona):
    response = client.get(reverse("visas:check"), PERSONAS[persona])

    assert response.status_code == 200
    guidance = response.context["guidance"]
    assert guidance is not None
    assert jargon_in(visible_text(response.content.decode())) == {}
    query = urlencode(PERSONAS[persona])
    for route in guidance.pathways:  # and every route's conditions, as they load when opened
        url = reverse("visas:check_route", args=[slugify(route.code)])
        details = client.get(f"{url}?{query}")
        assert details.status_code == 200
        assert jargon_in(visible_text(details.content.decode())) == {}, route.code


def test_the_graduates_own_guidance_and_a_jobs_visa_box_speak_plainly(graduate_client, graduate):
    factories.EducationRecordFactory(profile=graduate.graduate_profile)
    posting = factories.JobPostingFactory(salary_min_krw=30_000_000, salary_max_krw=40_000_000)

    for url in (reverse("visas:mine"), reverse("jobs:detail", args=[posting.pk])):
        response = graduate_client.get(url)
        assert response.status_code == 200
        assert jargon_in(visible_text(response.content.decode())) == {}, url


def _human_fields(guidance: dict) -> list[str]:
    texts = [*guidance.get("notes", []), guidance["headline"]]
    verdict = guidance.get("offer_verdict")
    routes = list(guidance["pathways"])
    if verdict:  # the offer's own checks and the work routes it was held against
        texts.append(verdict["summary"])
        for check in verdict["criteria"]:
            texts += [check["label"], check["actual"], check["required"]]
        routes += verdict["routes"]
    for route in routes:
        texts += [route["summary"], *route.get("uncertain_reasons", [])]
        for criterion in route["criteria"]:
            texts += [criterion["label"], criterion["actual"], criterion["required"]]
            texts.append(criterion.get("group", ""))
        texts += [step["action"] for step in route.get("next_steps", [])]
        points = route.get("points") or {}
        texts += [item["label"] for item in points.get("items", [])]
        texts += list(points.get("unscored", []))
    return texts


@pytest.mark.parametrize("persona", ["vietnamese bachelor with an offer", "e-9 veteran"])
def test_the_apis_human_readable_fields_speak_plainly(client, persona):
    answers = PERSONAS[persona]
    person = {
        "nationality": answers["nationality"], "age": int(answers["age"]),
        "topik": int(answers.get("topik", 0)), "current_visa": answers.get("current_visa", ""),
    }  # fmt: skip
    if answers.get("education_level"):
        person["education_level"] = answers["education_level"]
    body = {"person": person}
    if "annual_salary_krw" in answers:
        body["offer"] = {"annual_salary_krw": int(answers["annual_salary_krw"])}
    response = client.post(
        reverse("api-visas-evaluate"), json.dumps(body), content_type="application/json"
    )

    assert response.status_code == 200, response.content
    assert jargon_in("\n".join(_human_fields(response.json()))) == {}


def test_every_id_in_the_loaded_rules_has_reviewed_words():
    """New rule data with an id nobody has put into words fails here, not on a user's page."""
    missing = [
        key for key in CriterionGroup.objects.values_list("key", flat=True)
        if group_words(key) == ANOTHER_WAY or group_words(key).endswith("of another kind")
    ]  # fmt: skip
    for visa, field, value, details in VisaCriterion.objects.values_list(
        "group__visa_type__code", "field", "value", "details"
    ):
        if field.startswith("exemption."):
            if field.removeprefix("exemption.") not in EXEMPTION_WORDS:
                missing.append(field)
        elif field == "applicant_type":
            missing += [key for key in value if key not in APPLICANT_TYPE_WORDS]
        elif field not in FIELD_LABELS:
            missing.append(field)
        if (details or {}).get("alt") and (visa, field) not in ALTERNATIVE_WORDS:
            missing.append(f"{visa} {field} (alternative)")
    assert missing == [], "no reviewed words for: " + ", ".join(missing)
