"""Load: the load script, shortened, against gunicorn and PostgreSQL. `make loadtest` runs it
for the full 60 seconds. It needs a real PostgreSQL server (SQLite serialises every write),
so it runs in the PostgreSQL half of CI."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the load test runs against PostgreSQL",
)


def test_mixed_reads_and_writes_under_load_lose_nothing_and_never_fail():
    result = subprocess.run(
        [sys.executable, "scripts/loadtest.py", "--seconds", "10", "--clients", "32"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    summary = result.stdout.strip().splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 missing afterwards, 0 server errors" in summary[-1]


def test_the_load_test_never_drops_a_database_it_did_not_create():
    name = f"someone_elses_{secrets.token_hex(4)}"
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAqc"]
    subprocess.run([*psql, f"CREATE DATABASE {name}"], check=True)
    try:
        result = subprocess.run(
            [sys.executable, "scripts/loadtest.py", "--seconds", "1"],
            cwd=ROOT,
            env={**os.environ, "LOADTEST_DATABASE": name},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode != 0
        assert f"Database {name} exists and the load test did not create it" in result.stderr
        exists = subprocess.run(
            [*psql, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
            capture_output=True,
            text=True,
        )
        assert exists.stdout.strip() == "1"
    finally:
        subprocess.run([*psql, f"DROP DATABASE IF EXISTS {name}"], check=True)
