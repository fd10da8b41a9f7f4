"""Fixtures for the browser tests: Debian's Chromium, driven by Playwright, against
pytest-django's live server with the demo board loaded.

Outside CI a machine without Chromium or axe-core skips these tests with the reason;
under CI (CI set) a missing piece fails them, so a green run always drove a browser.
"""

import os
from pathlib import Path

import pytest

from seed_data.demo import DemoLoader

# Playwright's sync API runs an event loop in the test thread, so Django would otherwise
# refuse the fixtures' database access with SynchronousOnlyOperation.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PROJECT_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def missing_pieces() -> list[str]:
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"{CHROMIUM} (apt-get install chromium, or `make browser`)")
    if not AXE_SCRIPT.is_file():
        missing.append(f"{AXE_SCRIPT.relative_to(PROJECT_DIR)} (npm install)")
    return missing


@pytest.fixture(scope="session", autouse=True)
def _browser_prerequisites():
    missing = missing_pieces()
    if not missing:
        return
    message = "browser tests need " + " and ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(message + "; under CI they must run, not skip", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, _browser_prerequisites):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Pages open by path, e.g. page.goto("/actions/"), on pytest-django's live server."""
    return live_server.url


@pytest.fixture(autouse=True)
def demo(transactional_db, live_server):
    """The demo board in every browser test, committed so the live server's thread sees it."""
    DemoLoader().load()


@pytest.fixture
def axe_script() -> Path:
    return AXE_SCRIPT
