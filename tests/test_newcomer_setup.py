"""What a newcomer needs to set the project up: README lists every environment variable the
code, the Makefile and the scripts read; `make test` reaches apt-get through sudo when not
root; `make run` prints the address it serves; CI logs show the slowest tests and why any
were skipped."""

import os
import re
import subprocess
import sys
import tomllib
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands, load_command_class

ROOT = Path(settings.BASE_DIR)
README = (ROOT / "README.md").read_text(encoding="utf-8")
SKIP_DIRS = {".venv", "node_modules", ".git", "staticfiles", "static"}

# How Python reads a variable: os.environ.get, os.getenv, os.environ[...] when not assigned
# to, and the settings module's env_bool and env_list, each given the name as a literal.
PYTHON_READS = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|env_bool|env_list)\(\s*["'](\w+)["']"""
    r"""|os\.environ\[\s*["'](\w+)["']\s*\](?!\s*=[^=])"""
)
MAKE_READS = re.compile(r"^(\w+)\s*\?=", re.MULTILINE)
SHELL_READS = re.compile(r"\$\{([A-Z_][A-Z0-9_]*):-")


def source_files(*patterns: str) -> list[Path]:
    return [
        path
        for pattern in patterns
        for path in ROOT.rglob(pattern)
        if not SKIP_DIRS & set(path.relative_to(ROOT).parts)
    ]


def variables_read() -> set[str]:
    # dj-database-url reads DATABASE_URL itself.
    names = {"DATABASE_URL"}
    for path in source_files("*.py"):
        for match in PYTHON_READS.finditer(path.read_text(encoding="utf-8")):
            names.add(match.group(1) or match.group(2))
    names |= set(MAKE_READS.findall((ROOT / "Makefile").read_text(encoding="utf-8")))
    for path in [*source_files("*.sh"), ROOT / ".ci" / "run"]:
        names |= set(SHELL_READS.findall(path.read_text(encoding="utf-8")))
    return names


def test_readme_lists_every_environment_variable_the_code_reads():
    names = variables_read()
    # The scan finds the variables a newcomer tripped over, so it is looking in the right places.
    assert {"SECURE_SSL_REDIRECT", "CONN_MAX_AGE", "LOG_LEVEL", "EMAIL_HOST", "PORT"} <= names
    assert sorted(name for name in names if f"`{name}`" not in README) == []


def test_readme_says_how_to_run_production_settings_over_plain_http():
    assert "`SECURE_SSL_REDIRECT=false`" in README
    assert "`SECURE_COOKIES=false`" in README
    assert "`BEHIND_PROXY=true`" in README


def test_readme_gives_the_import_options_an_update_paper_needs():
    command = load_command_class(get_commands()["import_document"], "import_document")
    usage = command.create_parser("manage.py", "import_document").format_help()
    for option in ("--meeting-date", "--item", "--kind", "--dry-run", "--accept"):
        assert option in usage
        assert f"[{option}" in README


def test_make_test_installs_system_packages_through_sudo_when_not_root(tmp_path):
    fake_id = tmp_path / "id"
    fake_id.write_text("#!/bin/sh\necho 1000\n")
    fake_id.chmod(0o755)
    dry_run = subprocess.run(
        ["make", "-n", "system-packages"],
        cwd=ROOT,
        env={"PATH": f"{tmp_path}:/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    installs = [line for line in dry_run.splitlines() if "apt-get install" in line]
    assert installs
    assert all(
        "sudo apt-get update" in line and "sudo apt-get install" in line for line in installs
    )
    assert "root or `sudo`" in README or "have `sudo` rights" in README


@pytest.mark.django_db
def test_the_dev_admin_command_prints_the_address_make_run_serves(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("create_dev_admin", "--host", "0.0.0.0", "--port", "8123", stdout=out)
    assert "http://0.0.0.0:8123/admin/" in out.getvalue()
    out = StringIO()
    call_command("create_dev_admin", stdout=out)
    assert "http://127.0.0.1:8000/admin/" in out.getvalue()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "create_dev_admin --host $(HOST) --port $(PORT)" in makefile


def test_ci_logs_show_the_slowest_tests_and_the_reasons_for_skips():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    addopts = pyproject["tool"]["pytest"]["ini_options"]["addopts"].split()
    assert "--durations=15" in addopts
    assert any(o.startswith("-r") and "s" in o for o in addopts)  # skip reasons reported


def without_database_names() -> dict[str, str]:
    """This process's environment less the names the tests below choose themselves (a run
    of the suite may have been started with its own)."""
    names = {"LOADTEST_DATABASE", "BENCH_DATABASE", "CI_DATABASE"}
    return {key: value for key, value in os.environ.items() if key not in names}


def make_dry_run(*args: str) -> str:
    return subprocess.run(
        ["make", "-n", *args],
        cwd=ROOT,
        env=without_database_names(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_postgresql_database_names_come_from_the_environment_with_todays_defaults():
    assert "scripts/ensure-postgres.sh bench_s\n" in make_dry_run("bench")
    assert "scripts/ensure-postgres.sh bench_l\n" in make_dry_run("bench", "SCALE=L")
    mine = make_dry_run("bench", "BENCH_DATABASE=bench_mine")
    assert "scripts/ensure-postgres.sh bench_mine\n" in mine
    assert "127.0.0.1:5432/bench_mine " in mine
    probe = (
        "import sys; sys.path.insert(0, 'scripts'); import loadtest; print(loadtest.DATABASE_URL)"
    )
    for env, name in (({}, "boardapp_loadtest"), ({"LOADTEST_DATABASE": "lt_mine"}, "lt_mine")):
        url = subprocess.run(
            [sys.executable, "-c", probe],
            cwd=ROOT,
            env={**without_database_names(), **env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert url.endswith(f"/{name}")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'CI_DATABASE="${CI_DATABASE:-boardapp}"' in ci
    assert 'ensure-postgres.sh "$CI_DATABASE"' in ci
    assert "/boardapp:boardapp@127.0.0.1:5432/$CI_DATABASE" in ci
