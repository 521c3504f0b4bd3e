#!/usr/bin/env python
"""Steady edits while bench/explore_load.py measures (its --churn), and its mixed load.

Run by explore_load.py as a separate process with the same settings, so the
changes go through the ORM and explore's signals fire as they would for a
person editing: every SECONDS it saves one idea or one pilot (in turn), picked
at random from the whole table, drafts and private rows included, as edits
across 400 councils would be. Each save moves the row to the next audience
(council only, partners, all councils, public) and touches `updated_at`: it
changes who sees the row, so the kept facet counts move between cells, and it
moves the row up the "recently updated" order. `counts_exact` checks afterwards
that the kept counts still equal a recount of the rows.

    .venv/bin/python bench/explore_churn.py --every 1   # until SIGTERM; prints its saves

`mix_script` writes the wrk script of the "browse mix" page: each request is
the next list page for the next of several councils' members (and a visitor),
so the load touches as many cached sections as a real site would.
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def churn(every, seed):
    from councils.models import Visibility
    from ideas.models import Idea
    from pilots.models import Pilot

    audiences = list(Visibility.values)
    chooser = random.Random(seed)  # noqa: S311 (which row to touch, not a secret)
    bounds = {}
    for model in (Idea, Pilot):
        ids = model.objects.order_by("pk").values_list("pk", flat=True)
        bounds[model] = (ids.first(), ids.last())
    saves = {"ideas": 0, "pilots": 0, "slowest_ms": 0.0}
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_args: stopping.append(True))
    models = [Idea, Pilot]
    next_at = time.monotonic() + every
    while not stopping:
        time.sleep(max(0.0, next_at - time.monotonic()))
        if stopping:
            break
        next_at += every
        model = models[(saves["ideas"] + saves["pilots"]) % 2]
        low, high = bounds[model]
        row = model.objects.filter(pk__gte=chooser.randint(low, high)).order_by("pk").first()
        row.visibility = audiences[(audiences.index(row.visibility) + 1) % len(audiences)]
        started = time.perf_counter()
        row.save(update_fields=["visibility", "updated_at"])
        saves["slowest_ms"] = max(saves["slowest_ms"], (time.perf_counter() - started) * 1000)
        saves["ideas" if model is Idea else "pilots"] += 1
    print("CHURN " + " ".join(f"{key}={value:g}" for key, value in saves.items()), flush=True)


def counts_exact():
    """True if the kept facet counts equal the rows counted afresh, as the tests
    define it (tests/explore/test_kept_counts.py)."""
    from tests.explore.test_kept_counts import assert_cells_exact

    try:
        assert_cells_exact()
    except AssertionError:
        return False
    return True


def mix_script(paths, cookies, report):
    """A wrk script going round every path for each cookie in turn ("" is a visitor)."""

    def lua_list(values):
        return "{" + ", ".join(f'"{value}"' for value in values) + "}"

    return f"""
local paths = {lua_list(paths)}
local cookies = {lua_list(cookies)}
local n = 0
request = function()
  n = n + 1
  local path = paths[(n % #paths) + 1]
  local cookie = cookies[(math.floor(n / #paths) % #cookies) + 1]
  local headers = {{}}
  if cookie ~= "" then headers["Cookie"] = cookie end
  return wrk.format("GET", path, headers)
end
{report}
"""


def mix_members(count):
    """Staff members of `count` councils, half of them in a partnership, in a fixed order."""
    from councils.models import Membership

    staff = Membership.objects.filter(role=Membership.Role.STAFF).select_related("user")
    chosen, councils = [], set()
    for in_partnership, wanted in ((True, (count + 1) // 2), (False, count)):
        members = staff.filter(council__partnerships__isnull=not in_partnership).order_by("pk")
        for membership in members.iterator():
            if len(chosen) >= wanted:
                break
            if membership.council_id not in councils:
                councils.add(membership.council_id)
                chosen.append(membership.user)
    return chosen


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=float, required=True, help="seconds between saves")
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ideabank.settings")
    import django

    django.setup()
    churn(args.every, args.seed)


def start_churn(every, env, log):
    """explore_churn.py saving an idea or a pilot every `every` seconds until stopped."""
    command = [str(ROOT / ".venv/bin/python"), str(ROOT / "bench/explore_churn.py")]
    return subprocess.Popen(
        [*command, "--every", str(every)],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )


def stop_churn(process):
    """How many saves the churn process made: {"ideas": n, "pilots": n, "slowest_ms": ms}."""
    process.terminate()
    output, _errors = process.communicate(timeout=30)
    line = next((line for line in output.splitlines() if line.startswith("CHURN ")), "")
    return {key: float(value) for key, value in (pair.split("=") for pair in line.split()[1:])}


if __name__ == "__main__":
    main()
