"""The evaluation's baselines on hand-made inputs: BM25, shared skills, the screen, ranking."""

import math

import numpy as np
import pytest

from matching.baselines import bm25_scores, eligible, ranked, shared_skill_counts
from matching.documents import Wording, graduate_document, posting_document
from matching.facts import GraduateFacts, MatchingInput, PostingFacts, PostingSkillFacts

CORPUS = [
    ["python", "python", "sql"],  # 3 words
    ["python", "etch"],  # 2 words
    ["etch", "etch", "etch", "cleanroom"],  # 4 words; average length 3
]


def test_bm25_on_a_three_document_corpus_by_hand() -> None:
    # idf = ln(1 + (N - n + 0.5) / (n + 0.5)), N = 3: python and etch are in two documents,
    # sql in one.
    idf_python = math.log(1 + 1.5 / 2.5)
    idf_sql = math.log(1 + 2.5 / 1.5)
    idf_etch = idf_python
    # Length norms k1 * (1 - b + b * |d| / avgdl): 1.2 * (0.25 + 0.75 * |d| / 3).
    norm = [1.2, 0.9, 1.5]
    python_sql = [
        idf_python * 2 * 2.2 / (2 + norm[0]) + idf_sql * 1 * 2.2 / (1 + norm[0]),
        idf_python * 1 * 2.2 / (1 + norm[1]),
        0.0,
    ]
    etch = [0.0, idf_etch * 2.2 / (1 + norm[1]), idf_etch * 3 * 2.2 / (3 + norm[2])]
    scores = bm25_scores([["python", "sql"], ["etch"], ["etch", "etch", "welding"]], CORPUS)
    assert scores.shape == (3, 3)
    assert scores[0] == pytest.approx(python_sql)
    assert scores[1] == pytest.approx(etch)
    # A repeated query word counts each time; a word no document has adds nothing.
    assert scores[2] == pytest.approx([2 * e for e in etch])
    assert python_sql[0] == pytest.approx(1.375 * math.log(1.6) + math.log(8 / 3))


def test_bm25_ranks_the_shorter_document_first_at_equal_counts() -> None:
    scores = bm25_scores([["etch"]], [["etch", "a", "b", "c"], ["etch", "a"]])
    assert scores[0, 1] > scores[0, 0] > 0


def _instance() -> MatchingInput:
    graduates = [
        GraduateFacts(id=1, skills={10: 1, 11: 5, 99: 3}, topik=0, kiip_stage=4),
        GraduateFacts(id=2, skills={10: 5}, topik=2, needs_sponsorship=True, visa_routes=0b10),
        GraduateFacts(id=3, skills={}, education_rank=1, fields=frozenset({"0714"})),
    ]
    postings = [
        PostingFacts(
            id=1,
            skills=(PostingSkillFacts(10, 3, 1.0), PostingSkillFacts(11, 2, 1.0, required=False)),
            min_topik=3,
        ),
        PostingFacts(
            id=2,
            skills=(PostingSkillFacts(10, 2, 1.0),),
            min_education_rank=1,
            accepted_fields=frozenset({"0714"}),
            visa_routes=0b01,
        ),
    ]
    return MatchingInput(graduates, postings)


def test_shared_skills_count_the_postings_skills_the_graduate_has_at_any_level() -> None:
    assert shared_skill_counts(_instance()).tolist() == [[2, 1], [1, 1], [0, 0]]


def test_the_screen_applies_korean_with_kiip_degree_field_and_visa() -> None:
    # Graduate 1: KIIP stage 4 meets TOPIK 3, no degree recorded fails posting 2's minimum.
    # Graduate 2: TOPIK 2 < 3; posting 2 opens route 0b01 only, they could take 0b10.
    # Graduate 3: TOPIK 0 < 3; degree and field fit posting 2.
    assert eligible(_instance()).tolist() == [[True, False], [False, False], [False, True]]


def test_ranked_orders_by_score_then_position_and_pads() -> None:
    scores = np.array([[1.0, 2.0, 2.0, 5.0], [0.0, 0.0, 0.0, 0.0]])
    allowed = np.array([[True, True, True, False], [False, True, False, True]])
    assert ranked(scores, allowed, depth=4).tolist() == [[1, 2, 0, -1], [1, 3, -1, -1]]
    assert ranked(scores, allowed, depth=2).tolist() == [[1, 2], [1, 3]]


def test_documents_repeat_skills_by_level_and_state_the_needs() -> None:
    wording = Wording(skill_names={10: "Dry etching", 11: "Python"}, posting_titles={1: "Etch"})
    g = GraduateFacts(id=1, skills={10: 3}, topik=2, english_cefr=4, education_rank=2)
    document = graduate_document(g, wording)
    assert document.count("etching") == 3 and document.count("korean") == 2
    assert document.count("english") == 4 and "b2" in document and "bachelor" in document
    p = PostingFacts(
        id=1,
        skills=(PostingSkillFacts(10, 3, 1.0), PostingSkillFacts(11, 2, 1.0, required=False)),
        min_topik=3,
        min_experience_years=2,
    )
    advert = posting_document(p, wording)
    assert advert.count("etching") == 2 and advert.count("python") == 1
    assert advert.count("korean") == 3 and "experience" in advert and advert[0] == "etch"
