"""Every URL that names one of the new objects (conversations, messages' PDFs, invitations'
threads, interviews and their .ics, saved jobs and searches, screening questions, the pipeline's
CSV and bulk move, public company pages), through pages and the API, for each persona:

- another company's member and another graduate get 404 on the object when the URL is of their
  own side; on the other side's URL they get the side's answer (an employer is sent to their
  dashboard from graduate pages; the API refuses the wrong role with 403), the same as for an
  id that does not exist, so nothing is confirmed;
- anonymous gets the same answer for the object as for a missing id (pages: sign in, with the
  requested path as `next`; API: 401);
- the owner reaches it (so a wrong URL in the table fails);
- a company not verified has no public page, for anyone, its own member included;
- the owner's message or question named through an outsider's own thread or posting is 404, and
  a bulk move through one's own posting refuses the owner's application as it refuses a missing id.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.test import Client

from accounts.models import User
from conversations.services import (
    conversation_for_application,
    conversation_for_invitation,
    message_post,
)
from interviews.services import interview_book
from jobs.models import Application, JobPosting, PostingInvitation
from jobs.services.saved import saved_job_add, saved_search_create
from jobs.services.screening import screening_question_add
from tests import factories
from tests.interviews.helpers import Scene, kst, proposed
from tests.profiles.factories import pdf_bytes

pytestmark = pytest.mark.django_db

MISSING = 2_000_000_000
Ids = dict[str, Any]


@dataclass(frozen=True)
class Row:
    kind: str
    via: str  # "page" or "api"
    side: str  # whose URL: "graduate" or "employer"
    method: str
    path: str  # with {placeholders} filled from the scene's ids
    owner_code: int
    body: Callable[[Ids], dict[str, Any]] = field(default=lambda ids: {})

    def url(self, ids: Ids) -> str:
        return self.path.format(**ids)


def _slots(ids: Ids) -> dict[str, Any]:
    slots = [kst(5, 10).isoformat(), kst(6, 14).isoformat()]
    return {"slots": slots, "video_link": "https://meet.example.com/probe"}


A = "/api/v1"
ROWS = [
    # Conversations, through pages
    Row("page: graduate thread", "page", "graduate", "GET", "/graduate/messages/{thread}/", 200),
    Row("page: graduate writes", "page", "graduate", "POST", "/graduate/messages/{thread}/post/",
        302, lambda ids: {"body": "Hello"}),
    Row("page: graduate shares contact", "page", "graduate", "POST",
        "/graduate/messages/{thread}/share-contact/", 302),
    Row("page: graduate attachment", "page", "graduate", "GET",
        "/graduate/messages/{thread}/attachments/{message}/", 200),
    Row("page: employer thread", "page", "employer", "GET", "/employer/messages/{thread}/", 200),
    Row("page: employer writes", "page", "employer", "POST", "/employer/messages/{thread}/post/",
        302, lambda ids: {"body": "Hello"}),
    Row("page: employer attachment", "page", "employer", "GET",
        "/employer/messages/{thread}/attachments/{message}/", 200),
    Row("page: invitation thread", "page", "employer", "POST",
        "/employer/invitations/{invitation}/conversation/", 302),
    # Conversations, through the API
    Row("api: graduate thread", "api", "graduate", "GET", A + "/graduate/conversations/{thread}/",
        200),
    Row("api: graduate writes", "api", "graduate", "POST",
        A + "/graduate/conversations/{thread}/messages/", 201, lambda ids: {"body": "Hello"}),
    Row("api: graduate shares contact", "api", "graduate", "POST",
        A + "/graduate/conversations/{thread}/share-contact/", 200),
    Row("api: graduate application thread", "api", "graduate", "POST",
        A + "/graduate/applications/{application}/conversation/", 200),
    Row("api: employer thread", "api", "employer", "GET", A + "/employer/conversations/{thread}/",
        200),
    Row("api: employer writes", "api", "employer", "POST",
        A + "/employer/conversations/{thread}/messages/", 201, lambda ids: {"body": "Hello"}),
    Row("api: employer application thread", "api", "employer", "POST",
        A + "/employer/applications/{application}/conversation/", 200),
    # Interviews, through pages
    Row("page: graduate interview", "page", "graduate", "GET", "/graduate/interviews/{interview}/",
        200),
    Row("page: graduate books", "page", "graduate", "POST",
        "/graduate/interviews/{interview}/book/", 302, lambda ids: {"slot": ids["slot"]}),
    Row("page: graduate cancels", "page", "graduate", "POST",
        "/graduate/interviews/{interview}/cancel/", 302),
    Row("page: graduate .ics", "page", "graduate", "GET",
        "/graduate/interviews/{interview}/invite.ics", 200),
    Row("page: graduate time zone", "page", "graduate", "POST",
        "/graduate/interviews/{interview}/time-zone/", 302,
        lambda ids: {"time_zone": "Asia/Ho_Chi_Minh"}),
    Row("page: employer schedules", "page", "employer", "GET",
        "/employer/applications/{fresh_application}/interview/", 200),
    Row("page: employer interview", "page", "employer", "GET", "/employer/interviews/{interview}/",
        200),
    Row("page: employer cancels", "page", "employer", "POST",
        "/employer/interviews/{interview}/cancel/", 302),
    Row("page: employer .ics", "page", "employer", "GET",
        "/employer/interviews/{interview}/invite.ics", 200),
    # Interviews, through the API
    Row("api: employer proposes", "api", "employer", "POST",
        A + "/employer/applications/{fresh_application}/interview/", 201, _slots),
    Row("api: employer interview", "api", "employer", "GET",
        A + "/employer/interviews/{interview}/", 200),
    Row("api: employer reschedules", "api", "employer", "POST",
        A + "/employer/interviews/{interview}/reschedule/", 200, _slots),
    Row("api: employer cancels", "api", "employer", "POST",
        A + "/employer/interviews/{interview}/cancel/", 200),
    Row("api: graduate interview", "api", "graduate", "GET",
        A + "/graduate/interviews/{interview}/", 200),
    Row("api: graduate books", "api", "graduate", "POST",
        A + "/graduate/interviews/{interview}/book/", 200, lambda ids: {"slot": ids["slot"]}),
    Row("api: graduate cancels", "api", "graduate", "POST",
        A + "/graduate/interviews/{interview}/cancel/", 200),
    # Saved jobs and searches
    Row("page: saved search edited", "page", "graduate", "POST",
        "/graduate/alerts/searches/{search}/", 302,
        lambda ids: {f"s{ids['search']}-frequency": "weekly"}),
    Row("page: saved search deleted", "page", "graduate", "POST",
        "/graduate/alerts/searches/{search}/delete/", 302),
    Row("api: saved job", "api", "graduate", "GET", A + "/graduate/saved-jobs/{saved_job}/", 200),
    Row("api: saved job removed", "api", "graduate", "DELETE",
        A + "/graduate/saved-jobs/{saved_job}/", 204),
    Row("api: saved search", "api", "graduate", "GET", A + "/graduate/saved-searches/{search}/",
        200),
    Row("api: saved search changed", "api", "graduate", "PATCH",
        A + "/graduate/saved-searches/{search}/", 200, lambda ids: {"frequency": "weekly"}),
    Row("api: saved search deleted", "api", "graduate", "DELETE",
        A + "/graduate/saved-searches/{search}/", 204),
    # Screening questions
    Row("page: screening questions", "page", "employer", "GET",
        "/employer/postings/{posting}/screening/", 200),
    Row("page: screening question removed", "page", "employer", "POST",
        "/employer/postings/{posting}/screening/{question}/remove/", 302),
    Row("api: screening questions", "api", "employer", "GET",
        A + "/employer/postings/{posting}/screening-questions/", 200),
    Row("api: screening question added", "api", "employer", "POST",
        A + "/employer/postings/{posting}/screening-questions/", 201,
        lambda ids: {"text": "Can you start in March?", "answer_kind": "yes_no"}),
    Row("api: screening question removed", "api", "employer", "DELETE",
        A + "/employer/postings/{posting}/screening-questions/{question}/", 204),
    # The pipeline's export and bulk move
    Row("page: pipeline CSV", "page", "employer", "GET",
        "/employer/postings/{posting}/applications/export.csv", 200),
    Row("page: pipeline bulk move", "page", "employer", "POST",
        "/employer/postings/{posting}/applications/move/", 302,
        lambda ids: {"applications": [ids["application"]], "to_status": "screening"}),
    Row("api: pipeline bulk move", "api", "employer", "POST",
        A + "/employer/postings/{posting}/applications/move/", 200,
        lambda ids: {"applications": [ids["application"]], "to_status": "screening"}),
]  # fmt: skip

OUTSIDERS = ("other_graduate", "other_employer")
# The answer to a persona on the other side's URL: a role, not an object, decides it.
CROSS_SIDE = {("page", "graduate"): 302, ("page", "employer"): 404, ("api", "graduate"): 403,
              ("api", "employer"): 403}  # fmt: skip
SIDE_OF = {"other_graduate": "graduate", "other_employer": "employer"}


@pytest.fixture
def ids(graduate: User, employer: User) -> Ids:
    """One of each new object, between the `graduate` and the `employer`'s company."""
    company = employer.employer_membership.employer
    profile = factories.ready_to_apply(graduate.graduate_profile)
    posting: JobPosting = factories.JobPostingFactory(employer=company)
    application: Application = factories.ApplicationFactory(graduate=profile, posting=posting)
    fresh: Application = factories.ApplicationFactory(
        graduate=profile, posting=factories.JobPostingFactory(employer=company)
    )
    thread = conversation_for_application(application=application)
    upload = SimpleUploadedFile("portfolio.pdf", pdf_bytes(), "application/pdf")
    message = message_post(conversation=thread, author=graduate, body="", attachment=upload)
    invitation = PostingInvitation.objects.create(
        posting=factories.JobPostingFactory(employer=company), graduate=profile, invited_by=employer
    )
    conversation_for_invitation(invitation=invitation)
    interview = proposed(Scene(application=application, member=employer, graduate=graduate))
    slot = interview.slots.order_by("pk").first()
    assert slot is not None
    interview_book(interview=interview, slot_id=slot.pk, by=graduate)
    question = screening_question_add(
        posting=posting, by=employer, text="Do you hold a degree?", kind="yes_no"
    )
    return {
        "thread": thread.pk,
        "message": message.pk,
        "invitation": invitation.pk,
        "application": application.pk,
        "fresh_application": fresh.pk,
        "interview": interview.pk,
        "slot": slot.pk,
        "saved_job": saved_job_add(graduate=profile, posting=posting).pk,
        "search": saved_search_create(graduate=profile, params={"q": "etch"}).pk,
        "posting": posting.pk,
        "question": question.pk,
    }


