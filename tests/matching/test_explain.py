"""matching.explain: every number adds up to the reference score, and each status reads right."""

import json
from dataclasses import replace

import pytest

from matching import reference, scoring
from matching.engine import expand_levels
from matching.explain import CourseOffer, Explanation, explain_pair
from matching.facts import GraduateFacts, PostingFacts, PostingSkillFacts
from tests.matching.instances import random_instance

PYTHON, SQL, CAD, EXCEL, DRAFTING, SKETCHING = 10, 20, 30, 40, 50, 60
NAMES = {
    PYTHON: "Python",
    SQL: "SQL",
    CAD: "CAD",
    EXCEL: "Excel",
    DRAFTING: "Technical drafting",
    SKETCHING: "Sketching",
}
# Drafting counts as 0.8 x its level of CAD; sketching as 0.4 x.
RELATIONS = {DRAFTING: [(CAD, 0.8)], SKETCHING: [(CAD, 0.4)]}


def _closed(g: GraduateFacts, p: PostingFacts, relations: dict) -> GraduateFacts:
    """The graduate with every skill short of the posting's minimum raised to it."""
    effective = expand_levels(g.skills, relations)
    raised = {
        s.skill_id: s.min_level for s in p.skills if effective.get(s.skill_id, 0.0) < s.min_level
    }
    return replace(g, skills={**g.skills, **raised})


def _check_invariants(e: Explanation, g: GraduateFacts, p: PostingFacts, relations: dict) -> None:
    effective = expand_levels(g.skills, relations)
    ref_fit = reference.fit(g, p, effective)
    ref_pref = reference.preference(g, p)
    pair = reference.pair_score(g, p, relations)

    assert e.fit == ref_fit
    assert abs(sum(t.contribution for t in [*e.skills, *e.needs]) - e.fit) < 1e-12
    assert e.preference == ref_pref
    assert abs(sum(f.value * f.weight for f in e.preference_factors) - e.preference) < 1e-12
    if pair is None:
        assert e.excluded and e.score == 0.0 and e.excluded_reasons
    else:
        assert not e.excluded and not e.excluded_reasons
        assert (e.score, e.fit, e.preference) == (pair.score, pair.fit, pair.preference)

    assert [t.skill_id for t in e.skills] == sorted(s.skill_id for s in p.skills)
    if p.skills:
        assert abs(sum(t.weight for t in [*e.skills, *e.needs]) - 1.0) < 1e-12
    for t in e.skills:
        assert t.effective_level == effective.get(t.skill_id, 0.0)
        assert t.own_level == g.skills.get(t.skill_id, 0)
        assert (t.status == "matched") == (t.own_level >= t.min_level)
        assert (t.status == "missing") == (t.effective_level == 0.0)
        assert (t.via_skill_id is not None) == (t.effective_level > t.own_level)
        cover = scoring.skill_cover(t.weight, t.min_level)
        level = t.effective_level
        assert t.contribution == (scoring.skill_term(level, t.min_level, cover) if level else 0.0)
        assert t.credit == pytest.approx(t.contribution / t.weight)
    assert all(c.ok for c in e.constraints) == reference.feasible(g, p, effective)

    gaps = e.gap_summary
    closed = reference.pair_score(_closed(g, p, relations), p, relations)
    assert gaps.score_if_gaps_closed >= e.score
    assert gaps.score_if_gaps_closed == (0.0 if closed is None else closed.score)
    assert gaps.excluded_if_gaps_closed == (closed is None)
    if not reference.feasible(g, p, effective):
        assert gaps.excluded_if_gaps_closed and gaps.score_if_gaps_closed == 0.0


@pytest.mark.parametrize("seed", range(31))
def test_explanation_adds_up_to_the_reference_score_on_random_pairs(seed: int) -> None:
    for g, p, relations, names in _random_pairs(seed):
        e = explain_pair(graduate=g, posting=p, relations=relations, skill_names=names)
        _check_invariants(e, g, p, relations)


def _random_pairs(seed: int):  # type: ignore[no-untyped-def]
    """Every (graduate, posting) pair of a random instance, with its relations and names."""
    data = random_instance(seed)
    relations = reference.relation_table(data)
    names = {s.skill_id: f"skill {s.skill_id}" for p in data.postings for s in p.skills}
    for g in data.graduates:
        for p in data.postings:
            yield g, p, relations, names


def _course(course_id: int, level: int, hours: int | None, cost: float) -> CourseOffer:
    return CourseOffer(
        course_id, f"Course {course_id}", "HRD Korea", level, hours, cost, "free", "vocational"
    )


def _posting(
    *skills: tuple[int, int, float] | tuple[int, int, float, bool], **kwargs: object
) -> PostingFacts:
    return PostingFacts(id=1, skills=tuple(PostingSkillFacts(*s) for s in skills), **kwargs)  # type: ignore[arg-type]


