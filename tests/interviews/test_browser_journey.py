"""An interview across time zones in a real browser: a Korean employer proposes times in
Korea time, a graduate in Vietnam (Asia/Ho_Chi_Minh, two hours behind) sees them two hours
earlier and books one, the calendar file downloaded holds the chosen time in UTC, and the
employer's pipeline shows the booked time in KST."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from interviews.models import Interview, InterviewStatus
from tests import factories
from tests.a11y import axe_check
from tests.browser_sign_in import browser_sign_in

PASSWORD = factories.PASSWORD
SEOUL = ZoneInfo("Asia/Seoul")


def _second_person(page, live_server):
    context = page.context.browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, accept_downloads=True
    )
    other = context.new_page()
    other.set_default_timeout(15_000)
    return context, other


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_interview_booked_across_korea_and_vietnam(browser_page, live_server, tmp_path: Path):
    page = browser_page
    member = factories.EmployerMemberFactory(user__full_name="Kim Minji")
    posting = factories.JobPostingFactory(employer=member.employer, title="Etch engineer")
    graduate = factories.GraduateProfileFactory(
        user__full_name="Nguyen Thi Lan", nationality="VN", current_country="VN"
    )
    application = factories.ApplicationFactory(posting=posting, graduate=graduate)
    day = (timezone.now().astimezone(SEOUL) + timedelta(days=4)).date()
    chosen = datetime(day.year, day.month, day.day, 10, 0, tzinfo=SEOUL)

    # 1. The employer proposes two times, typed in Korea time.
    browser_sign_in(page, member.user.email)
    page.goto(f"/employer/applications/{application.pk}/")
    page.get_by_role("link", name="Schedule an interview").click()
    page.wait_for_url("**/interview/")
    axe_check(page)
    page.shot("interview-employer-form")
    page.fill("input[name=slot_1]", f"{day.isoformat()}T10:00")
    page.fill("input[name=slot_2]", f"{day.isoformat()}T15:00")
    page.fill("input[name=video_link]", "https://meet.example.com/etch-lan")
    page.fill("textarea[name=note]", "We will talk about plasma etching.")
    with page.expect_navigation():
        page.get_by_role("button", name="Propose these times").click()
    assert "10:00 KST" in page.locator(".interview-slot-list").inner_text()
    page.shot("interview-employer-proposed")

    # 2. The graduate in Vietnam sees them two hours earlier and books the first.
    context, other = _second_person(page, live_server)
    browser_sign_in(other, graduate.user.email)
    other.goto(f"/graduate/applications/{application.pk}/")
    other.get_by_role("link", name="Choose a time").click()
    other.locator(".interview-slot-list").wait_for()
    axe_check(other)
    slots = other.locator(".interview-slot-list").inner_text()
    assert "08:00 in Ho Chi Minh City (10:00 in Seoul)" in slots
    assert "13:00 in Ho Chi Minh City (15:00 in Seoul)" in slots
    other.screenshot(path="test-artifacts/screenshots/interview-choose.png", full_page=True)
    with other.expect_navigation():
        other.locator(".interview-slot button").first.click()
    assert "08:00 in Ho Chi Minh City" in other.locator("#interview-booked-time").inner_text()
    interview = Interview.objects.get(application=application)
    assert interview.status == InterviewStatus.BOOKED

    # 3. The calendar file: its start is the chosen Korea time, in UTC.
    with other.expect_download() as download:
        other.locator("#interview-ics").click()
    saved = tmp_path / "invite.ics"
    download.value.save_as(saved)
    event = Calendar.from_ical(saved.read_bytes()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == chosen.astimezone(UTC)
    assert f"DTSTART:{chosen.astimezone(UTC):%Y%m%dT%H%M%S}Z" in saved.read_text()
    assert "https://meet.example.com/etch-lan" in str(event["description"])
    context.close()

    page.goto(f"/employer/interviews/{interview.pk}/")
    page.set_viewport_size({"width": 390, "height": 844})
    page.shot("interview-employer-detail-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 4. The employer's pipeline shows the booked time in Korea time.
    page.goto(f"/employer/postings/{posting.pk}/applications/")
    card = page.locator(".pipeline-card", has_text="Nguyen Thi Lan")
    assert "10:00 KST" in card.inner_text()
    page.shot("interview-employer-pipeline")
