"""The visa pages against the real loaded rules: checker, graduate guidance, job posting box."""

import datetime
import html
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from profiles.services import graduate_languages_update
from tests import factories
from visas.selectors import rules_snapshot_cache_clear

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_visa_rules")]

# A fixed day keeps the thresholds in the answers stable (E-7-1 minimum: 31,120,000 KRW).
DAY = datetime.date(2026, 3, 1)
CHECK = reverse("visas:check")
MINE = reverse("visas:mine")
MINE_RESULTS = reverse("visas:mine_results")


@pytest.fixture(autouse=True)
def _fresh_rules_snapshot() -> Iterator[None]:
    rules_snapshot_cache_clear()
    yield
    rules_snapshot_cache_clear()


@pytest.fixture
def on_day() -> Iterator[None]:
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC), tick=False):
        yield


def _answers(**changes: str) -> dict[str, str]:
    answers = {
        "nationality": "VN",
        "age": "26",
        "education_level": "bachelor",
        "field_stem": "on",
        "topik": "3",
        "kiip_stage": "0",
        "experience_years": "2",
        "korean_experience_years": "0",
        "current_visa": "",
        "annual_salary_krw": "",
        "occupation_code": "",
        "employer_size": "sme",
        "as_of": DAY.isoformat(),
    }
    answers.update(changes)
    return answers


def _check(client: Client, **changes: str):  # type: ignore[no-untyped-def]
    return client.get(CHECK, _answers(**changes))


# --- The public checker -------------------------------------------------------------------------


def test_checker_shows_the_empty_form_and_the_legal_notice_to_anyone(client: Client):
    response = client.get(CHECK)

    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["guidance"] is None
    assert not response.context["form"].is_bound
    assert "Guidance, not legal advice" in page
    assert 'href="https://www.hikorea.go.kr"' in page
    assert 'href="https://www.visa.go.kr"' in page
    assert 'name="nationality"' in page and 'name="annual_salary_krw"' in page
    assert f'name="as_of" value="{timezone.localdate().isoformat()}"' in page


def test_checker_says_e9_is_not_open_to_a_malaysian(client: Client):
    response = _check(client, nationality="MY")

    assert response.status_code == 200
    guidance = response.context["guidance"]
    assert guidance.on == DAY
    assert guidance.pathway("E-9").verdict == "not_open"
    card = _card(response.content.decode(), "route-e-9")
    assert "Not open" in card
    assert "Nationality" in card  # the one-line why names the failing condition


def test_checker_keeps_e9_open_for_a_vietnamese(client: Client):
    response = _check(client, nationality="VN")

    assert response.context["guidance"].pathway("E-9").verdict in ("eligible", "eligible_once")
    card = _card(response.content.decode(), "route-e-9")
    assert "Not open" not in card


@pytest.mark.parametrize(
    ("eps_job", "verdicts"), [("no", {"not_open"}), ("yes", {"eligible", "eligible_once"})]
)
def test_checker_asks_whether_the_offer_is_an_eps_job(client: Client, eps_job, verdicts):
    response = _check(client, nationality="VN", annual_salary_krw="26,000,000", eps_job=eps_job)

    assert response.context["guidance"].pathway("E-9").verdict in verdicts
    assert 'name="eps_job"' in response.content.decode()


def test_checker_result_lists_every_route_with_criteria_points_steps_and_sources(client: Client):
    response = _check(client, annual_salary_krw="36,000,000", occupation_code="2351")

    page = response.content.decode()
    guidance = response.context["guidance"]
    assert len(guidance.pathways) >= 10
    for pathway in guidance.pathways:
        assert f'id="route-{_slug(pathway.code)}"' in page
    f27 = _card(page, "route-f-2-7")
    assert "Pass mark" in f27 and "Short by" in f27 and "Total" in f27
    assert "What to do next" in f27
    assert "Typical progression" in f27
    assert "Uncertain" in f27
    e71 = _card(page, "route-e-7-1")
    assert "conditions, checked, and the sources" in e71  # fetched when opened
    details = _details(client, "e-7-1", response.request["QUERY_STRING"])
    assert "36,000,000 KRW" in details  # the offer's salary in the criteria table
    assert 'target="_blank" rel="noopener noreferrer"' in details


