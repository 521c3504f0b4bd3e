"""The SIGKILL fault test (bench/digests_fault.py), small enough for CI: about a minute."""

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
    script = subprocess.Popen(  # noqa: S603 (our own script)
        [sys.executable, "bench/digests_fault.py", "--recipients", "2000", "--kills", "5"]
        + ["--concurrency", "2", "--database-url", fault_database]
        + ["--redis-url", os.environ["REDIS_URL"], "--queue", f"digests-fault-test-{os.getpid()}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = script.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        script.terminate()  # the script stops its worker and sink on SIGTERM
        stdout, stderr = script.communicate(timeout=60)
    result_line = [line for line in stdout.splitlines() if line.startswith("RESULT ")]
    assert result_line, stdout + stderr
    figures = json.loads(result_line[0].removeprefix("RESULT "))
    assert figures["kills"] >= 5
    assert figures["recipients"] == figures["delivered"] == 2000
    assert (figures["lost"], figures["duplicates"], figures["unexpected"]) == (0, 0, 0)
    # A kill between a message's final dot and its COMMIT resends that message: at most
    # one per worker process killed (bench/digests_fault.py, docs/performance.md).
    assert figures["resent_after_kill"] <= figures["kills"] * 2
    assert figures["second_trigger_sent"] == 0
    assert script.returncode == 0


@pytest.fixture
def count_copies(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    from digests_fault import count_copies

    return count_copies


def test_a_copy_counts_as_resent_only_if_it_was_in_flight_on_a_connection_cut_off(count_copies):
    lines = [
        ("ann@a.test", "<digest-1-1@x>", "1"),
        ("ben@a.test", "<digest-1-2@x>", "1"),  # connection 1 is cut off here
        ("ben@a.test", "<digest-1-2@x>", "2"),
        ("cat@a.test", "<digest-1-3@x>", "2"),
    ]
    assert count_copies(lines, quit_connections={"2"}) == {
        "resent_after_kill": 1,
        "duplicates": 0,
    }


@pytest.mark.parametrize(
    ("lines", "quit_connections"),
    [
        # The first copy went out on a connection that ended normally.
        ([("ben@a.test", "<m2>", "1"), ("ben@a.test", "<m2>", "2")], {"1", "2"}),
        # The first copy was not the last message on its cut-off connection.
        (
            [
                ("ben@a.test", "<m2>", "1"),
                ("cat@a.test", "<m3>", "1"),
                ("ben@a.test", "<m2>", "2"),
            ],
            {"2"},
        ),
        # A different Message-ID: a second digest, not a resend.
        ([("ben@a.test", "<m2>", "1"), ("ben@a.test", "<m9>", "2")], {"2"}),
    ],
)
def test_any_other_extra_copy_is_a_duplicate(count_copies, lines, quit_connections):
    assert count_copies(lines, quit_connections) == {"resent_after_kill": 0, "duplicates": 1}
