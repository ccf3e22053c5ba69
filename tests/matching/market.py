"""A small random market for service tests, and the check that stored lists are exact."""

import random

from matching import engine
from matching.models import GraduateMatchList, MatchRun, PostingMatchList
from matching.selectors import graduate_facts, posting_facts, relation_facts
from matching.services import list_capacity
from tests import factories


def build_market(settings) -> dict:
    """12 skills, 30 graduates, 10 postings with random levels; blocks of 7 graduates (so runs
    have several blocks and their merge is exercised) and lists of 4."""
    settings.MATCHING_BLOCK_SIZE = 7
    settings.MATCHING_TOP_K = 4
    rng = random.Random(5)
    skills = factories.SkillFactory.create_batch(12)
    employers = factories.EmployerFactory.create_batch(3)
    postings = []
    for n in range(10):
        posting = factories.JobPostingFactory(
            employer=employers[n % 3], min_topik=rng.choice([0, 1, 2])
        )
        for skill in rng.sample(skills, rng.randint(2, 5)):
            factories.PostingSkillFactory(posting=posting, skill=skill, min_level=rng.randint(1, 5))
        postings.append(posting)
    graduates = []
    for _ in range(30):
        profile = factories.GraduateProfileFactory(topik_level=rng.randint(0, 4))
        for skill in rng.sample(skills, rng.randint(1, 6)):
            factories.GraduateSkillFactory(profile=profile, skill=skill, level=rng.randint(1, 5))
        graduates.append(profile)
    return {"skills": skills, "postings": postings, "graduates": graduates}


def expected_run():
    grads, posts = graduate_facts(), posting_facts()
    vocab = engine.Vocabulary.from_facts(grads, posts)
    return engine.full_run(
        engine.build_graduates(grads, vocab, relation_facts()),
        engine.build_postings(posts, vocab),
        list_capacity(),
    )


def _stored(model, owner: str) -> dict[int, list[tuple[int, float]]]:
    run = MatchRun.objects.get(is_current=True)
    return {
        getattr(row, owner): [(int(e["id"]), float(e["score"])) for e in row.decoded()]
        for row in model.objects.filter(run=run)
    }


def assert_stored_lists_are_exact(visible: int) -> None:
    """The current run's lists, both sides, equal a fresh in-memory computation."""
    expected = expected_run()
    stored_g = _stored(GraduateMatchList, "graduate_id")
    stored_p = _stored(PostingMatchList, "posting_id")
    for lists, stored in ((expected.graduates, stored_g), (expected.postings, stored_p)):
        for row, owner in enumerate(lists.owner_ids):
            want = [(i, s) for i, s, _f, _p in lists.entries(row)]
            got = stored.get(int(owner), [])
            assert got == want[: len(got)], (owner, got, want)
            assert len(got) >= min(visible, len(want))