def _explain(g: GraduateFacts, p: PostingFacts, **kwargs: object) -> Explanation:
    e = explain_pair(graduate=g, posting=p, relations=RELATIONS, skill_names=NAMES, **kwargs)  # type: ignore[arg-type]
    _check_invariants(e, g, p, RELATIONS)
    return e


def test_a_level_above_the_minimum_is_matched_and_earns_part_of_the_bonus() -> None:
    e = _explain(GraduateFacts(id=1, skills={PYTHON: 4}), _posting((PYTHON, 3, 1.0)))
    (term,) = e.skills
    assert (term.status, term.weight) == ("matched", 1.0)
    # 0.9 for reaching level 3, and 0.1 x 4/5 for the level held: only level 5 earns it all.
    assert term.credit == term.contribution == e.fit == pytest.approx(0.9 + 0.1 * 4 / 5)
    assert term.name == "Python" and term.courses == [] and term.via_skill_id is None
    at_five = _explain(GraduateFacts(id=1, skills={PYTHON: 5}), _posting((PYTHON, 3, 1.0)))
    assert at_five.fit == pytest.approx(1.0) and at_five.fit > e.fit


def test_own_level_under_the_minimum_is_below_level_with_partial_credit() -> None:
    courses = {SQL: [_course(1, 3, 20, 0.0)]}
    e = _explain(
        GraduateFacts(id=1, skills={SQL: 1}), _posting((SQL, 3, 1.0)), courses_by_skill=courses
    )
    (term,) = e.skills
    assert term.status == "below_level"
    assert term.credit == pytest.approx(0.9 * 1 / 3 + 0.1 * 1 / 5)
    assert [c.course_id for c in term.courses] == [1]
    assert (e.gap_summary.missing, e.gap_summary.below_level) == (0, 1)


def test_level_from_a_related_skill_is_related_and_names_the_source() -> None:
    e = _explain(GraduateFacts(id=1, skills={DRAFTING: 4}), _posting((CAD, 3, 1.0)))
    (term,) = e.skills
    assert term.status == "related"
    assert (term.via_skill_id, term.via_name) == (DRAFTING, "Technical drafting")
    assert term.own_level == 0 and term.effective_level == pytest.approx(3.2)
    assert term.credit == pytest.approx(0.9 + 0.1 * 3.2 / 5) and term.courses == []


def test_related_below_the_minimum_offers_courses_and_counts_as_a_gap() -> None:
    courses = {CAD: [_course(7, 3, 30, 100.0)]}
    g = GraduateFacts(id=1, skills={DRAFTING: 2, CAD: 1})
    e = _explain(g, _posting((CAD, 3, 1.0)), courses_by_skill=courses)
    (term,) = e.skills
    assert term.status == "related" and term.effective_level == pytest.approx(1.6)
    assert [c.course_id for c in term.courses] == [7]
    assert e.gap_summary.related_below_level == 1
    assert e.gap_summary.fit_if_gaps_closed == pytest.approx(0.9 + 0.1 * 3 / 5)


def test_equal_credit_from_two_related_skills_names_the_lower_skill_id() -> None:
    # 0.8 x 2 from drafting equals 0.4 x 4 from sketching.
    g = GraduateFacts(id=1, skills={SKETCHING: 4, DRAFTING: 2})
    (term,) = _explain(g, _posting((CAD, 2, 1.0))).skills
    assert term.via_skill_id == DRAFTING


def test_missing_skill_lists_at_most_three_courses_by_hours_then_cost() -> None:
    courses = {
        EXCEL: [
            _course(1, 5, 40, 0.0),
            _course(2, 3, 10, 300.0),
            _course(3, 2, 5, 0.0),  # reaches only level 2: not offered for a minimum of 3
            _course(4, 4, 10, 50.0),
            _course(5, 3, None, 0.0),
            _course(6, 3, 60, 0.0),
        ]
    }
    g = GraduateFacts(id=1, skills={PYTHON: 3})
    e = _explain(g, _posting((PYTHON, 3, 1.0), (EXCEL, 3, 1.0)), courses_by_skill=courses)
    excel = e.skills[1]
    assert (excel.status, excel.effective_level, excel.contribution) == ("missing", 0.0, 0.0)
    assert [c.course_id for c in excel.courses] == [4, 2, 1]
    assert e.skills[0].courses == []
    assert e.gap_summary.missing == 1