def _details(client: Client, slug: str, query: str) -> str:
    url = reverse("visas:check_route", args=[slug])
    response = client.get(f"{url}?{query}", headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.usefixtures("on_day")
def test_a_routes_conditions_load_when_opened_and_have_a_page_of_their_own(client: Client):
    page = _check(client).content.decode()
    link = re.search(r'hx-get="(/visas/check/route/e-7-1/\?[^"]+)"', page)
    assert link is not None
    url = html.unescape(link.group(1))

    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "criteria-table" in fragment
    whole = client.get(url).content.decode()  # without JavaScript: a page with a way back
    assert "<html" in whole and "criteria-table" in whole and "Back to all your routes" in whole


@pytest.mark.usefixtures("on_day")
def test_a_route_that_does_not_exist_or_bad_answers_do_not_break_the_details(client: Client):
    query = urlencode(_answers())
    assert client.get(f"/visas/check/route/no-such-route/?{query}").status_code == 404
    bad = client.get(f"/visas/check/route/e-7-1/?{urlencode(_answers(age='two'))}")
    assert bad.status_code == 302 and bad["Location"].startswith("/visas/check/?")


def test_next_steps_link_only_to_the_training_catalogue_with_course_counts(client: Client):
    for level in (4, 5):
        factories.CourseFactory(kind="korean_language", topik_target=level, country="VN")
    factories.CourseFactory(kind="korean_language", topik_target=2, country="VN")  # too low

    response = _check(client)
    page = response.content.decode()

    steps = "".join(re.findall(r'<ol class="next-steps">(.*?)</ol>', page, flags=re.S))
    links = re.findall(r'<a class="next-step-courses" href="([^"]+)">([^<]+)</a>', steps)
    assert links, "a TOPIK step links to the Korean courses"
    assert steps.count("<a ") == len(links), "no other links inside next steps"
    topik5 = "/training/?kind=korean_language&amp;topik=5"
    assert (topik5, "1 course listed") in links  # the TOPIK 5 course, not the 4 or the 2
    assert response.context["step_courses"]["topik:5"].count == 1
    listed = client.get(topik5.replace("&amp;", "&"))
    assert listed.status_code == 200
    assert [c.topik_target for c in listed.context["page"]] == [5]


def test_a_new_question_counts_no_course_the_process_has_counted_already(client: Client):
    """The next steps' course counts are kept with the answers (the "answers" cache): another
    visitor's question, not answered before, reads no course for them."""
    factories.CourseFactory(kind="korean_language", topik_target=5, country="VN")
    first = _check(client, annual_salary_krw="41000000")
    with CaptureQueriesContext(connection) as queries:
        second = _check(client, annual_salary_krw="42000000")
    assert second.context["step_courses"] == first.context["step_courses"]
    assert second.context["step_courses"]["topik:5"].count == 1
    assert not [q for q in queries.captured_queries if "training_course" in q["sql"]]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("age", "-3", "Age cannot be negative."),
        ("nationality", "XX", "Unknown country code"),
        ("topik", "9", "TOPIK level must be 0 to 6."),
        ("annual_salary_krw", "abc", "must be a number"),
    ],
)
def test_checker_bad_input_gives_a_field_error_and_keeps_the_typed_value(
    client: Client, field: str, value: str, message: str
):
    response = _check(client, **{field: value})

    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert response.context["guidance"] is None
    page = response.content.decode()
    assert message.replace("'", "&#x27;") in page or message in page
    field_html = _field(page, field)
    assert f'value="{value}"' in field_html
    if field in ("nationality", "topik"):  # a select shows the value sent, selected
        assert re.search(rf'<option value="{value}"[^>]*selected', field_html)
    assert 'class="field field-' in field_html and "field-invalid" in field_html


def test_checker_keeps_the_other_answers_when_one_is_wrong(client: Client):
    page = _check(client, age="-3", experience_years="2.5").content.decode()

    assert 'value="2.5"' in _field(page, "experience_years")
    assert re.search(r'<option value="VN"[^>]*selected', _field(page, "nationality"))


def test_checker_without_a_nationality_asks_for_one(client: Client):
    response = _check(client, nationality="")

    assert response.context["form"].errors["nationality"] == ["Choose your nationality."]


def test_checker_asks_for_a_salary_when_only_an_occupation_is_given(client: Client):
    response = _check(client, occupation_code="2351")

    assert "annual_salary_krw" in response.context["form"].errors


