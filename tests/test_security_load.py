"""Load: the load script, shortened, against gunicorn and PostgreSQL. `make loadtest` runs it
for the full 60 seconds. It needs a real PostgreSQL server (SQLite serialises every write),
so it runs in the PostgreSQL half of CI."""

import os
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
