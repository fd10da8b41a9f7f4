"""axe-core finds no WCAG 2.2 AA violations on any kind of page, with the demo board loaded."""

import pytest

from meetings.models import Meeting
from workplan.models import Activity

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = f"axe.run(document, {{runOnly: {{type: 'tag', values: {WCAG_TAGS!r}}}}})"

# An activity page is found in the data, not by id: see activity_with_reports().
ACTIVITY_WITH_REPORTS = "<activity with 'Reported at' entries>"

PAGES = {
    "home": "/",
    "board": "/boards/sscb/",
    "programme 2022-23": "/boards/sscb/2022-23/",
    "proposed programme 2023-24": "/boards/sscb/2023-24/",
    "filtered programme": "/boards/sscb/2022-23/?status=complete",
    "activity reported at meetings": ACTIVITY_WITH_REPORTS,
    "meeting list": "/boards/sscb/meetings/",
    "meeting with a confidential item": "/boards/sscb/meetings/2021-11-09/",
    "meeting 2018-03-19": "/boards/sscb/meetings/2018-03-19/",
    "meeting 2023-03-23": "/boards/sscb/meetings/2023-03-23/",
    "action log": "/actions/",
    "filtered action log": "/actions/?board=sscb&status=open",
    "person": "/people/mark-norris/",
    "search results": "/search/?q=slavery",
    "search with an error": "/search/?q=" + "x" * 300,
    "page not found": "/no-such-page/",
    "sign-in": "/accounts/login/",
    "admin sign-in": "/admin/login/",
}
EXPECTED_STATUS = {PAGES["search with an error"]: 400, PAGES["page not found"]: 404}

# The browsable API, as a browser asks for it (Accept: text/html), at a phone's width and a
# desktop's. A meeting's detail page is found in the data: see meeting_in_the_api().
API_MEETING = "<a meeting in the API>"
API_PAGES = {
    "api root": "/api/",
    "api meetings": "/api/meetings/",
    "api activities of a board": "/api/activities/?board=sscb&limit=5",
    "api meeting": API_MEETING,
    "api not found": "/api/meetings/999999999/",
    "api documentation": "/api/docs/",
}
WIDTHS = {"narrow": 320, "wide": 1280}


@pytest.fixture
def browser_context_args(browser_context_args):
    """axe is injected as an inline script, which the site's Content-Security-Policy rightly
    refuses: let the test browser ignore the policy (tests/test_security_headers.py checks it)."""
    return {**browser_context_args, "bypass_csp": True}


def activity_with_reports() -> str:
    activity = Activity.objects.filter(reports__isnull=False).order_by("pk").first()
    assert activity is not None, "the demo data has no activity reported at a meeting"
    return activity.get_absolute_url()


def meeting_in_the_api() -> str:
    meeting = Meeting.objects.filter(notes_status="published").order_by("date").first()
    assert meeting is not None, "the demo data has no published meeting"
    return f"/api/meetings/{meeting.pk}/"


def describe(violations: list[dict]) -> str:
    """One paragraph per violation: its rule, what to do, and the elements at fault."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(node['target'])}")
            lines.append(f"       {node['html'][:160]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", "\n         ")
                lines.append(f"         {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_axe_violations(page, axe_script, path):
    expected_status = EXPECTED_STATUS.get(path, 200)
    if path == ACTIVITY_WITH_REPORTS:
        path = activity_with_reports()
    response = page.goto(path)
    assert response is not None
    assert response.status == expected_status, f"{path} answered {response.status}"
    if "/activities/" in path:
        assert page.locator(".app-timeline li").count() > 0, "no 'Reported at' entries"

    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(AXE_RUN)

    violations = results["violations"]
    assert not violations, f"axe found violations on {path}:\n{describe(violations)}"
    assert results["passes"], "axe checked nothing: did the page load?"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", API_PAGES.values(), ids=API_PAGES.keys())
def test_no_axe_violations_on_the_browsable_api(page, axe_script, path, width):
    if path == API_MEETING:
        path = meeting_in_the_api()
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(path)
    assert response is not None
    assert response.status == (404 if "999999999" in path else 200), path
    assert response.headers["content-type"].startswith("text/html")
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(AXE_RUN)
    violations = results["violations"]
    assert not violations, f"axe found violations on {path}:\n{describe(violations)}"
    assert results["passes"], "axe checked nothing: did the page load?"
