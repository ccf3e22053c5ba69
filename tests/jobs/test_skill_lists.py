"""A posting's skills as the job page and the employer's posting page list them: grouped (deal
breakers, required, nice to have), each group by the employer's weight then name, the names from
the taxonomy each process keeps rather than read again with every posting."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.selectors import posting_skills_listed
from tests import factories

pytestmark = pytest.mark.django_db


def _posting_with_every_kind(suffix: str = ""):
    posting = factories.JobPostingFactory(description="Cell assembly.")
    for name, requirement, level, weight in [
        ("Zeta welding", "required", 3, 1.0),
        ("Alpha welding", "required", 2, 1.0),
        ("Heavy lifting", "required", 4, 2.0),
        ("Clean room <b>gowning</b>", "breaker", 3, 1.0),
        ("Korean forms", "nice", 1, 1.0),
    ]:
        factories.PostingSkillFactory(
            posting=posting,
            skill__name=name + suffix,
            requirement=requirement,
            min_level=level,
            weight=weight,
        )
    return posting


def test_skills_are_grouped_and_ordered_by_weight_then_name():
    groups = posting_skills_listed(posting=_posting_with_every_kind())
    assert [s.name for s in groups.breaker] == ["Clean room <b>gowning</b>"]
    assert [s.name for s in groups.required] == ["Heavy lifting", "Alpha welding", "Zeta welding"]
    assert [(s.name, s.min_level) for s in groups.nice] == [("Korean forms", 1)]
    assert [s.name for s in groups.required_all][:2] == [
        "Clean room <b>gowning</b>",
        "Heavy lifting",
    ]
    empty = posting_skills_listed(posting=factories.JobPostingFactory())
    assert not empty and not empty.required_all


def test_the_job_page_lists_each_group_under_its_heading_escaped(client):
    posting = _posting_with_every_kind()
    html = client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    must, required, nice = (html.index(h) for h in ("Must have", ">Required<", "Nice to have"))
    assert must < required < nice
    assert "Clean room &lt;b&gt;gowning&lt;/b&gt;" in html and "<b>gowning" not in html
    assert html.index("Heavy lifting") < html.index("Alpha welding") < html.index("Zeta welding")
    assert "level 4/5 or higher" in html
    # In the list of deal breakers alone, none is marked as one.
    assert "deal breaker" not in html.split("Must have", 1)[1].split(">Required<", 1)[0]


def test_the_employer_page_marks_deal_breakers_among_the_required(client):
    posting = _posting_with_every_kind()
    member = factories.EmployerMemberFactory(employer=posting.employer)
    client.force_login(member.user)
    response = client.get(reverse("employer:posting_detail", args=[posting.pk]))
    html = response.content.decode()
    required = html.split(">Required<", 1)[1].split("Nice to have", 1)[0]
    assert required.index("gowning") < required.index("Heavy lifting")
    assert required.count("deal breaker") == 1
    assert "Korean forms" in html.split("Nice to have", 1)[1]


def test_a_job_page_nobody_opened_reads_no_skill_rows_for_its_lists(client):
    """The skill names come from the process's taxonomy: a posting's page rendered for the first
    time reads its skills' ids and levels, not the skills themselves."""
    first, second = _posting_with_every_kind(), _posting_with_every_kind(" (2)")
    client.get(reverse("jobs:detail", args=[first.pk]))  # the taxonomy, read once
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("jobs:detail", args=[second.pk])).content.decode()
    assert "Heavy lifting" in html and "Must have" in html
    read = [q["sql"] for q in queries.captured_queries]
    assert not [sql for sql in read if "skills_skill" in sql]
    assert len([sql for sql in read if "jobs_postingskill" in sql]) == 1
