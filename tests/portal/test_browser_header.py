"""The header's menu fits beside the brand at every desktop width each role uses, in every
language (menu words differ in length): the menu is drawn in full only where it has room, and
folds into the Menu button where it has not."""

import pytest

from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Where the brand ends and the menu begins, and whether the full menu is drawn at all.
_LAYOUT = """() => {
    const link = document.querySelector(".brand");
    const brand = {right: link.getBoundingClientRect().left + link.scrollWidth};  // its text
    const menu = document.querySelector(".nav-desktop");
    const drawn = menu && getComputedStyle(menu).display !== "none";
    const box = drawn ? menu.getBoundingClientRect() : null;
    return {drawn, brandRight: brand.right, menuLeft: box ? box.left : null,
            menuRight: box ? box.right : null, width: document.documentElement.clientWidth,
            overflow: document.querySelector(".header-inner").scrollWidth
                - document.querySelector(".header-inner").clientWidth};
}"""


@pytest.mark.parametrize("language", ["en", "ko", "vi", "id", "th"])
@pytest.mark.parametrize("role", ["graduate", "employer"])
def test_the_menu_never_runs_into_the_brand(browser_page, role, language):  # type: ignore[no-untyped-def]
    if role == "graduate":
        user = factories.GraduateProfileFactory().user
    else:
        user = factories.EmployerMemberFactory().user
    user.language = language
    user.save()
    page = browser_page
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", factories.PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    for width in (1024, 1180, 1280, 1366, 1440):
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_function("() => new Promise(requestAnimationFrame)")  # resize handled
        layout = page.evaluate(_LAYOUT)
        if layout["drawn"]:
            assert layout["menuLeft"] >= layout["brandRight"] + 8, (role, width, layout)
            assert layout["menuRight"] <= layout["width"], (role, width, layout)
            assert layout["overflow"] <= 0, (role, language, width, layout)