def test_checker_asks_for_the_salary_of_an_eps_job_instead_of_ignoring_it(client: Client):
    response = _check(client, eps_job="yes")

    assert response.context["form"].errors["annual_salary_krw"] == [
        "Give the offered salary: an EPS job is checked against its pay."
    ]
    assert response.context["guidance"] is None


def test_checker_refuses_an_as_of_day_outside_the_rules_range(client: Client):
    response = _check(client, as_of="1850-01-01")

    assert "as_of" in response.context["form"].errors


def test_checker_escapes_what_was_typed(client: Client):
    typed = '<script>alert("x")</script>'
    page = _check(client, occupation_code=typed, annual_salary_krw="30000000").content.decode()

    assert typed not in page
    assert "&lt;script&gt;" in page


def test_checker_answers_without_login_with_an_empty_query_as_the_blank_form(client: Client):
    response = client.get(CHECK, {"utm_source": "newsletter"})

    assert response.status_code == 200
    assert not response.context["form"].is_bound


# --- The graduate's own page --------------------------------------------------------------------


def test_guidance_page_needs_a_login(client: Client):
    response = client.get(MINE)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_guidance_page_sends_employers_to_their_dashboard(employer_client: Client):
    response = employer_client.get(MINE)

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


@pytest.mark.usefixtures("on_day")
def test_guidance_page_for_a_vietnamese_graduate_keeps_e9_open(
    graduate: User, graduate_client: Client
):
    factories.EducationRecordFactory(profile=graduate.graduate_profile)

    response = graduate_client.get(MINE)

    assert response.status_code == 200
    guidance = response.context["guidance"]
    assert guidance.on == DAY
    assert guidance.pathway("E-9").verdict in ("eligible", "eligible_once")
    page = response.content.decode()
    assert "Vietnam" in page  # the facts read from the profile
    assert 'hx-get="/visas/mine/results/"' in page
    assert 'action="/visas/mine/"' in page  # works without JavaScript too


@pytest.mark.usefixtures("on_day")
def test_guidance_page_for_a_malaysian_graduate_closes_e9(client: Client):
    profile = factories.GraduateProfileFactory(nationality="MY")
    client.force_login(profile.user)

    response = client.get(MINE)

    assert response.context["guidance"].pathway("E-9").verdict == "not_open"
    assert "Not open" in _card(response.content.decode(), "route-e-9")


def test_guidance_page_without_a_profile_explains_what_is_missing(outsider: User, client: Client):
    client.force_login(outsider)

    response = client.get(MINE)

    assert response.status_code == 200
    assert response.context["guidance"] is None
    assert "Your profile does not say enough yet" in response.content.decode()


@pytest.mark.usefixtures("on_day")
def test_what_if_topik_raises_the_f27_points(graduate_client: Client):
    before = graduate_client.get(MINE).context["guidance"].pathway("F-2-7").points.total

    response = graduate_client.get(MINE, {"topik": "6", "offer_salary": ""})

    assert response.context["guidance"].pathway("F-2-7").points.total > before
    assert re.search(r'<option value="6"[^>]*selected', response.content.decode())


@pytest.mark.usefixtures("on_day")
def test_what_if_salary_text_gives_a_field_error_and_the_profile_results(
    graduate_client: Client,
):
    response = graduate_client.get(MINE, {"topik": "3", "offer_salary": "abc"})

    assert response.status_code == 200
    assert "offer_salary" in response.context["form"].errors
    assert response.context["guidance"] is not None
    assert 'value="abc"' in response.content.decode()


@pytest.mark.usefixtures("on_day")
def test_what_if_link_with_only_a_salary_keeps_the_profile_topik(graduate_client: Client):
    response = graduate_client.get(MINE, {"offer_salary": "40000000"})

    assert response.context["person"].topik == 3
    assert re.search(r'<option value="3"[^>]*selected', response.content.decode())


@pytest.mark.usefixtures("on_day")
def test_htmx_request_gets_only_the_results_fragment(graduate_client: Client):
    query = {"topik": "5", "offer_salary": "40,000,000"}

    response = graduate_client.get(MINE_RESULTS, query, headers={"HX-Request": "true"})

    assert response.status_code == 200
    fragment = response.content.decode()
    assert "<html" not in fragment and "site-header" not in fragment
    assert 'id="guidance-title"' in fragment
    # only the status line's words are swapped: the live region itself stays in the page
    assert 'id="whatif-status"' in fragment and 'hx-swap-oob="innerHTML"' in fragment
    assert "With TOPIK 5 and an offer of 40,000,000 KRW" in fragment
    assert response["HX-Push-Url"] == f"{MINE}?{urlencode(query)}"
    assert "HX-Request" in response["Vary"]


