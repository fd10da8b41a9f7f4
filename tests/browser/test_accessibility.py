"""axe-core finds no WCAG 2.2 AA violations on any kind of page, with the demo board loaded."""

import pytest

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


@pytest.fixture
def browser_context_args(browser_context_args):
    """axe is injected as an inline script, which the site's Content-Security-Policy rightly
    refuses: let the test browser ignore the policy (tests/test_security_headers.py checks it)."""
    return {**browser_context_args, "bypass_csp": True}


def activity_with_reports() -> str:
    activity = Activity.objects.filter(reports__isnull=False).order_by("pk").first()
    assert activity is not None, "the demo data has no activity reported at a meeting"
    return activity.get_absolute_url()


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
