"""The SIGKILL fault test (bench/digests_fault.py), small enough for CI: about two minutes."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.postgres
@pytest.mark.redis
def test_a_run_survives_five_sigkills_with_nothing_lost_and_nothing_sent_twice():
    database = urlsplit(os.environ["DATABASE_URL"])
    # A database of its own, next to the test database, emptied by the script.
    fault_database = database._replace(path=f"{database.path}_fault").geturl()
    done = subprocess.run(
        [sys.executable, "bench/digests_fault.py", "--recipients", "2000", "--kills", "5"]
        + ["--database-url", fault_database, "--redis-url", os.environ["REDIS_URL"]]
        + ["--queue", f"digests-fault-test-{os.getpid()}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    result_line = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert result_line, done.stdout + done.stderr
    figures = json.loads(result_line[0].removeprefix("RESULT "))
    assert figures["kills"] >= 5
    assert figures["recipients"] == figures["delivered"] == 2000
    assert (figures["lost"], figures["duplicates"], figures["unexpected"]) == (0, 0, 0)
    assert figures["second_trigger_sent"] == 0
    assert done.returncode == 0