def test_course_reaching_only_level_two_is_not_offered_for_a_minimum_of_three() -> None:
    courses = {EXCEL: [_course(3, 2, 5, 0.0)]}
    g = GraduateFacts(id=1, skills={PYTHON: 3})
    e = _explain(g, _posting((PYTHON, 3, 1.0), (EXCEL, 3, 1.0)), courses_by_skill=courses)
    assert e.skills[1].courses == []
    e2 = _explain(g, _posting((PYTHON, 3, 1.0), (EXCEL, 2, 1.0)), courses_by_skill=courses)
    assert [c.course_id for c in e2.skills[1].courses] == [3]


def test_failing_topik_excludes_with_the_reason_and_still_lists_skills() -> None:
    g = GraduateFacts(id=1, skills={PYTHON: 2}, topik=2)
    p = _posting((PYTHON, 3, 1.0), (SQL, 2, 1.0), min_topik=4)
    e = _explain(g, p)
    assert e.excluded and e.score == 0.0
    assert e.excluded_reasons == ["TOPIK level 2 is below the required 4"]
    assert [(t.skill_id, t.status) for t in e.skills] == [(PYTHON, "below_level"), (SQL, "missing")]
    assert e.fit > 0.0 and e.preference > 0.0
    topik = e.constraints[0]
    assert (topik.name, topik.required, topik.actual, topik.ok) == ("topik", 4, 2, False)
    assert e.gap_summary.excluded_if_gaps_closed and e.gap_summary.score_if_gaps_closed == 0.0
    # Both skills raised to exactly the level asked (3 and 2), 0.4 of the weight each; Korean
    # (TOPIK 4 asked, importance 1.5 of 7.5) the other 0.2, TOPIK 2 reaching half of it.
    korean = 0.2 * 0.9 * 2 / 4 + 0.2 * 0.1 * (2 * 5 / 6) / 5
    closed = 0.4 * (0.9 + 0.1 * 3 / 5) + 0.4 * (0.9 + 0.1 * 2 / 5) + korean
    assert e.gap_summary.fit_if_gaps_closed == pytest.approx(closed)
    assert "TOPIK" in e.gap_summary.note


def test_no_skill_in_common_is_excluded_but_closing_gaps_gives_a_score() -> None:
    e = _explain(GraduateFacts(id=1, skills={PYTHON: 5}), _posting((EXCEL, 2, 1.0)))
    assert e.excluded and "no skill in common" in e.excluded_reasons[0]
    assert not e.gap_summary.excluded_if_gaps_closed
    assert e.gap_summary.score_if_gaps_closed > 0.0


def test_closing_gaps_scores_like_a_graduate_who_has_those_skills() -> None:
    g = GraduateFacts(id=1, skills={PYTHON: 5, SQL: 1, DRAFTING: 1})
    p = _posting((PYTHON, 3, 2.0), (SQL, 4, 1.0), (CAD, 3, 1.0), (EXCEL, 2, 0.5))
    e = _explain(g, p)
    built = GraduateFacts(id=1, skills={PYTHON: 5, SQL: 4, DRAFTING: 1, CAD: 3, EXCEL: 2})
    pair = reference.pair_score(built, p, RELATIONS)
    assert pair is not None
    assert e.gap_summary.score_if_gaps_closed == pair.score
    assert e.gap_summary.fit_if_gaps_closed == pair.fit
    assert e.gap_summary.score_if_gaps_closed > e.score
    summary = e.gap_summary
    assert (summary.missing, summary.below_level, summary.related_below_level) == (1, 1, 1)


def test_constraints_show_education_names_fields_and_sponsorship() -> None:
    g = GraduateFacts(id=1, skills={PYTHON: 3}, education_rank=-1, fields=frozenset({"0613"}))
    p = _posting((PYTHON, 3, 1.0), min_education_rank=2, accepted_fields=frozenset({"0714"}))
    e = _explain(g, replace(p, sponsors_visa=False))
    by_name = {c.name: c for c in e.constraints}
    assert [c.name for c in e.constraints] == [
        "topik",
        "deal_breaker",
        "education",
        "fields",
        "sponsorship",
        "visa_route",
    ]
    assert (by_name["education"].required, by_name["education"].actual) == ("bachelor", "none")
    assert (by_name["fields"].required, by_name["fields"].actual) == (["0714"], ["0613"])
    assert (by_name["sponsorship"].required, by_name["sponsorship"].actual) == (True, False)
    assert not any(c.ok for c in e.constraints[2:])  # no deal breaker: that one is met
    # Needing sponsorship from a posting that sponsors none: no route is open either (the page
    # must not say "Visa route: met"), and the one reason about sponsorship says why.
    assert not by_name["visa_route"].ok
    assert len(e.excluded_reasons) == 3


