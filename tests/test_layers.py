"""The apps depend one way: each may import only apps in lower layers (and Django, and
libraries). A module that imports a higher layer, or an app of its own layer, fails here,
whether the import is at the top of the module or inside a function."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lower numbers are lower layers. Apps in one layer do not import each other.
LAYERS = {
    "boards": 0,  # boards, years, people, roles; who may read what; board versions; form pieces
    "workplan": 1,  # programmes, themes, activities, progress updates
    "meetings": 2,  # meetings and notes, linked to the activities they reported on
    "reports": 3,  # the end-of-year report
    "papers": 3,  # papers' files as PDF, and the agenda packs built from them
    "reminders": 4,  # reminders by e-mail, including of comments on the end-of-year report
    "seed_data": 5,  # the demo board and scale data, and the shared record loader
    "imports": 6,  # old papers and notes read into drafts (uses seed_data's loader)
    "web": 7,  # every page, feed, template tag and template; what is stored (caching.py)
    "api": 8,  # the open-data API (its answers are stored as the pages are)
    "config": 9,  # settings and root URLs
}
PACKAGES = [p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name != "tests"]


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
    return names & set(PACKAGES)


def test_every_app_has_a_layer():
    # bench/ and scripts/ are tools that may use any app.
    apps = set(PACKAGES) - {"bench", "scripts"}
    assert apps <= set(LAYERS), f"Give each app a layer in LAYERS: {sorted(apps - set(LAYERS))}"


@pytest.mark.parametrize("app", sorted(set(LAYERS) & set(PACKAGES)))
def test_app_imports_only_lower_layers(app):
    upward = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for other in imported_apps(path) - {app}:
            if other in LAYERS and LAYERS[other] >= LAYERS[app]:
                upward.append(f"{path.relative_to(ROOT)} imports {other}")
    assert upward == []


def test_the_check_finds_an_upward_import(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("def page():\n    from meetings.models import Meeting\n    return Meeting\n")
    assert imported_apps(module) == {"meetings"}


DOMAIN_APPS = [
    "boards",
    "workplan",
    "meetings",
    "reports",
    "papers",
    "reminders",
    "imports",
    "seed_data",
]


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_pages_live_only_in_the_web_layer(app):
    """A newcomer finds every page in web/: no domain app has views, URLs, feeds or template
    tags, and its only templates are what it writes itself (the reminder e-mails)."""
    folder = ROOT / app
    pages = [
        str(path.relative_to(ROOT))
        for pattern in ("views.py", "*_views.py", "urls.py", "feeds.py", "templatetags/*.py")
        for path in folder.rglob(pattern)
    ]
    templates = [
        str(path.relative_to(ROOT))
        for path in (folder / "templates").rglob("*")
        if path.is_file() and "/email/" not in str(path)
    ]
    assert pages + templates == []