def test_results_fragment_opened_directly_goes_to_the_full_page(graduate_client: Client):
    response = graduate_client.get(MINE_RESULTS, {"topik": "5"})

    assert response.status_code == 302
    assert response["Location"] == f"{MINE}?topik=5"
    assert "HX-Request" in response["Vary"]


def test_results_fragment_is_for_graduates_only(client: Client, employer_client: Client):
    assert client.get(MINE_RESULTS, headers={"HX-Request": "true"}).status_code == 302
    response = employer_client.get(MINE_RESULTS, headers={"HX-Request": "true"})
    assert response["Location"] == reverse("dashboard")


def test_nav_links_the_checker_for_everyone_and_the_guidance_for_graduates(
    client: Client, graduate_client: Client, employer_client: Client
):
    anonymous = client.get(reverse("home")).content.decode()
    graduate = graduate_client.get(reverse("jobs:list")).content.decode()
    employer = employer_client.get(reverse("jobs:list")).content.decode()

    assert CHECK in anonymous and MINE not in anonymous
    assert CHECK in employer and MINE not in employer
    # graduates have their own guidance in the menu, and it links to the public checker
    assert MINE in graduate
    assert CHECK in graduate_client.get(MINE).content.decode()


# --- The box on a job posting -------------------------------------------------------------------


@pytest.mark.usefixtures("on_day")
def test_job_posting_shows_a_graduate_whether_the_offer_opens_a_route(graduate_client: Client):
    posting = factories.JobPostingFactory(
        salary_min_krw=30_000_000, salary_max_krw=40_000_000, e7_code="2351"
    )

    response = graduate_client.get(reverse("jobs:detail", args=[posting.pk]))

    assert response.status_code == 200
    verdict = response.context["visa_verdict"]
    assert verdict is not None and verdict.salary_threshold_krw == 31_120_000
    page = response.content.decode()
    box = page[page.index('class="card visa-box') :]
    assert "Visa: does this offer open a route for you?" in box
    assert html.escape(verdict.summary) in box
    assert "31,120,000 KRW" in box
    assert "below the E-7-1 minimum" in box  # 30,000,000 at the bottom of the range


@pytest.mark.usefixtures("on_day")
def test_job_posting_without_sponsorship_opens_no_route(graduate_client: Client):
    posting = factories.JobPostingFactory(visa_sponsorship=False)

    response = graduate_client.get(reverse("jobs:detail", args=[posting.pk]))

    assert response.context["visa_verdict"].opens_route is False
    assert "does not sponsor" in response.content.decode()


@pytest.mark.usefixtures("on_day")
def test_job_posting_box_is_an_invitation_for_anonymous_visitors(client: Client):
    posting = factories.JobPostingFactory()

    response = client.get(reverse("jobs:detail", args=[posting.pk]))

    assert response.status_code == 200
    assert "visa_verdict" not in response.context
    page = response.content.decode()
    assert "Visa: does this offer open a route for you?" in page
    assert "Sign in as a graduate" in page and CHECK in page
    assert "Work routes with this offer" not in page and "visa-box-full" not in page


def test_job_posting_box_for_a_graduate_without_nationality_points_to_the_checker(
    client: Client,
):
    profile = factories.GraduateProfileFactory(nationality="")
    client.force_login(profile.user)
    posting = factories.JobPostingFactory()

    response = client.get(reverse("jobs:detail", args=[posting.pk]))

    assert response.status_code == 200
    assert "needs your nationality" in response.content.decode()


# --- helpers ------------------------------------------------------------------------------------