def _missing(ids: Ids) -> Ids:
    return dict.fromkeys(ids, MISSING)


Ask = Callable[[Row, str, Ids], Any]


@pytest.fixture
def ask(persona_api: Callable[[str], Any], request: pytest.FixtureRequest) -> Ask:
    """Send a row's request as a persona: pages through a signed-in Django client, the API
    through persona_api (one client, so one token, per persona for the whole test)."""
    made: dict[str, Any] = {}

    def send(row: Row, persona: str, ids: Ids) -> Any:
        path, body = row.url(ids), row.body(ids)
        if row.via == "api":
            if persona not in made:
                made[persona] = persona_api(persona)
            return getattr(made[persona], row.method.lower())(path, body, format="json")
        client = Client()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        return client.get(path) if row.method == "GET" else client.post(path, body)

    return send


def _row_id(row: Row) -> str:
    return row.kind


@pytest.mark.parametrize("persona", OUTSIDERS)
@pytest.mark.parametrize("row", ROWS, ids=_row_id)
def test_outsiders_get_404_on_the_object_and_learn_nothing(
    row: Row, persona: str, ids: Ids, ask: Ask
):
    answer = ask(row, persona, ids)
    for_missing = ask(row, persona, _missing(ids))

    expected = 404 if SIDE_OF[persona] == row.side else CROSS_SIDE[(row.via, row.side)]
    assert answer.status_code == expected
    assert for_missing.status_code == answer.status_code
    assert answer.get("Location") == for_missing.get("Location")


