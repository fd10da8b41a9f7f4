"""The site works for people who browse without JavaScript, with a keyboard only, on a
narrow phone screen, and on paper."""

import re

import pytest
from playwright.sync_api import Page, expect

PROGRAMME = "/boards/sscb/2022-23/"
NARROW = 375

# Every element the keyboard can reach, numbered, with its style while not focused.
RECORD_UNFOCUSED_STYLES = """() => {
    const focusable = 'a[href], button:not([disabled]), input:not([type=hidden]), select, textarea, summary, [tabindex="0"]';
    window.unfocusedStyles = [];
    document.querySelectorAll(focusable).forEach((element, index) => {
        element.dataset.focusIndex = index;
        const style = getComputedStyle(element);
        window.unfocusedStyles.push({
            outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
            boxShadow: style.boxShadow,
            background: style.backgroundColor,
        });
    });
    return window.unfocusedStyles.length;
}"""

# The focused element, its style now, and its style before it had focus.
FOCUSED_STYLE = """() => {
    const element = document.activeElement;
    const index = element.dataset.focusIndex;
    if (index === undefined) return null;
    const style = getComputedStyle(element);
    return {
        element: element.outerHTML.slice(0, 120),
        before: window.unfocusedStyles[index],
        after: {
            outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
            boxShadow: style.boxShadow,
            background: style.backgroundColor,
        },
    };
}"""


@pytest.fixture
def no_js_page(new_context) -> Page:
    return new_context(java_script_enabled=False).new_page()


def assert_javascript_is_off(page: Page) -> None:
    # app.mjs marks the body when it runs; without JavaScript it never does.
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))


# (a) Without JavaScript the forms still work, by submitting them.


def test_programme_filters_work_without_javascript(no_js_page):
    page = no_js_page
    page.goto(PROGRAMME)
    assert_javascript_is_off(page)
    all_cards = page.locator(".govuk-summary-card").count()

    filters = page.locator("form.app-filters")
    filters.get_by_label("Status").select_option(label="Complete")
    filters.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"[?&]status=complete\b"))
    expect(page.get_by_role("status")).to_contain_text("match the filters")
    cards = page.locator(".govuk-summary-card")
    assert 0 < cards.count() < all_cards
    for card in cards.all():
        expect(card.locator(".govuk-summary-card__actions")).to_contain_text("Complete")
    expect(filters.get_by_label("Status")).to_have_value("complete")
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()


def test_search_works_without_javascript(no_js_page):
    page = no_js_page
    page.goto("/search/")
    assert_javascript_is_off(page)

    form = page.get_by_role("search")
    form.get_by_label("Search the work programmes and meeting notes").fill("slavery")
    form.get_by_role("button", name="Search").click()

    expect(page).to_have_url(re.compile(r"[?&]q=slavery\b"))
    expect(page).to_have_title(re.compile("Search results for “slavery”"))
    results = page.locator("main mark")
    assert results.count() > 0
    expect(results.first).to_have_text(re.compile("slavery", re.IGNORECASE))


def test_search_errors_are_shown_without_javascript(no_js_page):
    # The field's maxlength stops a person typing too much; a shared link can still carry it.
    page = no_js_page
    response = page.goto("/search/?q=" + "x" * 300)
    assert response is not None and response.status == 400

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    summary.get_by_role("link", name="Search terms must be 200 characters or fewer").click()
    expect(page).to_have_url(re.compile("#id_q$"))
    expect(page.get_by_label("Search the work programmes and meeting notes")).to_be_focused()


# (b) Keyboard only.


def test_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")

    skip_link = page.locator(":focus")
    expect(skip_link).to_have_text("Skip to main content")
    box = skip_link.bounding_box()
    viewport = page.viewport_size
    assert box is not None and box["width"] > 10 and box["height"] > 10, box
    assert 0 <= box["y"] < viewport["height"], "the skip link is off screen"

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    assert page.url.endswith("#main-content")


@pytest.mark.parametrize("path", ["/", PROGRAMME, "/actions/", "/search/?q=slavery"])
def test_everything_the_keyboard_reaches_shows_a_focus_style(page, path):
    page.goto(path)
    count = page.evaluate(RECORD_UNFOCUSED_STYLES)
    without_focus_style = []
    reached = set()
    for _ in range(min(count, 150)):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_STYLE)
        if focused is None:
            continue
        reached.add(focused["element"])
        if not visibly_changed(focused["before"], focused["after"]):
            without_focus_style.append(focused)
    assert len(reached) > 3, "Tab reached almost nothing"
    assert not without_focus_style, "no visible focus style:\n" + "\n".join(
        f"{f['element']}\n  before {f['before']}\n  after  {f['after']}"
        for f in without_focus_style
    )


def visibly_changed(before: dict, after: dict) -> bool:
    """A new box shadow, background or visible outline (not a transparent one kept for
    Windows high contrast mode)."""
    outline_shows = (
        after["outline"] != before["outline"]
        and not after["outline"].startswith("none")
        and "rgba(0, 0, 0, 0)" not in after["outline"]
    )
    shadow_shows = after["boxShadow"] != before["boxShadow"] and after["boxShadow"] != "none"
    return outline_shows or shadow_shows or after["background"] != before["background"]


# (c) A 375px-wide phone screen: the page reflows, with no sideways scrolling.


@pytest.mark.parametrize(
    "path",
    [PROGRAMME, "/boards/sscb/", "/actions/", "/boards/sscb/meetings/2021-11-09/", "/search/"],
)
def test_no_horizontal_scroll_at_375px(page, path):
    page.set_viewport_size({"width": NARROW, "height": 800})
    page.goto(path)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    too_wide = page.evaluate(
        """(limit) => [...document.querySelectorAll('main *')]
            .filter((element) => element.getBoundingClientRect().right > limit)
            .slice(0, 5).map((element) => element.outerHTML.slice(0, 100))""",
        NARROW + 1,
    )
    assert scroll_width <= NARROW + 1, f"{path} is {scroll_width}px wide: {too_wide}"


# (d) Printing leaves out the site's furniture and keeps the programme.


def test_printing_the_programme_hides_header_navigation_and_filters(page):
    page.goto(PROGRAMME)
    page.emulate_media(media="print")

    for furniture in [
        "header",
        ".govuk-service-navigation",
        "form.app-filters",
        ".govuk-breadcrumbs",
        ".govuk-skip-link",
        "footer",
    ]:
        expect(page.locator(furniture).first).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text("Work programme 2022/23")
    expect(page.locator(".govuk-summary-card").first).to_be_visible()

    page.emulate_media(media="screen")
    expect(page.locator("form.app-filters")).to_be_visible()