def test_a_sponsoring_offer_on_a_route_closed_to_the_graduate_is_explained() -> None:
    g = GraduateFacts(id=1, skills={PYTHON: 3}, visa_routes=0b01)
    p = replace(_posting((PYTHON, 3, 1.0)), visa_routes=0b10)
    e = _explain(g, p)
    assert e.excluded
    assert [c.name for c in e.constraints if not c.ok] == ["visa_route"]
    assert any("visa route" in reason for reason in e.excluded_reasons)


def test_preference_factors_follow_the_formula_and_note_the_relocation_credit() -> None:
    g = GraduateFacts(
        id=1,
        skills={PYTHON: 3},
        industries=frozenset({"software"}),
        regions=frozenset({"seoul"}),
        min_salary_krw=40_000_000,
        willing_to_relocate=True,
    )
    p = _posting((PYTHON, 3, 1.0), industry="software", region="busan", salary_max_krw=35_000_000)
    factors = _explain(g, p).preference_factors
    assert [f.name for f in factors] == ["industry", "region", "job_type", "company_size", "salary"]
    assert [f.weight for f in factors] == [
        scoring.W_INDUSTRY,
        scoring.W_REGION,
        scoring.W_JOB_TYPE,
        scoring.W_SIZE,
        scoring.W_SALARY,
    ]
    industry, region, job_type, _, salary = factors
    assert (industry.wanted, industry.offered, industry.value) == (["software"], "software", 1.0)
    assert region.value == scoring.RELOCATE_CREDIT and "relocation" in region.note
    assert (job_type.wanted, job_type.value) == ([], scoring.NEUTRAL)
    assert (salary.wanted, salary.offered) == (40_000_000, 35_000_000)
    assert salary.value == pytest.approx(0.5)


def test_nice_to_have_skills_are_marked_and_weigh_less_than_required_ones() -> None:
    g = GraduateFacts(id=1, skills={PYTHON: 3})
    p = _posting((PYTHON, 3, 1.0, True), (SQL, 2, 1.0, False))
    e = _explain(g, p)
    assert [t.requirement for t in e.skills] == ["required", "nice"]
    required, nice = e.skills
    assert required.weight == pytest.approx(3 * nice.weight)
    assert required.weight + nice.weight == pytest.approx(1.0)


def test_as_dict_is_json_ready() -> None:
    courses = {SQL: [_course(1, 3, 20, 10.0)]}
    g = GraduateFacts(id=7, skills={PYTHON: 3, SQL: 1}, topik=1)
    e = _explain(
        g, _posting((PYTHON, 3, 1.0), (SQL, 3, 1.0), min_topik=3), courses_by_skill=courses
    )
    data = json.loads(json.dumps(e.as_dict()))
    assert data["graduate_id"] == 7 and data["posting_id"] == 1
    assert data["excluded"] is True
    assert data["skills"][1]["courses"][0]["course_id"] == 1
    assert data["constraints"][0] == {"name": "topik", "required": 3, "actual": 1, "ok": False}
    assert data["gap_summary"]["below_level"] == 1


def test_zero_preference_excludes_and_closing_gaps_cannot_lift_it() -> None:
    g = GraduateFacts(
        id=1,
        skills={PYTHON: 1},
        industries=frozenset({"energy"}),
        regions=frozenset({"seoul"}),
        job_types=frozenset({"full_time"}),
        company_sizes=frozenset({"large"}),
        min_salary_krw=60_000_000,
        willing_to_relocate=False,
    )
    p = _posting(
        (PYTHON, 3, 1.0),
        industry="software",
        region="busan",
        job_type="internship",
        company_size="sme",
        salary_max_krw=30_000_000,
    )
    e = _explain(g, p)
    assert e.preference == 0.0 and e.excluded
    assert e.excluded_reasons == ["preference is zero: nothing the graduate wants is offered"]
    assert e.gap_summary.excluded_if_gaps_closed
    assert e.gap_summary.fit_if_gaps_closed == pytest.approx(0.9 + 0.1 * 3 / 5)
    assert "preference is zero" in e.gap_summary.note


def test_posting_without_skills_is_excluded_with_no_terms() -> None:
    e = _explain(GraduateFacts(id=1, skills={PYTHON: 3}), _posting())
    assert e.excluded and e.excluded_reasons == ["the posting lists no skills"]
    assert e.skills == [] and e.fit == 0.0
    assert e.gap_summary.excluded_if_gaps_closed


@pytest.mark.parametrize("seed", range(5))
def test_without_the_gap_summary_everything_else_is_the_same(seed: int) -> None:
    for g, p, relations, names in _random_pairs(seed):
        full = explain_pair(graduate=g, posting=p, relations=relations, skill_names=names)
        lean = explain_pair(
            graduate=g, posting=p, relations=relations, skill_names=names, gap_summary=False
        )
        assert lean.gap_summary is None and full.gap_summary is not None
        assert replace(lean, gap_summary=full.gap_summary) == full