def _slug(code: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-")


def _card(page: str, card_id: str) -> str:
    start = page.index(f'id="{card_id}"')
    end = page.find("</article>", start)
    return page[start:end]


def _field(page: str, name: str) -> str:
    """The HTML of one form field's wrapper (label, input, errors)."""
    position = page.index(f'name="{name}"')
    start = page.rfind('<div class="field', 0, position)
    end = page.find('<div class="field', position)
    return page[start : end if end != -1 else position + 4000]


# --- The adviser's questions and answer ---------------------------------------------------------


@pytest.mark.usefixtures("on_day")
def test_checker_answers_for_the_goal_first_and_says_when_no_route_fits_it(client: Client):
    response = _check(
        client, nationality="ID", age="41", education_level="diploma", field_stem="",
        topik="0", experience_years="0", goal="factory",
    )  # fmt: skip

    page = response.content.decode()
    headline = page[page.index('class="card guidance-headline"') :]
    assert "No route for factory, farm or shipyard work is open to you." in headline
    assert "Age is 41, needs 18 to 39" in headline


@pytest.mark.usefixtures("on_day")
def test_checker_asks_where_the_degree_is_from_and_the_universitys_rank(client: Client):
    response = _check(client, degree_country="MY", university_rank="top200")

    person = response.context["form"].cleaned_data["person"]
    assert (person.degree_country, person.korean_degree) == ("MY", False)
    assert dict(person.extra) == {
        "degree.university_rank_qs": 200, "degree.university_rank_the": 200,
    }  # fmt: skip
    page = response.content.decode()
    assert 'name="degree_country"' in page and 'name="university_rank"' in page


@pytest.mark.usefixtures("on_day")
def test_checker_refuses_a_goal_it_does_not_know(client: Client):
    response = _check(client, goal="astronaut")

    assert response.context["guidance"] is None
    assert "Choose one of the listed goals." in response.content.decode()


@pytest.mark.usefixtures("on_day")
def test_checker_keeps_its_answer_until_the_rules_change(
    client: Client, django_capture_on_commit_callbacks, monkeypatch
):
    from visas import selectors
    from visas.models import VisaType
    from visas.services import visa_rules_changed

    evaluated = []
    real = selectors.evaluate_all
    monkeypatch.setattr(selectors, "evaluate_all", lambda **kw: evaluated.append(1) or real(**kw))

    def answer(response) -> str:  # type: ignore[no-untyped-def]
        page = response.content.decode()
        return page[page.index('id="answer"') : page.index("</main>")]

    first = answer(_check(client))
    with CaptureQueriesContext(connection) as queries:  # the kept page: no validation,
        again = answer(_check(client))  # evaluation or course counts, so no query
    assert [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]] == []
    assert len(evaluated) == 1 and first == again  # the same answer, evaluated once

    VisaType.objects.filter(code="E-7-1").update(name="Professional work (renamed in the admin)")
    with django_capture_on_commit_callbacks(execute=True):
        visa_rules_changed()
    changed = answer(_check(client))
    assert len(evaluated) == 2
    assert "Professional work (renamed in the admin)" in changed


@pytest.mark.usefixtures("on_day")
def test_a_kept_checker_page_is_per_language_and_per_day(client: Client):
    english = _check(client, as_of="").content.decode()
    korean = client.get(CHECK, _answers(as_of=""), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "Visa guidance" in english and "비자 안내" in korean  # not the English page kept

    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC), tick=False):
        next_day = _check(client, as_of="").content.decode()
    assert 'name="as_of" value="2026-03-01"' in english
    assert 'name="as_of" value="2026-03-02"' in next_day  # "today" is the new day's


def test_a_kept_checker_page_shows_each_visitor_their_own_header(
    client: Client, graduate_client: Client
):
    anonymous = _check(client).content.decode()
    signed_in = _check(graduate_client).content.decode()
    frame = signed_in.split("</header>")[0]
    assert "Log in" in anonymous and "Log out" in frame and "Log in" not in frame
    answer = anonymous[anonymous.index('id="answer"') : anonymous.index("</main>")]
    assert answer in signed_in  # the same impersonal content in both frames


def test_a_changed_answer_renders_only_the_routes_it_changes_and_the_page_is_the_same(
    client: Client,
):
    from django.core.cache import caches

    def cards_rendered(response) -> int:  # type: ignore[no-untyped-def]
        return [t.name for t in response.templates].count("visas/_pathway.html")

    def answer(response) -> str:  # type: ignore[no-untyped-def]
        page = response.content.decode()
        return page[page.index('id="answer"') : page.index("</main>")]

    first = _check(client, annual_salary_krw="35000000")
    routes = len(first.context["guidance"].pathways)
    assert cards_rendered(first) == routes

    changed = _check(client, annual_salary_krw="36000000")
    assert 0 < cards_rendered(changed) < routes  # the offer's routes, not the study routes
    page = answer(changed)
    assert "annual_salary_krw=36000000" in page and "annual_salary_krw=35000000" not in page
    assert page.count("hx-get=") == routes  # every kept card links to this question's details

    caches["answers"].clear()
    caches["route_cards"].clear()
    assert answer(_check(client, annual_salary_krw="36000000")) == page  # as if never kept