def _sign_in_next(response: Any) -> str:
    location = urlsplit(response["Location"])
    assert location.path == resolve_url(settings.LOGIN_URL)
    return parse_qs(location.query)["next"][0]


@pytest.mark.parametrize("row", ROWS, ids=_row_id)
def test_anonymous_gets_the_same_answer_as_for_a_missing_id(row: Row, ids: Ids, ask: Ask):
    answer = ask(row, "anonymous", ids)
    for_missing = ask(row, "anonymous", _missing(ids))

    assert answer.status_code == for_missing.status_code
    if row.via == "api":
        assert answer.status_code == 401
    else:
        assert answer.status_code == 302
        assert _sign_in_next(answer) == row.url(ids)
        assert _sign_in_next(for_missing) == row.url(_missing(ids))


@pytest.mark.parametrize("row", ROWS, ids=_row_id)
def test_the_owner_reaches_the_object(row: Row, ids: Ids, ask: Ask):
    answer = ask(row, row.side, ids)  # the `graduate` or the `employer`

    assert answer.status_code == row.owner_code, getattr(answer, "content", b"")[:300]


# --- public company pages ----------------------------------------------------------------------

COMPANY_ROWS = [
    Row("page: company", "page", "public", "GET", "/companies/{company}/", 200),
    Row("api: company", "api", "public", "GET", A + "/employers/{company}/", 200),
    Row(
        "api: company's postings", "api", "public", "GET", A + "/employers/{company}/postings/", 200
    ),
]
EVERYONE = ("anonymous", "graduate", "other_graduate", "employer", "other_employer")


