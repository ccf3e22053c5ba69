"""A graduate's relation to a posting (saved it, applied), read with the posting for the job
page, or on its own for anyone else's reading of it."""

import pytest
from django.urls import reverse

from jobs.models import SavedJob
from jobs.selectors import posting_detail_public, posting_reader_relation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("saved", "applied"), [(False, False), (True, False), (True, True)])
def test_the_relation_read_with_the_posting_costs_no_query_unless_applied(
    django_assert_num_queries, saved, applied
):
    graduate = factories.GraduateProfileFactory()
    posting = factories.JobPostingFactory()
    other = factories.GraduateProfileFactory()
    SavedJob.objects.create(graduate=other, posting=posting)
    factories.ApplicationFactory(graduate=other, posting=posting)
    application = (
        factories.ApplicationFactory(graduate=graduate, posting=posting) if applied else None
    )
    if saved:
        SavedJob.objects.create(graduate=graduate, posting=posting)
    read = posting_detail_public(pk=posting.pk, requirements=False, reader=graduate)
    with django_assert_num_queries(1 if applied else 0):
        relation = posting_reader_relation(graduate=graduate, posting=read)
    assert relation.saved is saved
    assert relation.application == application


def test_a_posting_read_for_someone_else_is_asked_about_this_graduate():
    graduate, other = factories.GraduateProfileFactory(), factories.GraduateProfileFactory()
    posting = factories.JobPostingFactory()
    SavedJob.objects.create(graduate=other, posting=posting)
    factories.ApplicationFactory(graduate=other, posting=posting)
    for read in (
        posting_detail_public(pk=posting.pk, requirements=False, reader=other),
        posting_detail_public(pk=posting.pk, requirements=False),
    ):
        relation = posting_reader_relation(graduate=graduate, posting=read)
        assert (relation.saved, relation.application) == (False, None)


def test_the_job_page_shows_the_graduate_s_own_saving_and_application(graduate, graduate_client):
    posting = factories.JobPostingFactory()
    url = reverse("jobs:detail", args=[posting.pk])
    response = graduate_client.get(url)
    assert (response.context["saved_ids"], response.context["application"]) == (set(), None)
    SavedJob.objects.create(graduate=graduate.graduate_profile, posting=posting)
    application = factories.ApplicationFactory(graduate=graduate.graduate_profile, posting=posting)
    response = graduate_client.get(url)
    assert response.context["saved_ids"] == {posting.pk}
    assert response.context["application"] == application