@pytest.mark.usefixtures("on_day")
def test_checker_asks_when_the_status_ends_and_says_when_to_apply(client: Client):
    page = _check(client, current_visa="D-10", status_expires="2026-04-15").content.decode()
    assert 'name="status_expires"' in page
    assert "status ends on 15 April 2026, in 45 days" in page

    alone = _check(client, status_expires="2026-04-15")
    assert alone.context["guidance"] is None
    assert "Give the current status the end date belongs to." in alone.content.decode()


@pytest.mark.usefixtures("on_day")
def test_own_guidance_loads_each_routes_conditions_when_opened(
    graduate: User, graduate_client: Client, employer_client: Client
):
    """The page of all routes carries no route's conditions or sources: each card's details
    come from the graduate's own route URL, with the same "what if" answers, as a fragment for
    htmx or a page of its own without JavaScript."""
    factories.EducationRecordFactory(profile=graduate.graduate_profile)
    page = graduate_client.get(MINE, {"topik": "4"}).content.decode()
    route = reverse("visas:mine_route", args=["e-9"])
    assert f'hx-get="{route}?topik=4"' in page
    assert 'class="criteria-table' not in page and 'class="sources"' not in page
    fragment = graduate_client.get(route, {"topik": "4"}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert (
        "criteria-table" in fragment.content.decode() and "<html" not in fragment.content.decode()
    )
    whole = graduate_client.get(route, {"topik": "4"})
    assert f'href="{MINE}?topik=4#route-e-9"' in whole.content.decode()
    assert graduate_client.get(reverse("visas:mine_route", args=["x-99"])).status_code == 404
    assert employer_client.get(route).status_code == 302


@pytest.mark.usefixtures("on_day")
def test_own_guidance_is_kept_until_the_profile_changes_and_what_ifs_are_not(
    graduate: User,
    graduate_client: Client,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
):
    """The guidance from the profile alone is worked out once for every process (the shared
    cache); a new TOPIK result is new guidance at once; "what if" answers are never kept."""
    from portal.graduate import visas as view

    factories.EducationRecordFactory(profile=graduate.graduate_profile)
    worked_out: list[int] = []
    guidance = view.visa_guidance

    def counting(**kwargs):  # type: ignore[no-untyped-def]
        worked_out.append(kwargs["person"].topik)
        return guidance(**kwargs)

    monkeypatch.setattr(view, "visa_guidance", counting)
    first = graduate_client.get(MINE).content.decode()
    second = graduate_client.get(MINE).content.decode()
    assert worked_out == [graduate.graduate_profile.topik_level]
    assert _without_tokens(second) == _without_tokens(first)
    profile = graduate.graduate_profile
    with django_capture_on_commit_callbacks(execute=True):
        graduate_languages_update(profile=profile, topik_level=5)
    assert graduate_client.get(MINE).status_code == 200
    assert worked_out[-1] == 5
    graduate_client.get(MINE, {"topik": "6", "offer_salary": ""})
    graduate_client.get(MINE, {"topik": "6", "offer_salary": ""})
    assert worked_out[-2:] == [6, 6]


def _without_tokens(html: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', "", html)


@pytest.mark.usefixtures("on_day")
def test_own_guidance_status_line_counts_the_routes_shown_first_visit_and_kept(
    graduate: User, graduate_client: Client
):
    """The status line beside the kept guidance counts its routes as the guidance worked out
    on the spot does (the htmx results, never kept)."""
    factories.EducationRecordFactory(profile=graduate.graduate_profile)

    def status(html: str) -> str:
        found = re.search(r'id="whatif-status"[^>]*>(.*?)</p>', html, re.S)
        assert found is not None
        return " ".join(found.group(1).split())

    fresh = status(graduate_client.get(MINE_RESULTS, HTTP_HX_REQUEST="true").content.decode())
    assert re.search(r"[1-9]\d* (routes? open now|once conditions)", fresh), fresh
    for _visit in range(2):  # worked out, then kept
        assert status(graduate_client.get(MINE).content.decode()) == fresh