@pytest.mark.parametrize("persona", (*EVERYONE, "unverified_employer"))
@pytest.mark.parametrize("row", COMPANY_ROWS, ids=_row_id)
def test_a_company_not_verified_has_no_public_page_for_anyone(
    row: Row, persona: str, unverified_employer: User, ask: Ask
):
    company = unverified_employer.employer_membership.employer
    factories.JobPostingFactory(employer=company)

    assert ask(row, persona, {"company": company.pk}).status_code == 404


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("row", COMPANY_ROWS, ids=_row_id)
def test_a_verified_company_page_is_public_and_a_missing_one_404(
    row: Row, persona: str, employer: User, ask: Ask
):
    company = employer.employer_membership.employer
    factories.JobPostingFactory(employer=company)

    assert ask(row, persona, {"company": company.pk}).status_code == row.owner_code
    assert ask(row, persona, {"company": MISSING}).status_code == 404


# --- another party's child object through one's own parent -----------------------------------


@pytest.fixture
def theirs(other_graduate: User, other_employer: User) -> Ids:
    """The outsiders' own thread (with a PDF) and posting (with a question), to name the owner's
    message or question through."""
    company = other_employer.employer_membership.employer
    posting = factories.JobPostingFactory(employer=company)
    profile = factories.ready_to_apply(other_graduate.graduate_profile)
    thread = conversation_for_application(
        application=factories.ApplicationFactory(graduate=profile, posting=posting)
    )
    upload = SimpleUploadedFile("theirs.pdf", pdf_bytes(), "application/pdf")
    message = message_post(conversation=thread, author=other_graduate, body="", attachment=upload)
    question = screening_question_add(
        posting=posting, by=other_employer, text="Can you relocate?", kind="yes_no"
    )
    return {
        "thread": thread.pk,
        "posting": posting.pk,
        "message": message.pk,
        "question": question.pk,
    }


NESTED = [
    Row("page: graduate attachment", "page", "graduate", "GET",
        "/graduate/messages/{their_thread}/attachments/{child}/", 200),
    Row("page: employer attachment", "page", "employer", "GET",
        "/employer/messages/{their_thread}/attachments/{child}/", 200),
    Row("page: screening question removed", "page", "employer", "POST",
        "/employer/postings/{their_posting}/screening/{child}/remove/", 302),
    Row("api: screening question removed", "api", "employer", "DELETE",
        A + "/employer/postings/{their_posting}/screening-questions/{child}/", 204),
]  # fmt: skip


@pytest.mark.parametrize("row", NESTED, ids=_row_id)
def test_the_owners_child_object_through_an_outsiders_own_parent_is_404(
    row: Row, ids: Ids, theirs: Ids, ask: Ask
):
    outsider = "other_graduate" if row.side == "graduate" else "other_employer"
    child = "message" if "attachment" in row.kind else "question"
    base = {"their_thread": theirs["thread"], "their_posting": theirs["posting"]}

    answer = ask(row, outsider, {**base, "child": ids[child]})
    their_own = ask(row, outsider, {**base, "child": theirs[child]})

    assert answer.status_code == 404
    assert their_own.status_code == row.owner_code


def _bulk_body(chosen: Ids) -> dict[str, Any]:
    return {"applications": [chosen["app"]], "to_status": "screening"}


@pytest.mark.parametrize("via", ["page", "api"])
def test_a_bulk_move_through_ones_own_posting_leaves_the_owners_application_alone(
    via: str, ids: Ids, theirs: Ids, ask: Ask
):
    """The owner's application id is refused as a missing id is: nothing moves, nothing shows."""
    path = (A if via == "api" else "") + "/employer/postings/{posting}/applications/move/"
    row = Row("bulk move", via, "employer", "POST", path, 200, _bulk_body)

    answer = ask(row, "other_employer", {"posting": theirs["posting"], "app": ids["application"]})
    for_missing = ask(row, "other_employer", {"posting": theirs["posting"], "app": MISSING})

    assert Application.objects.get(pk=ids["application"]).status == "applied"
    assert answer.status_code == for_missing.status_code == 400
    if via == "api":  # pages differ anyway by their per-response tokens
        mine = str(ids["application"])
        assert answer.content.replace(mine.encode(), b"#") == (
            for_missing.content.replace(str(MISSING).encode(), b"#")
        )
