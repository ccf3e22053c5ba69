"""Ranked candidates with explanations, who may see a graduate's profile and CV (each view
logged), and inviting a candidate to apply."""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from employers.models import CandidateAccess
from jobs.models import JobPosting, PostingInvitation
from jobs.selectors import candidate_visible_to_employer
from jobs.services import (
    PostingRefused,
    application_submit,
    posting_close,
    posting_invite_candidate,
    posting_reopen,
)
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_candidates_are_ranked_with_explanations_and_gaps(
    employer_client, posting, fitting_graduates, run_matching
):
    best, partial = fitting_graduates
    run_matching()

    page = employer_client.get(reverse("employer:candidate_list", args=[posting.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    best_name, partial_name = best.user.get_full_name(), partial.user.get_full_name()
    assert best_name in html and partial_name in html
    assert html.index(best_name) < html.index(partial_name)
    required = posting.skills.get(requirement="required").skill.name
    assert "missing, level" in html and required in html  # the partial candidate's gap is named
    assert "Closing them would raise the score" in html
    rows = page.context["rows"]
    assert [c.graduate for c, _ in rows] == [best, partial]
    assert all("Fit to your posting" in row for _, row in rows)


def test_the_empty_list_says_why_without_blaming_filters_that_are_not_set(
    employer_client, posting, run_matching
):
    posting.visa_sponsorship = False
    posting.save()
    run_matching()
    url = reverse("employer:candidate_list", args=[posting.pk])

    unfiltered = employer_client.get(url).content.decode()
    assert "Loosen the filters" not in unfiltered
    assert "does not sponsor a visa" in unfiltered
    filtered = employer_client.get(url, {"nationality": "ID"}).content.decode()
    assert "Loosen the filters" in filtered


def test_filters_narrow_the_ranked_list(employer_client, posting, fitting_graduates, run_matching):
    best, partial = fitting_graduates  # VN and ID
    run_matching()
    url = reverse("employer:candidate_list", args=[posting.pk])

    by_country = employer_client.get(url, {"nationality": "ID"}).context["rows"]
    assert [c.graduate for c, _ in by_country] == [partial]
    top = employer_client.get(url, {"min_score": "90"}).context["rows"]
    assert partial not in [c.graduate for c, _ in top]
    by_fit = employer_client.get(url, {"order_by": "fit"}).context["rows"]
    assert by_fit[0][0].graduate == best


def test_graduates_who_do_not_allow_discovery_are_not_ranked(
    employer_client, posting, fitting_graduates, run_matching
):
    best, partial = fitting_graduates
    partial.visibility = "applied_only"
    partial.save()
    run_matching()
    rows = employer_client.get(reverse("employer:candidate_list", args=[posting.pk])).context[
        "rows"
    ]
    assert [c.graduate for c, _ in rows] == [best]


def test_the_candidate_list_uses_a_constant_number_of_queries(
    employer_client, posting, fitting_graduates, run_matching, django_assert_num_queries
):
    run_matching()
    url = reverse("employer:candidate_list", args=[posting.pk])
    # Measured with nothing kept (the nav's unread figure, the candidates' matching facts):
    # every read happens, and their number must not grow with the candidates.
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        employer_client.get(url)
    for _ in range(4):
        profile = factories.GraduateProfileFactory()
        factories.GraduateSkillFactory(profile=profile, skill=posting.skills.first().skill)
    run_matching()
    cache.clear()
    with django_assert_num_queries(len(few)):
        page = employer_client.get(url)
    assert len(page.context["rows"]) == 6


def test_an_unverified_company_sees_no_candidates_personal_data(
    unverified_employer, fitting_graduates, run_matching
):
    company = unverified_employer.employer_membership.employer
    posting = factories.JobPostingFactory(employer=company)
    page = _as(unverified_employer).get(reverse("employer:candidate_list", args=[posting.pk]))
    for profile in fitting_graduates:
        assert profile.user.get_full_name() not in page.content.decode()
    assert "Pending verification" in page.content.decode()
    url = reverse("employer:candidate_detail", args=[posting.pk, fitting_graduates[0].pk])
    assert _as(unverified_employer).get(url).status_code == 404


# --- who may see a graduate ------------------------------------------------------------------


@pytest.mark.parametrize(
    "visibility,applied,visible",
    [
        ("discoverable", False, True),
        ("applied_only", False, False),
        ("applied_only", True, True),
        ("hidden", False, False),
        ("hidden", True, True),
    ],
)
def test_visibility_rule(graduate, posting, visibility, applied, visible):
    profile = graduate.graduate_profile
    profile.visibility = visibility
    profile.save()
    if applied:
        application_submit(
            graduate=factories.ready_to_apply(profile), posting=posting, cover_letter=""
        )
    assert candidate_visible_to_employer(profile=profile, employer=posting.employer) is visible


def test_applying_to_another_company_does_not_open_the_profile(graduate, posting, other_employer):
    profile = graduate.graduate_profile
    profile.visibility = "applied_only"
    profile.save()
    application_submit(graduate=factories.ready_to_apply(profile), posting=posting, cover_letter="")
    other = other_employer.employer_membership.employer
    assert not candidate_visible_to_employer(profile=profile, employer=other)


def test_viewing_a_profile_is_logged(employer, employer_client, posting, graduate):
    url = reverse("employer:candidate_detail", args=[posting.pk, graduate.graduate_profile.pk])
    page = employer_client.get(url)
    assert page.status_code == 200 and graduate.full_name in page.content.decode()
    assert graduate.email not in page.content.decode()  # shared in a conversation, if at all
    employer_client.get(url)
    logged = CandidateAccess.objects.filter(graduate=graduate.graduate_profile, kind="profile")
    assert logged.count() == 2
    assert {(a.viewer, a.posting) for a in logged} == {(employer, posting)}


def test_the_invitation_box_says_where_the_candidate_stands(
    employer, employer_client, posting, graduate
):
    profile = graduate.graduate_profile
    url = reverse("employer:candidate_detail", args=[posting.pk, profile.pk])
    invite = reverse("employer:candidate_invite", args=[posting.pk, profile.pk])

    assert f'action="{invite}"' in employer_client.get(url).content.decode()

    invitation = posting_invite_candidate(posting=posting, graduate=profile, by=employer)
    page = employer_client.get(url).content.decode()
    assert f'action="{invite}"' not in page
    written = reverse("employer:invitation_conversation", args=[invitation.pk])
    assert "Invited on" in page and f'action="{written}"' in page

    application = application_submit(
        graduate=factories.ready_to_apply(profile), posting=posting, cover_letter=""
    )
    page = employer_client.get(url).content.decode()
    assert "This graduate has applied." in page and "Invited on" not in page
    assert reverse("employer:application_detail", args=[application.pk]) in page

    posting_close(posting=posting)
    other = factories.GraduateProfileFactory(visibility="discoverable")
    page = employer_client.get(
        reverse("employer:candidate_detail", args=[posting.pk, other.pk])
    ).content.decode()
    assert "Publish the posting to invite candidates." in page


def test_a_candidates_explanation_is_kept_until_the_candidate_changes(
    employer_client, posting, fitting_graduates, run_matching, monkeypatch,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    from portal.employer import candidates as views
    from profiles.services import graduate_skills_set

    best, _partial = fitting_graduates
    run_matching()
    explained: list[int] = []
    explain = views.explanations_for

    def counting(*, graduate_ids, posting_ids, **kwargs):  # type: ignore[no-untyped-def]
        explained.append(len(graduate_ids))
        return explain(graduate_ids=graduate_ids, posting_ids=posting_ids, **kwargs)

    monkeypatch.setattr(views, "explanations_for", counting)
    url = reverse("employer:candidate_detail", args=[posting.pk, best.pk])
    first = employer_client.get(url).content.decode()
    assert "Why this score" in first and "4/5" in first
    employer_client.get(url)
    assert explained == [1]  # the second visit explained nothing again

    skill = posting.skills.get(requirement="required").skill
    with django_capture_on_commit_callbacks(execute=True):
        graduate_skills_set(profile=best, levels={skill.pk: 2})
    changed = employer_client.get(url).content.decode()
    assert explained == [1, 1]
    assert changed != first and "2/5" in changed


def test_a_hidden_profile_gives_404_and_is_not_logged(employer_client, posting, graduate):
    profile = graduate.graduate_profile
    profile.visibility = "hidden"
    profile.save()
    url = reverse("employer:candidate_detail", args=[posting.pk, profile.pk])
    assert employer_client.get(url).status_code == 404
    assert not CandidateAccess.objects.exists()


@pytest.fixture
def cv(graduate, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    profile = graduate.graduate_profile
    profile.cv.save("cv.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    profile.cv_original_name = "Nguyen CV.pdf"
    profile.save()
    return profile


def test_every_cv_download_is_logged(employer, employer_client, cv, posting):
    url = reverse("employer:candidate_cv", args=[cv.pk]) + f"?posting={posting.pk}"
    for _ in range(2):
        response = employer_client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment")
    logs = CandidateAccess.objects.filter(graduate=cv, kind="cv")
    assert logs.count() == 2 and {(a.viewer, a.posting) for a in logs} == {(employer, posting)}


@pytest.mark.parametrize("persona", ["unverified_employer", "graduate", "other_graduate"])
def test_others_cannot_download_the_cv(request, cv, persona):
    user = request.getfixturevalue(persona)
    response = _as(user).get(reverse("employer:candidate_cv", args=[cv.pk]))
    assert response.status_code == 404
    assert not CandidateAccess.objects.exists()


def test_a_cv_not_open_to_discovery_gives_404(employer_client, cv):
    cv.visibility = "applied_only"
    cv.save()
    assert employer_client.get(reverse("employer:candidate_cv", args=[cv.pk])).status_code == 404


def test_anonymous_visitors_sign_in_before_any_cv(cv):
    assert Client().get(reverse("employer:candidate_cv", args=[cv.pk])).status_code == 302


# --- inviting a candidate --------------------------------------------------------------------


def test_inviting_a_candidate_notifies_them_by_app_and_e_mail(
    employer_client, posting, graduate, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("employer:candidate_invite", args=[posting.pk, graduate.graduate_profile.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = employer_client.post(url, {"message": "Your etch work <b>fits</b>."})
    assert response.status_code == 302
    invitation = PostingInvitation.objects.get()
    assert (invitation.posting, invitation.graduate) == (posting, graduate.graduate_profile)
    note = Notification.objects.get(user=graduate)
    assert note.kind == "invited_to_apply" and note.params["message"].startswith("Your etch")
    (mail,) = mailoutbox
    assert mail.to == [graduate.email] and posting.title in mail.subject
    assert "&lt;b&gt;fits" in mail.alternatives[0][0]


def test_a_candidate_is_invited_once(employer, posting, graduate):
    profile = graduate.graduate_profile
    posting_invite_candidate(posting=posting, graduate=profile, by=employer)
    with pytest.raises(PostingRefused, match="already been invited"):
        posting_invite_candidate(posting=posting, graduate=profile, by=employer)


def test_another_company_cannot_invite_to_this_posting(other_employer, posting, graduate):
    with pytest.raises(PermissionDenied):
        posting_invite_candidate(
            posting=posting, graduate=graduate.graduate_profile, by=other_employer
        )
    client = _as(other_employer)
    url = reverse("employer:candidate_invite", args=[posting.pk, graduate.graduate_profile.pk])
    assert client.post(url).status_code == 404
    assert not PostingInvitation.objects.exists()


def test_the_invitation_form_shows_only_while_the_posting_is_public(
    employer_client, posting, graduate
):
    """Whether the posting is public comes with it (one query): the form is there while it is
    open, and gone once it is closed or its deadline has passed."""
    url = reverse("employer:candidate_detail", args=[posting.pk, graduate.graduate_profile.pk])
    with CaptureQueriesContext(connection) as queries:
        assert "Send invitation" in employer_client.get(url).content.decode()
    asked_again = [
        q
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT 1 AS "a" FROM "jobs_jobposting"')
    ]
    assert asked_again == []  # whether it is public came with the posting
    posting_close(posting=posting)
    assert "Send invitation" not in employer_client.get(url).content.decode()
    posting_reopen(posting=posting)
    assert "Send invitation" in employer_client.get(url).content.decode()
    JobPosting.objects.filter(pk=posting.pk).update(deadline=datetime.date(2020, 1, 1))
    assert "Send invitation" not in employer_client.get(url).content.decode()


def test_a_draft_posting_cannot_invite(employer, posting, graduate):
    posting.status, posting.published_at = "draft", None
    posting.save()
    with pytest.raises(PostingRefused):
        posting_invite_candidate(posting=posting, graduate=graduate.graduate_profile, by=employer)


def test_the_ranked_list_comes_in_pages_that_keep_the_filters(
    employer_client, posting, run_matching
):
    """25 ranked candidates: 20 on the first page, the rest on the second, numbered on from
    21, each page's links keeping the filters chosen."""
    skill = posting.skills.get(requirement="required").skill
    for _ in range(25):
        profile = factories.GraduateProfileFactory(topik_level=3)
        factories.GraduateSkillFactory(profile=profile, skill=skill, level=4)
    run_matching()
    url = reverse("employer:candidate_list", args=[posting.pk])
    first = employer_client.get(url, {"min_topik": "2"})
    assert len(first.context["rows"]) == 20
    assert "min_topik=2&amp;page=2" in first.content.decode()
    second = employer_client.get(url, {"min_topik": "2", "page": "2"})
    ranks = [candidate.match.rank for candidate, _ in second.context["rows"]]
    assert ranks == list(range(21, 26))
    assert '<ol class="candidate-list" start="21">' in second.content.decode()
    assert "min_topik=2&amp;page=1" in second.content.decode()
    shown = {c.graduate.pk for c, _ in first.context["rows"] + second.context["rows"]}
    assert len(shown) == 25
