"""Applying, withdrawing and moving applications through the pipeline (jobs.services)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jobs.models import PIPELINE_TRANSITIONS, ApplicationStatus, PostingStatus
from jobs.services import (
    ApplicationRefused,
    ProfileNotReadyRefused,
    application_move,
    application_submit,
    application_withdraw,
)
from jobs.services.bulk import applications_move_bulk
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def posting(employer):
    return factories.JobPostingFactory(employer=employer.employer_membership.employer)


def test_submit_records_the_first_history_row(graduate, posting):
    application = application_submit(
        graduate=factories.ready_to_apply(graduate.graduate_profile),
        posting=posting,
        cover_letter="  Hello  ",
    )
    assert application.status == ApplicationStatus.APPLIED
    assert application.cover_letter == "Hello"
    (row,) = application.history.all()
    assert (row.from_status, row.to_status, row.changed_by) == ("", "applied", graduate)


def test_apply_twice_keeps_one_application(graduate, posting):
    application_submit(
        graduate=factories.ready_to_apply(graduate.graduate_profile),
        posting=posting,
        cover_letter="",
    )
    with pytest.raises(ApplicationRefused, match="already applied"):
        application_submit(
            graduate=factories.ready_to_apply(graduate.graduate_profile),
            posting=posting,
            cover_letter="",
        )
    assert posting.applications.count() == 1


@pytest.mark.parametrize("status", [PostingStatus.DRAFT, PostingStatus.CLOSED])
def test_submit_to_a_posting_that_is_not_open_is_refused(graduate, posting, status):
    posting.status = status
    posting.save()
    with pytest.raises(ApplicationRefused, match="not open"):
        application_submit(
            graduate=factories.ready_to_apply(graduate.graduate_profile),
            posting=posting,
            cover_letter="",
        )


def test_submit_to_an_unverified_employers_posting_is_refused(graduate, unverified_employer):
    posting = factories.JobPostingFactory(employer=unverified_employer.employer_membership.employer)
    with pytest.raises(ApplicationRefused):
        application_submit(
            graduate=factories.ready_to_apply(graduate.graduate_profile),
            posting=posting,
            cover_letter="",
        )


def test_a_long_cover_letter_gets_a_field_error(graduate, posting):
    with pytest.raises(ValidationError) as error:
        application_submit(
            graduate=factories.ready_to_apply(graduate.graduate_profile),
            posting=posting,
            cover_letter="x" * 5001,
        )
    assert "cover_letter" in error.value.message_dict
    assert not posting.applications.exists()


def test_employer_moves_along_the_pipeline_with_note_and_message(employer, posting):
    application = factories.ApplicationFactory(posting=posting)
    for status in ["screening", "interview", "offer", "hired"]:
        application_move(
            application=application, to_status=status, by=employer, note="n", message="m"
        )
    application.refresh_from_db()
    assert application.status == "hired"
    moves = [(r.from_status, r.to_status) for r in application.history.all()]
    assert moves == [
        ("applied", "screening"),
        ("screening", "interview"),
        ("interview", "offer"),
        ("offer", "hired"),
    ]
    assert all(r.changed_by == employer and r.message == "m" for r in application.history.all())


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (start, target)
        for start in ApplicationStatus.values
        for target in ApplicationStatus.values
        if target not in PIPELINE_TRANSITIONS[start] and target != "withdrawn"
    ],
)
def test_moves_outside_the_pipeline_are_refused(employer, posting, start, target):
    application = factories.ApplicationFactory(posting=posting, status=start)
    with pytest.raises(ApplicationRefused):
        application_move(
            application=application, to_status=target, by=employer, rejection_reason="r"
        )
    application.refresh_from_db()
    assert application.status == start
    assert not application.history.exists()


def test_rejection_needs_a_reason(employer, posting):
    application = factories.ApplicationFactory(posting=posting)
    with pytest.raises(ValidationError) as error:
        application_move(application=application, to_status="rejected", by=employer)
    assert "rejection_reason" in error.value.message_dict
    application_move(
        application=application, to_status="rejected", by=employer, rejection_reason="Filled"
    )
    application.refresh_from_db()
    assert (application.status, application.rejection_reason) == ("rejected", "Filled")


def test_another_companys_member_cannot_move_the_application(other_employer, posting):
    application = factories.ApplicationFactory(posting=posting)
    with pytest.raises(PermissionDenied):
        application_move(application=application, to_status="screening", by=other_employer)
    application.refresh_from_db()
    assert application.status == "applied"


def test_a_graduate_cannot_move_an_application(graduate, posting):
    application = factories.ApplicationFactory(posting=posting, graduate=graduate.graduate_profile)
    with pytest.raises(PermissionDenied):
        application_move(application=application, to_status="screening", by=graduate)


def test_employer_cannot_withdraw_for_the_graduate(employer, posting):
    application = factories.ApplicationFactory(posting=posting)
    with pytest.raises(ApplicationRefused):
        application_move(application=application, to_status="withdrawn", by=employer)


def test_graduate_withdraws_their_own_live_application_once(graduate, other_graduate, posting):
    application = factories.ApplicationFactory(posting=posting, graduate=graduate.graduate_profile)
    with pytest.raises(PermissionDenied):
        application_withdraw(application=application, by=other_graduate)
    application_withdraw(application=application, by=graduate)
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert not application.can_withdraw
    with pytest.raises(ApplicationRefused):
        application_withdraw(application=application, by=graduate)


def test_a_profile_without_degree_skill_or_cv_cannot_apply(graduate, posting):
    with pytest.raises(ProfileNotReadyRefused) as refused:
        application_submit(graduate=graduate.graduate_profile, posting=posting, cover_letter="")
    assert [item.step for item in refused.value.missing] == ["education", "skills", "cv"]
    assert not posting.applications.exists()


def test_a_profile_without_name_or_nationality_cannot_apply(posting):
    profile = factories.ApplicantFactory(nationality="", user__full_name="")
    with pytest.raises(ProfileNotReadyRefused) as refused:
        application_submit(graduate=profile, posting=posting, cover_letter="")
    assert [item.step for item in refused.value.missing] == ["basics"]


def test_applying_without_a_cv_needs_the_graduates_confirmation(graduate, posting):
    profile = graduate.graduate_profile
    factories.EducationRecordFactory(profile=profile)
    factories.GraduateSkillFactory(profile=profile)
    with pytest.raises(ProfileNotReadyRefused, match="a CV"):
        application_submit(graduate=profile, posting=posting, cover_letter="")
    application = application_submit(
        graduate=profile, posting=posting, cover_letter="", without_cv=True
    )
    assert application.status == ApplicationStatus.APPLIED


# --- moving several at once ---------------------------------------------------------------------


def test_a_bulk_move_moves_each_records_history_and_notifies_each_once(
    employer, posting, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    applications = [factories.ApplicationFactory(posting=posting) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        result = applications_move_bulk(
            applications=applications, to_status="rejected", by=employer,
            rejection_reason="We hired internally.", message="Thank you",
        )  # fmt: skip
    assert (len(result.moved), result.refused) == (3, [])
    assert result.summary() == "3 moved."
    for application in applications:
        application.refresh_from_db()
        assert application.rejection_reason == "We hired internally."
        assert [h.to_status for h in application.history.all()] == ["rejected"]
        user = application.graduate.user
        assert Notification.objects.filter(user=user, kind="application_moved").count() == 1


def test_a_bulk_move_reports_what_could_not_move_and_moves_the_rest(employer, posting):
    movable = factories.ApplicationFactory(posting=posting)
    hired = factories.ApplicationFactory(posting=posting, status="hired")
    result = applications_move_bulk(
        applications=[movable, hired], to_status="interview", by=employer
    )
    assert result.moved == [movable]
    name = hired.graduate.user.get_full_name()
    assert result.summary() == (
        f"1 moved, 1 could not be moved: {name}: An application that is hired cannot be moved "
        "to interview."
    )
    hired.refresh_from_db()
    assert hired.status == "hired" and not hired.history.exists()


def test_a_bulk_rejection_without_a_reason_moves_nothing(employer, posting):
    application = factories.ApplicationFactory(posting=posting)
    with pytest.raises(ValidationError) as error:
        applications_move_bulk(applications=[application], to_status="rejected", by=employer)
    assert "rejection_reason" in error.value.message_dict
    application.refresh_from_db()
    assert application.status == "applied"


def test_another_company_cannot_bulk_move(other_employer, posting):
    application = factories.ApplicationFactory(posting=posting)
    with pytest.raises(PermissionDenied):
        applications_move_bulk(applications=[application], to_status="screening", by=other_employer)
