"""Rankings a Korean recruiter would agree with, on hand-made graduates and postings, through the
database and a full matching run (the same path the pages read)."""

import pytest

from matching.selectors import candidates_for_posting, explanations_for
from matching.services import match_run_request
from skills.models import RelationKind, SkillRelation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranked(django_capture_on_commit_callbacks):
    def rank(posting):
        with django_capture_on_commit_callbacks(execute=True):
            match_run_request()
        return [c.graduate for c in candidates_for_posting(posting=posting)]

    return rank


def test_required_skills_through_related_ones_outrank_only_the_nice_to_haves(ranked) -> None:
    """A battery-cell role asks for two skills and would like two more. The engineer covers the
    two required ones partly, through related skills; the technician holds only the two
    nice-to-haves, fully. The engineer is the one a recruiter interviews first."""
    cell, formation, excel, forklift = factories.SkillFactory.create_batch(4)
    posting = factories.JobPostingFactory(title="Battery cell process engineer")
    factories.PostingSkillFactory(posting=posting, skill=cell, min_level=3)
    factories.PostingSkillFactory(posting=posting, skill=formation, min_level=3)
    factories.PostingSkillFactory(posting=posting, skill=excel, min_level=2, requirement="nice")
    factories.PostingSkillFactory(posting=posting, skill=forklift, min_level=2, requirement="nice")
    electrochemistry, chemical_process = factories.SkillFactory.create_batch(2)
    for source, target in ((electrochemistry, cell), (chemical_process, formation)):
        SkillRelation.objects.create(
            skill=source, related_skill=target, kind=RelationKind.RELATED, credit=0.6
        )
    engineer = factories.GraduateProfileFactory()
    factories.GraduateSkillFactory(profile=engineer, skill=electrochemistry, level=3)
    factories.GraduateSkillFactory(profile=engineer, skill=chemical_process, level=3)
    technician = factories.GraduateProfileFactory()
    factories.GraduateSkillFactory(profile=technician, skill=excel, level=2)
    factories.GraduateSkillFactory(profile=technician, skill=forklift, level=2)

    assert ranked(posting) == [engineer, technician]


@pytest.mark.parametrize("status", ["F-2", "F-4", "F-5", "F-6"])
def test_a_resident_free_to_work_matches_a_posting_that_sponsors_no_visa(ranked, status) -> None:
    """F-2, F-4, F-5 and F-6 holders may take any job: whether a posting sponsors a visa does
    not matter to them, while a graduate with no Korean visa yet needs it."""
    skill = factories.SkillFactory()
    posting = factories.JobPostingFactory(visa_sponsorship=False)
    factories.PostingSkillFactory(posting=posting, skill=skill, min_level=3)
    resident = factories.GraduateProfileFactory(current_visa=status)
    abroad = factories.GraduateProfileFactory(current_visa="")
    for profile in (resident, abroad):
        factories.GraduateSkillFactory(profile=profile, skill=skill, level=3)

    assert not resident.needs_visa_sponsorship and abroad.needs_visa_sponsorship
    assert ranked(posting) == [resident]


def test_a_level_above_the_minimum_ranks_higher(ranked) -> None:
    """TensorFlow 5 beats TensorFlow 3 where 3 is asked: the level held earns a bounded bonus."""
    tensorflow = factories.SkillFactory()
    posting = factories.JobPostingFactory(title="Machine-learning engineer")
    factories.PostingSkillFactory(posting=posting, skill=tensorflow, min_level=3)
    at_three, at_five = factories.GraduateProfileFactory.create_batch(2)
    factories.GraduateSkillFactory(profile=at_three, skill=tensorflow, level=3)
    factories.GraduateSkillFactory(profile=at_five, skill=tensorflow, level=5)

    assert ranked(posting) == [at_five, at_three]


def test_a_candidate_who_states_no_wishes_scores_as_one_whose_wishes_are_met(
    django_capture_on_commit_callbacks,
) -> None:
    """Leaving a preference open is never worse than stating one the posting meets; stating
    one it does not meet is."""
    skill = factories.SkillFactory()
    posting = factories.JobPostingFactory(region="gyeonggi", job_type="full_time")
    posting.employer.industry = "semiconductors"
    posting.employer.save()
    factories.PostingSkillFactory(posting=posting, skill=skill, min_level=3)
    wishes = {"preferred_industries": ["semiconductors"], "preferred_job_types": ["full_time"]}
    met = factories.GraduateProfileFactory(preferred_regions=["gyeonggi"], **wishes)
    open_minded = factories.GraduateProfileFactory(
        preferred_industries=[], preferred_regions=[], preferred_job_types=[]
    )
    unmet = factories.GraduateProfileFactory(
        preferred_regions=["busan"], willing_to_relocate=False, **wishes
    )
    for profile in (met, open_minded, unmet):
        factories.GraduateSkillFactory(profile=profile, skill=skill, level=3)
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()

    scores = {c.graduate: c.match.score for c in candidates_for_posting(posting=posting)}
    assert scores[open_minded] == scores[met] > scores[unmet]


def test_a_toeic_score_stands_for_the_english_skill_a_posting_asks(
    django_capture_on_commit_callbacks,
) -> None:
    """A graduate who entered TOEIC 850 (CEFR B2) but no English skill is not told "English
    (professional) missing": the test shows level 4, above the 3 asked."""
    english = factories.SkillFactory(slug="english-professional", name="English (professional)")
    posting = factories.JobPostingFactory()
    factories.PostingSkillFactory(posting=posting, skill=english, min_level=3)
    tested = factories.GraduateProfileFactory(english_test="toeic", english_score=850)
    untested = factories.GraduateProfileFactory()
    factories.GraduateSkillFactory(profile=untested, skill=english, level=2)

    explained = explanations_for(graduate_ids=[tested.pk], posting_ids=[posting.pk])
    (term,) = explained.pair(tested.pk, posting.pk).skills
    assert (term.status, term.own_level) == ("matched", 4)
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    assert [c.graduate for c in candidates_for_posting(posting=posting)] == [tested, untested]


def test_topik_stands_for_the_korean_skills_so_a_higher_level_ranks_higher(ranked) -> None:
    """TOPIK 5 beats TOPIK 2 for a posting that asks workplace Korean."""
    korean = factories.SkillFactory(slug="korean-workplace", name="Korean (workplace)")
    posting = factories.JobPostingFactory()
    factories.PostingSkillFactory(posting=posting, skill=korean, min_level=1)
    topik_two = factories.GraduateProfileFactory(topik_level=2)
    topik_five = factories.GraduateProfileFactory(topik_level=5)

    assert ranked(posting) == [topik_five, topik_two]
