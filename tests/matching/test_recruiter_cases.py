"""Rankings a Korean recruiter would agree with, on hand-made graduates and postings, through the
database and a full matching run (the same path the pages read)."""

import pytest
from django.utils import timezone

from matching.selectors import candidates_for_posting, explanations_for
from matching.services import match_run_request
from profiles.models import WorkExperience
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


def test_a_deal_breaker_below_its_level_excludes_however_strong_the_rest(ranked) -> None:
    """Cleanroom certification is a deal breaker at level 3: the graduate who holds every other
    skill at 5 but the certification at 2 is not ranked; one who just meets it is."""
    cleanroom, etch, cmp_ = factories.SkillFactory.create_batch(3)
    posting = factories.JobPostingFactory(title="Fab operator")
    factories.PostingSkillFactory(
        posting=posting, skill=cleanroom, min_level=3, requirement="breaker"
    )
    factories.PostingSkillFactory(posting=posting, skill=etch, min_level=3)
    factories.PostingSkillFactory(posting=posting, skill=cmp_, min_level=3)
    strong, enough = factories.GraduateProfileFactory.create_batch(2)
    for skill, level in ((cleanroom, 2), (etch, 5), (cmp_, 5)):
        factories.GraduateSkillFactory(profile=strong, skill=skill, level=level)
    factories.GraduateSkillFactory(profile=enough, skill=cleanroom, level=3)

    assert ranked(posting) == [enough]
    why = explanations_for(graduate_ids=[strong.pk], posting_ids=[posting.pk]).pair(
        strong.pk, posting.pk
    )
    assert why.excluded and any("deal-breaker" in r for r in why.excluded_reasons)


def _role(profile, code: str, years: int) -> None:
    today = timezone.localdate()
    WorkExperience.objects.create(
        profile=profile, title="Engineer", isco_code=code, employer_name="Fab", country="VN",
        start_date=today.replace(year=today.year - years), end_date=today,
    )  # fmt: skip


def test_relevant_years_of_experience_rank_above_unrelated_ones(ranked) -> None:
    """A posting for an electronics engineer (ISCO 2152) asking 2 years: 3 years as an
    electronics engineer beat 3 years as a software developer (2512), which beat none; skills
    are the same."""
    skill = factories.SkillFactory()
    posting = factories.JobPostingFactory(isco_code="2152", min_experience_years=2)
    factories.PostingSkillFactory(posting=posting, skill=skill, min_level=3)
    same, other, none = factories.GraduateProfileFactory.create_batch(3)
    for profile in (same, other, none):
        factories.GraduateSkillFactory(profile=profile, skill=skill, level=3)
    _role(same, "2152", 3)
    _role(other, "2512", 3)

    assert ranked(posting) == [same, other, none]


def test_english_asked_by_the_posting_is_a_graded_asset(ranked) -> None:
    """A posting asking working English (B2): IELTS 7.0 (C1) beats IELTS 5.0 (B1), which beats
    no test; all three hold the same skills and none is excluded for English."""
    skill = factories.SkillFactory()
    posting = factories.JobPostingFactory(english_requirement="working")
    factories.PostingSkillFactory(posting=posting, skill=skill, min_level=3)
    fluent = factories.GraduateProfileFactory(english_test="ielts", english_score=7.0)
    weak = factories.GraduateProfileFactory(english_test="ielts", english_score=5.0)
    untested = factories.GraduateProfileFactory()
    for profile in (fluent, weak, untested):
        factories.GraduateSkillFactory(profile=profile, skill=skill, level=3)

    assert ranked(posting) == [fluent, weak, untested]


def test_a_kiip_stage_counts_as_the_same_topik_level(ranked) -> None:
    """TOPIK 4 asked: KIIP stage 4 without TOPIK meets it (the F-2-7 points table pairs them),
    TOPIK 3 does not."""
    skill = factories.SkillFactory()
    posting = factories.JobPostingFactory(min_topik=4)
    factories.PostingSkillFactory(posting=posting, skill=skill, min_level=3)
    kiip = factories.GraduateProfileFactory(topik_level=0, kiip_stage=4)
    topik3 = factories.GraduateProfileFactory(topik_level=3)
    for profile in (kiip, topik3):
        factories.GraduateSkillFactory(profile=profile, skill=skill, level=3)

    assert ranked(posting) == [kiip]


def test_the_candidates_own_wishes_never_demote_a_better_fit(ranked) -> None:
    """The employer ranks by fit: a candidate whose stated wishes the posting misses (another
    region, a higher salary) but who fits better stays above a weaker fit whose wishes are met."""
    a, b = factories.SkillFactory.create_batch(2)
    posting = factories.JobPostingFactory(region="gyeonggi", salary_max_krw=40_000_000)
    factories.PostingSkillFactory(posting=posting, skill=a, min_level=3)
    factories.PostingSkillFactory(posting=posting, skill=b, min_level=3)
    picky = factories.GraduateProfileFactory(
        preferred_regions=["busan"], willing_to_relocate=False, min_salary_krw=52_000_000
    )
    content = factories.GraduateProfileFactory(preferred_regions=["gyeonggi"])
    for skill in (a, b):
        factories.GraduateSkillFactory(profile=picky, skill=skill, level=4)
    factories.GraduateSkillFactory(profile=content, skill=a, level=4)
    factories.GraduateSkillFactory(profile=content, skill=b, level=2)

    assert ranked(posting) == [picky, content]
