import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from jobs.models import ApplicationStatusChange, JobPosting
from tests.factories import ApplicationFactory, JobPostingFactory

pytestmark = pytest.mark.django_db


def test_salary_range_with_min_above_max_is_refused_by_the_database():
    posting = JobPostingFactory()
    JobPosting.objects.filter(pk=posting.pk).update(salary_min_krw=40_000_000)
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPosting.objects.filter(pk=posting.pk).update(salary_min_krw=60_000_000)


def test_salary_range_with_min_above_max_gets_a_field_message():
    posting = JobPostingFactory.build(salary_min_krw=50_000_000, salary_max_krw=40_000_000)
    with pytest.raises(ValidationError) as excinfo:
        posting.clean()
    assert "salary_max_krw" in excinfo.value.message_dict


def test_equal_salary_bounds_are_allowed():
    posting = JobPostingFactory(salary_min_krw=42_000_000, salary_max_krw=42_000_000)
    assert posting.pk is not None


def test_open_posting_needs_a_publication_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPostingFactory(status="open", published_at=None)


def test_apply_twice_keeps_one_application():
    application = ApplicationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(graduate=application.graduate, posting=application.posting)
    assert application.posting.applications.count() == 1


def test_same_graduate_may_apply_to_two_postings():
    first = ApplicationFactory()
    second = ApplicationFactory(graduate=first.graduate)
    assert first.graduate.applications.count() == 2
    assert second.posting != first.posting


def test_status_history_is_append_only():
    application = ApplicationFactory()
    change = ApplicationStatusChange.objects.create(
        application=application, from_status="applied", to_status="screening"
    )
    change.note = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        change.save()
    change.refresh_from_db()
    assert change.note == ""


def test_status_history_row_must_change_the_status():
    application = ApplicationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationStatusChange.objects.create(
            application=application, from_status="applied", to_status="applied"
        )
