"""A graduate's journey in Vietnamese, Indonesian, Thai and Korean, and the employer's in Korean,
in Debian's Chromium: the page is in the browser's language from the first visit, sign-up keeps
it on the account, and the profile, the job page with its match explanation, the visa checker
and the application history all read in it, in fonts the browser draws (no empty boxes).
Screenshots go to test-artifacts/screenshots/i18n-*.png."""

import re
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from accounts.models import User
from tests import factories
from tests.a11y import axe_check
from tests.i18n.catalogues import english_left, scoped_entries
from visas.selectors import rules_snapshot_cache_clear
from visas.services import visa_rules_load

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "Seoul-bound engineer 2026!"
FACE = {"ko": "Noto Sans KR", "th": "Noto Sans Thai"}  # the site's own faces (static/fonts)


def _t(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.fixture
def open_posting():
    visa_rules_load()
    rules_snapshot_cache_clear()
    etch = factories.SkillFactory(name="Dry etching", name_ko="건식 식각", name_vi="Khắc khô",
                                  name_ind="Etsa kering", name_th="การกัดแห้ง")  # fmt: skip
    posting = factories.JobPostingFactory(title="Etch", description="Etch · CVD · 300 mm")
    factories.PostingSkillFactory(posting=posting, skill=etch, min_level=3)
    yield posting, etch
    rules_snapshot_cache_clear()


def _in_language(page, language: str) -> None:
    """The page says its language, shows no translated string in English, and draws Korean or
    Thai with the site's face, loaded."""
    assert page.get_attribute("html", "lang") == language
    assert english_left(page.content(), language, entries=_entries(language)) == []
    if language in FACE:
        loaded = page.evaluate(
            "async (family) => { await document.fonts.ready; return [...document.fonts]"
            ".some(face => face.family.includes(family) && face.status === 'loaded') }",
            FACE[language],
        )
        assert loaded, f"{FACE[language]} was not loaded"


_ENTRIES: dict[str, list] = {}


def _entries(language: str) -> list:
    if language not in _ENTRIES:
        _ENTRIES[language] = scoped_entries(language)
    return _ENTRIES[language]


@pytest.mark.parametrize("language", ["vi", "id", "th", "ko"])
def test_a_graduates_journey_in_their_language(language, browser_page, live_server, open_posting):
    posting, etch = open_posting
    page = browser_page  # the browser asks for the language, as a visitor's would
    page.context.set_extra_http_headers({"Accept-Language": language})
    shot = lambda name: page.screenshot(  # noqa: E731
        path=f"test-artifacts/screenshots/i18n-{language}-{name}.png", full_page=True
    )

    # Sign up: the browser's language is chosen already, and the account keeps it.
    page.goto("/accounts/signup/?role=graduate")
    _in_language(page, language)
    expect(page.locator("#id_language")).to_have_value(language)
    shot("signup")
    email = f"lan.{language}@example.com"
    page.fill("#id_full_name", "Lan")
    page.fill("#id_email", email)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.check("#id_agree_terms")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    axe_check(page)
    _in_language(page, language)
    user = User.objects.get(email=email)
    assert user.language == language
    assert _t(language, "Hello from Talent Bridge!") in mail.outbox[-1].body  # e-mail, too
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/graduate/$"))
    axe_check(page)
    _in_language(page, language)

    # The profile (filled in for speed: the profile journey has its own test).
    profile = user.graduate_profile
    profile.nationality, profile.date_of_birth = "VN", "2000-04-12"
    profile.save()
    profile = factories.ready_to_apply(profile)
    profile.skills.all().delete()
    factories.GraduateSkillFactory(profile=profile, skill=etch, level=4)
    page.goto("/graduate/profile/skills/")
    _in_language(page, language)
    shot("profile-skills")

    # The job page with the match explanation, in words and skill names of the language.
    page.goto(f"/jobs/{posting.pk}/")
    _in_language(page, language)
    match = page.locator("#match-title")
    expect(match).to_have_text(_t(language, "How you match"))
    with translation.override(language):
        expect(page.locator("main")).to_contain_text(etch.name)  # the skill's local name
    shot("job")

    # Apply, then the history of applications.
    page.fill("#id_cover_letter", "—")
    page.locator("form[action$='/apply/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/graduate/applications/\d+/$"))
    axe_check(page)
    _in_language(page, language)
    page.goto("/graduate/applications/")
    _in_language(page, language)
    expect(page.locator("main")).to_contain_text(_t(language, "Applied"))
    shot("applications")

    # The visa checker: the advice itself is in the language, not only the frame.
    answers = {"nationality": "VN", "age": "26", "education_level": "bachelor",
               "field_stem": "on", "topik": "3", "kiip_stage": "0", "experience_years": "2",
               "korean_experience_years": "0", "employer_size": "sme"}  # fmt: skip
    page.goto(f"/visas/check/?{urlencode(answers)}")
    _in_language(page, language)
    headline = page.locator(".guidance-headline")
    expect(headline).to_be_visible()
    in_english = page.context.browser.new_context(base_url=live_server.url, locale="en")
    english_page = in_english.new_page()
    english_page.goto(f"/visas/check/?{urlencode(answers)}")
    english_headline = english_page.locator(".guidance-headline").inner_text()
    in_english.close()
    assert headline.inner_text().strip() != english_headline.strip()
    shot("visa-checker")


