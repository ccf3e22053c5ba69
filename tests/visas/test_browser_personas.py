"""Three graduates use the visa checker in Chromium, as they would: each fills the form in, and
the answer on top is the realistic one for them, in plain words.

- a Vietnamese electronics bachelor, 26, TOPIK 3, with a 35,000,000 KRW offer: E-7-1, and what
  is still needed (a related master's, or a year of related work);
- a Malaysian chemical-engineering master, 30, no Korean, no offer: job seeking (D-10-1);
- an Indonesian vocational graduate, 41, who wants factory work: no factory route is open, and
  why (E-9 takes workers aged 18 to 39).
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from visas.selectors import rules_snapshot_cache_clear
from visas.services import visa_rules_load

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PERSONAS = [
    (
        "vietnamese-bachelor-with-offer",
        {
            "#id_nationality": "VN", "#id_education_level": "bachelor",
            "#id_degree_country": "VN", "#id_university_rank": "other", "#id_topik": "3",
            "#id_goal": "professional", "#id_employer_size": "sme",
        },
        {"#id_age": "26", "#id_years_since_graduation": "0", "#id_experience_years": "0",
         "#id_annual_salary_krw": "35,000,000"},
        ["For professional or engineering work, your route is E-7-1",
         "What to do first: gain 1 more year of related work experience"],
        "E-7-1",
    ),
    (
        "malaysian-master-no-offer",
        {
            "#id_nationality": "MY", "#id_education_level": "master",
            "#id_degree_country": "MY", "#id_university_rank": "other",
            "#id_goal": "professional",
        },
        {"#id_age": "30", "#id_years_since_graduation": "1", "#id_experience_years": "0"},
        ["For professional or engineering work, your route is D-10-1"],
        "D-10-1",
    ),
    (
        "indonesian-vocational-41-factory",
        {"#id_nationality": "ID", "#id_education_level": "diploma", "#id_goal": "factory"},
        {"#id_age": "41"},
        ["No route for factory, farm or shipyard work is open to you.",
         "Age is 41, needs 18 to 39"],
        None,
    ),
]  # fmt: skip


SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture
def rules():
    visa_rules_load()
    rules_snapshot_cache_clear()
    yield
    rules_snapshot_cache_clear()


@pytest.mark.usefixtures("rules")
def test_three_graduates_each_see_the_realistic_answer_first(browser_page):  # type: ignore[no-untyped-def]
    page = browser_page
    for name, choices, typed, expected, first_route in PERSONAS:
        page.goto("/visas/check/")
        for selector, value in choices.items():
            page.select_option(selector, value)
        for selector, value in typed.items():
            page.fill(selector, value)
        page.get_by_role("button", name="Check my routes").click()

        headline = page.locator(".guidance-headline")
        expect(headline).to_be_visible()
        for words in expected:
            expect(headline).to_contain_text(words)
        if first_route is not None:  # the first route card is the one the headline names
            card = page.locator(".route-list .route-card").first
            expect(card.locator("h3")).to_contain_text(first_route)
            if first_route == "E-7-1":  # the steps say what they cost
                expect(card.locator(".next-steps").first).to_contain_text("no fee: paid work")
            card.locator("details.route-details > summary").first.click()  # loads when opened
            expect(card.locator(".criteria-table")).to_be_visible()
        assert "Exemption:" not in page.inner_text("main")
        page.shot(f"visa-checker-{name}")
        headline.scroll_into_view_if_needed()  # what the reader sees first after submitting
        page.screenshot(path=str(SHOTS / f"visa-checker-{name}-answer.png"))
