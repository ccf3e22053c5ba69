"""The posting form for a recruiter with many skills and a phone: rows added one at a time
(without JavaScript too), labelled skill rows, fields of study as checkboxes, TOPIK in words,
occupation-code lookups checked on save, and the city of the job."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from jobs.models import JobPosting
from tests import factories
from tests.employers.test_postings import _form, _skills

pytestmark = pytest.mark.django_db


@pytest.fixture
def visa_rules() -> None:
    from visas.services import visa_rules_load

    visa_rules_load()


def _page(client: Client) -> str:
    return client.get(reverse("employer:posting_create")).content.decode()


def test_thirteen_skills_are_saved_in_one_post(employer_client: Client):
    names = [f"Skill {n:02d}" for n in range(13)]
    for name in names:
        factories.SkillFactory(name=name)
    data = _form(**_skills(*[(name, "required", 3) for name in names]))
    data["skills-TOTAL_FORMS"] = "13"

    response = employer_client.post(reverse("employer:posting_create"), data)

    posting = JobPosting.objects.get(title="Battery cell engineer")
    assert response.status_code == 302
    assert sorted(s.skill.name for s in posting.skills.select_related("skill")) == names


def test_the_form_offers_an_add_another_skill_button_and_a_row_to_copy(employer_client: Client):
    page = _page(employer_client)

    assert re.search(r'<button type="submit"[^>]*name="add_skill_row"', page)
    assert "Add another skill" in page
    template = page.split('<template id="skill-row-template">')[1].split("</template>")[0]
    assert 'name="skills-__prefix__-skill"' in template
    assert "formset-rows.js" in page


def test_add_a_row_without_javascript_keeps_everything_typed_and_saves_nothing(
    employer_client: Client,
):
    factories.SkillFactory(name="Python")
    data = _form(title="Keep me", **_skills(("Python", "nice", 2), ("Typo skill", "required", 3)))
    data["add_skill_row"] = "1"

    response = employer_client.post(reverse("employer:posting_create"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="skills-TOTAL_FORMS" value="4"' in page
    assert 'name="skills-3-skill"' in page
    assert 'value="Keep me"' in page and 'value="Typo skill"' in page
    assert "is not in the skill list" not in page  # errors wait for the real save
    assert not JobPosting.objects.filter(title="Keep me").exists()


def test_every_skill_row_is_a_named_group_whose_fields_have_labels(employer_client: Client):
    page = _page(employer_client)

    rows = page.split('<div class="skill-rows" id="skill-rows">')[1].split("</template>")[0]
    for n in range(3):
        for name in ("skill", "requirement", "min_level"):
            assert f'<label for="id_skills-{n}-{name}">' in rows
            assert f'id="id_skills-{n}-{name}"' in rows
    legends = re.findall(r'<legend class="skill-row-legend">\s*(.*?)\s*</legend>', rows)
    assert legends[:3] == ["Skill 1", "Skill 2", "Skill 3"]


def test_fields_of_study_are_checkboxes_grouped_by_broad_field(employer_client: Client):
    page = _page(employer_client)

    assert '<select name="accepted_fields"' not in page
    assert page.count('type="checkbox" name="accepted_fields"') >= 20
    assert "Information and communication technologies" in page
    assert "Engineering, manufacturing and construction" in page


def test_ticked_fields_of_study_are_saved(employer_client: Client):
    from profiles.models import FieldOfStudy

    ict = FieldOfStudy.objects.filter(code__in=["0613", "0714"])
    data = _form(**_skills())
    response = employer_client.post(
        reverse("employer:posting_create"), {**data, "accepted_fields": [f.pk for f in ict]}
    )

    assert response.status_code == 302
    posting = JobPosting.objects.get(title="Battery cell engineer")
    assert {f.code for f in posting.accepted_fields.all()} == {"0613", "0714"}


def test_minimum_topik_is_a_select_in_words(employer_client: Client):
    page = _page(employer_client)

    select = page.split('<select name="min_topik"')[1].split("</select>")[0]
    assert '<option value="0" selected>None required</option>' in select
    assert '<option value="3">TOPIK 3 — intermediate</option>' in select
    assert '<option value="6">TOPIK 6 — advanced</option>' in select


def test_occupation_codes_have_lookups_with_code_and_title(employer_client: Client, visa_rules):
    page = _page(employer_client)

    assert 'list="isco-code-options"' in page and 'list="e7-code-options"' in page
    assert '<option value="2152" label="2152 Electronics engineers' in page
    assert '<option value="S110" label="S110 Executives of economic interest groups">' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("isco_code", "2952", "is not an ISCO-08 unit group"),
        ("isco_code", "21a5", "is not an ISCO-08 unit group"),
        ("e7_code", "E-7", "is not an E-7 occupation code"),
    ],
)
def test_an_unknown_occupation_code_is_refused_with_a_clear_message(
    employer_client: Client, field: str, value: str, message: str
):
    response = employer_client.post(
        reverse("employer:posting_create"), _form(**{field: value}, **_skills())
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not JobPosting.objects.exists()


def test_an_e7_code_is_kept_in_capitals(employer_client: Client):
    employer_client.post(reverse("employer:posting_create"), _form(e7_code=" s110 ", **_skills()))

    assert JobPosting.objects.get().e7_code == "S110"


def test_the_city_is_saved_and_shown_with_the_province(employer_client: Client):
    response = employer_client.post(
        reverse("employer:posting_create"), _form(region="gyeonggi", city=" Suwon ", **_skills())
    )
    posting = JobPosting.objects.get()
    detail = employer_client.get(response.url).content.decode()

    assert posting.city == "Suwon"
    assert posting.location == "Suwon, Gyeonggi"
    assert "Suwon, Gyeonggi" in detail
