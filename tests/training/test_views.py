"""Training pages: the catalogue, course pages, a graduate's plan and suggestions, and the
employer's sponsor page, for every persona."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from matching.services import match_run_request
from tests import factories
from tests.training.conftest import World
from tests.training.factories import KoreanCourseFactory
from training.models import SponsorshipInterest

pytestmark = pytest.mark.django_db
CATALOGUE = reverse("training:catalogue")


def _courses(n: int) -> None:
    for i in range(n):
        course = factories.CourseFactory(
            title=f"Course {i:03d}", start_date=datetime.date(2030, 1, 1)
        )
        factories.CourseSkillFactory(course=course)
        factories.CourseSkillFactory(course=course)


# --- catalogue ---------------------------------------------------------------------------------


def test_catalogue_is_public_with_a_constant_number_of_queries(
    client: Client, django_assert_num_queries
) -> None:
    _courses(3)
    with django_assert_num_queries(6) as few:  # 4 reads and the request's savepoint pair
        assert client.get(CATALOGUE).status_code == 200
    _courses(15)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(CATALOGUE)
    assert response.context["page"].paginator.count == 18


def test_catalogue_searches_titles_providers_and_skill_names(client: Client) -> None:
    plc = factories.CourseFactory(title="Factory automation")
    factories.CourseSkillFactory(course=plc, skill=factories.SkillFactory(name="PLC programming"))
    factories.CourseFactory(
        title="Welding", provider=factories.TrainingProviderFactory(name="Busan Hall")
    )
    factories.CourseFactory(title="Korean II")

    def titles(**query: str) -> set[str]:
        response = client.get(CATALOGUE, query)
        return {c.title for c in response.context["page"].object_list}

    assert titles(q="plc") == {"Factory automation"}
    assert titles(q="busan") == {"Welding"}
    assert titles(q="korean") == {"Korean II"}
    assert titles(q="nothing like it") == set()


def test_catalogue_filters_by_kind_skill_country_mode_cost_and_start_date(client: Client) -> None:
    skill = factories.SkillFactory(name="Vacuum technology")
    a = factories.CourseFactory(
        title="A", cost_usd=0, mode="online", country="", start_date=datetime.date(2030, 3, 1)
    )
    factories.CourseSkillFactory(course=a, skill=skill)
    factories.CourseFactory(
        title="B", cost_usd=900, country="TH", start_date=datetime.date(2030, 9, 1)
    )
    KoreanCourseFactory(title="C", cost_usd=300, country="KR")

    def titles(**query: str) -> list[str]:
        response = client.get(CATALOGUE, query)
        return sorted(c.title for c in response.context["page"].object_list)

    assert titles(kind="korean_language") == ["C"]
    assert titles(skill="vacuum technology") == ["A"]
    assert titles(skill="no such skill") == []
    assert titles(country="TH") == ["B"]
    assert titles(mode="online") == ["A"]
    assert titles(cost="free") == ["A"]
    assert titles(cost="under_500") == ["A", "C"]
    assert titles(starts_after="2030-06-01") == ["B"]
    assert titles(kind="vocational", starts_before="2030-06-01") == ["A"]


def test_pagination_keeps_the_filters_and_the_empty_state_is_shown(client: Client) -> None:
    _courses(25)
    response = client.get(CATALOGUE, {"kind": "vocational"})
    assert 'href="?kind=vocational&amp;page=2"' in response.content.decode()
    empty = client.get(CATALOGUE, {"kind": "degree"})
    assert "No course matches these filters" in empty.content.decode()


def test_search_text_is_escaped(client: Client) -> None:
    response = client.get(CATALOGUE, {"q": "<script>alert(1)</script>"})
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_visitors_see_a_training_link_in_the_navigation(client: Client) -> None:
    assert f'href="{CATALOGUE}"' in client.get(reverse("jobs:list")).content.decode()


# --- course page -------------------------------------------------------------------------------


def test_course_page_shows_the_course_and_hides_inactive_ones(client: Client) -> None:
    course = factories.CourseFactory(title="Cleanroom <practice>", entry_requirements="A diploma")
    factories.CourseSkillFactory(course=course, skill=factories.SkillFactory(name="Cleanroom"))
    body = client.get(reverse("training:course_detail", args=[course.pk])).content.decode()
    assert "Cleanroom &lt;practice&gt;" in body and "A diploma" in body
    course.is_active = False
    course.save()
    assert client.get(reverse("training:course_detail", args=[course.pk])).status_code == 404
    assert client.get(reverse("training:course_detail", args=[99999])).status_code == 404


def test_course_page_tells_a_graduate_what_the_topik_level_changes(
    graduate_client: Client, loaded_visa_rules: None, graduate: User
) -> None:
    factories.EducationRecordFactory(profile=graduate.graduate_profile)
    course = KoreanCourseFactory(topik_target=4)
    response = graduate_client.get(reverse("training:course_detail", args=[course.pk]))
    assert response.context["visa_effects"]
    assert "What TOPIK 4 changes in your visa routes" in response.content.decode()


# --- plan for a posting ------------------------------------------------------------------------


def _plan_url(world: World) -> str:
    return reverse("training:plan", args=[world.posting.pk])


def test_plan_shows_the_graduate_their_courses_and_score(
    graduate_client: Client, world: World
) -> None:
    response = graduate_client.get(_plan_url(world))
    assert response.status_code == 200
    plan = response.context["plan"]
    assert {c.title for c in plan.courses} == {"Plasma basics", "PLC starter"}
    body = response.content.decode()
    assert "Plasma basics" in body and "After the plan" in body
    cost = graduate_client.get(_plan_url(world), {"objective": "cost"})
    assert [c.title for c in cost.context["plan"].courses] == ["Fab automation"]


def test_plan_objective_toggle_returns_only_the_plan_to_htmx(
    graduate_client: Client, world: World
) -> None:
    response = graduate_client.get(
        _plan_url(world), {"objective": "cost"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="plan"')
    assert "<html" not in body and "Fab automation" in body
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("persona", ["employer", "staff"])
def test_plan_is_for_graduates_only(
    client: Client, world: World, persona: str, request: pytest.FixtureRequest
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_plan_url(world)).status_code == 403


def test_plan_asks_visitors_to_log_in(client: Client, world: World) -> None:
    response = client.get(_plan_url(world))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_plan_for_a_posting_that_is_not_public_is_404(
    graduate_client: Client, world: World
) -> None:
    draft = factories.JobPostingFactory(status="draft", published_at=None)
    hidden = factories.JobPostingFactory(employer=factories.EmployerFactory(unverified=True))
    for posting in (draft, hidden):
        url = reverse("training:plan", args=[posting.pk])
        assert graduate_client.get(url).status_code == 404


def test_graduate_without_a_profile_is_sent_to_build_one(
    client: Client, outsider: User, world: World
) -> None:
    client.force_login(outsider)
    response = client.get(_plan_url(world))
    assert response.status_code == 200 and "Your profile comes first" in response.content.decode()
    assert "Your profile comes first" in client.get(reverse("training:for_me")).content.decode()


# --- for me ------------------------------------------------------------------------------------


def test_for_me_lists_suggestions_and_degree_pathways(
    graduate_client: Client, world: World, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    master = factories.CourseFactory(
        title="M.Eng. Electronics", kind="degree", degree_level="master", hours=None,
        field_of_study=world.graduate.education.get().field_of_study,
    )  # fmt: skip
    response = graduate_client.get(reverse("training:for_me"))
    assert response.status_code == 200
    assert response.context["suggestions"][0].course.title == "Fab automation"
    assert response.context["pathways"].programmes == [master]
    body = response.content.decode()
    assert "M.Eng. Electronics" in body and "Fab automation" in body


@pytest.mark.parametrize("persona", ["employer", "staff"])
def test_for_me_is_for_graduates_only(
    client: Client, persona: str, request: pytest.FixtureRequest
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("training:for_me")).status_code == 403


# --- sponsor a course --------------------------------------------------------------------------


@pytest.fixture
def owned(world: World, employer: User, django_capture_on_commit_callbacks) -> World:
    world.posting.employer = employer.employer_membership.employer
    world.posting.save()
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    return world


def _sponsor_url(world: World) -> str:
    return reverse("training:sponsor", args=[world.posting.pk])


def test_owner_sees_the_common_gaps_and_records_interest(
    employer_client: Client, owned: World, employer: User
) -> None:
    response = employer_client.get(_sponsor_url(owned))
    assert response.status_code == 200
    assert {g.skill.name for g in response.context["gaps"]} == {
        "Plasma engineering",
        "PLC programming",
    }
    course = owned.courses["both"]
    response = employer_client.post(
        _sponsor_url(owned), {"target": f"course:{course.pk}", "note": "<b>Ten</b> places"}
    )
    assert response.status_code == 302
    interest = SponsorshipInterest.objects.get()
    assert (interest.course, interest.posting, interest.created_by) == (
        course,
        owned.posting,
        employer,
    )
    page = employer_client.get(_sponsor_url(owned)).content.decode()
    assert "&lt;b&gt;Ten&lt;/b&gt; places" in page


def test_a_bad_choice_records_nothing_and_keeps_the_note(
    employer_client: Client, owned: World
) -> None:
    welding = owned.courses["welding"]  # closes no gap, so it is not offered
    response = employer_client.post(
        _sponsor_url(owned), {"target": f"course:{welding.pk}", "note": "Keep me"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["target"]
    assert "Keep me" in response.content.decode()
    assert not SponsorshipInterest.objects.exists()


@pytest.mark.parametrize("persona", ["other_employer", "graduate", "staff"])
def test_others_get_404_on_the_sponsor_page(
    client: Client, owned: World, persona: str, request: pytest.FixtureRequest
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_sponsor_url(owned)).status_code == 404
    course = owned.courses["both"]
    assert client.post(_sponsor_url(owned), {"target": f"course:{course.pk}"}).status_code == 404
    assert not SponsorshipInterest.objects.exists()


def test_sponsor_page_asks_visitors_to_log_in(client: Client, owned: World) -> None:
    assert client.get(_sponsor_url(owned)).status_code == 302


def test_unverified_employer_sees_the_page_but_cannot_record_interest(
    client: Client, unverified_employer: User, world: World
) -> None:
    posting = factories.JobPostingFactory(employer=unverified_employer.employer_membership.employer)
    client.force_login(unverified_employer)
    url = reverse("training:sponsor", args=[posting.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "must be verified" in response.content.decode()
    course = world.courses["both"]
    response = client.post(url, {"target": f"course:{course.pk}"})
    assert response.status_code == 403
    assert not SponsorshipInterest.objects.exists()


@pytest.mark.usefixtures("loaded_visa_rules")
def test_for_me_keeps_the_study_routes_until_the_graduates_facts_change(
    graduate_client: Client,
    world: World,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks,
) -> None:
    """The D-2 and K-STAR answers are worked out once for the graduate's facts (the shared
    cache); a new TOPIK result is worked out again at once."""
    from profiles.services import graduate_languages_update
    from training import selectors

    worked_out: list[int] = []
    routes = selectors.visa_routes

    def counting(**kwargs):  # type: ignore[no-untyped-def]
        worked_out.append(kwargs["person"].topik)
        return routes(**kwargs)

    monkeypatch.setattr(selectors, "visa_routes", counting)
    url = reverse("training:for_me")
    first = graduate_client.get(url).context["pathways"].routes
    second = graduate_client.get(url).context["pathways"].routes
    assert [r.code for r in first] == ["D-2", "F-2 (K-STAR)"] and second == first
    assert len(worked_out) == 1
    with django_capture_on_commit_callbacks(execute=True):
        graduate_languages_update(profile=world.graduate, topik_level=6)
    assert graduate_client.get(url).context["pathways"].routes
    assert worked_out[1:] == [6]