def _login(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", factories.PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    axe_check(page)


def test_the_employer_journey_in_korean_reaches_public_pages_in_korean(
    browser_page, live_server, open_posting
):
    """The employer portal and the pages it links to (the public job page, the visa checker)
    are all in Korean for a Korean recruiter."""
    posting, _etch = open_posting
    member = factories.EmployerMemberFactory(employer=posting.employer)
    page = browser_page
    page.context.set_extra_http_headers({"Accept-Language": "ko"})
    _login(page, member.user.email)
    _in_language(page, "ko")
    page.goto(f"/employer/postings/{posting.pk}/")
    _in_language(page, "ko")
    page.get_by_role("link", name=_t("ko", "See the public page")).click()
    expect(page).to_have_url(re.compile(rf"/jobs/{posting.pk}/$"))
    axe_check(page)
    _in_language(page, "ko")
    page.screenshot(path="test-artifacts/screenshots/i18n-ko-employer-public-job.png")
    page.locator("nav.nav-desktop").get_by_role("link", name=_t("ko", "Visa checker")).click()
    expect(page).to_have_url(re.compile(r"/visas/check/$"))
    axe_check(page)
    _in_language(page, "ko")
    page.screenshot(path="test-artifacts/screenshots/i18n-ko-employer-visa-checker.png")


def test_an_english_page_draws_korean_names_from_a_face_of_their_own_characters(
    browser_page, open_posting
):
    """A job page in English shows the company's Korean name: Chromium, with no Korean font of
    its own, draws it from the page's face of just those characters (a few KB), not from the
    pieces of Noto Sans KR (15 KB each), and the visa routes' Korean names the same way."""
    posting, _etch = open_posting
    page = browser_page
    page.context.set_extra_http_headers({"Accept-Language": "en"})
    fetched: list[tuple[str, int]] = []
    page.on("response", lambda response: fetched.append((response.url, response.status)))
    for path, korean in (
        (f"/jobs/{posting.pk}/", posting.employer.name_ko),
        ("/visas/check/?nationality=VN&age=26&education_level=bachelor&topik=3", "유학"),
    ):
        fetched.clear()
        page.goto(path, wait_until="networkidle")
        expect(page.locator("main [lang=ko]").filter(has_text=korean).first).to_be_visible()
        faces = page.evaluate(
            "async () => { await document.fonts.ready; return [...document.fonts]"
            ".filter(face => face.status === 'loaded').map(face => face.family) }"
        )
        assert any("Talent Bridge Hangul" in face for face in faces), (path, faces)
        fonts = [url for url, status in fetched if status == 200 and "/fonts/" in url]
        assert any(re.search(r"/fonts/hangul/[\w.-]+-400\.woff2$", url) for url in fonts), fonts
        assert not [url for url in fonts if "noto-sans-kr" in url], fonts
        assert all(status < 400 for _, status in fetched), fetched
    page.shot("korean-name-on-an-english-page")
