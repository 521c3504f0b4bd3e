#!/usr/bin/env python
"""What writing the visibility rule's SQL costs in Python, per query (issue 15).

A page builds the rule once per person and request (`pilot_filter`), but every
query that uses it resolves and compiles it again. This prints the milliseconds
for the pilots' rule at each lineage depth, inside `Exists` as the pilot page
uses it, and the ideas' rule for comparison; no query is run.

    BENCH_EXPLORE_DB=ideabank_bench_explore .venv/bin/python bench/visibility_rule_cost.py
"""

import os
import time

from explore_counts import on_the_bench_database

TIMES = 50


def mean_ms(build):
    """The mean milliseconds of `build()` over TIMES calls, after one to warm up."""
    build()
    started = time.perf_counter()
    for _ in range(TIMES):
        build()
    return (time.perf_counter() - started) / TIMES * 1000


def main():
    on_the_bench_database()
    from django.db.models import Exists, OuterRef
    from explore_load import bench_user

    from ideas.models import Idea
    from pilots.models import MAX_LINEAGE, Pilot, pilot_filter

    user = bench_user().user
    print(f"load average at the start: {os.getloadavg()[0]:.1f}")
    for depth in range(MAX_LINEAGE + 1):
        rule = pilot_filter(user, depth=depth)
        compiled = mean_ms(lambda rule=rule: str(Pilot.objects.filter(rule).query))
        filtered = mean_ms(lambda rule=rule: Pilot.objects.filter(rule))
        print(
            f"pilots, lineage depth {depth}: filter and compile {compiled:.2f} ms, "
            f"filter only {filtered:.2f} ms"
        )

    def source_visible():
        visible = Pilot.objects.visible_to(user).filter(pk=OuterRef("adapted_from_id"))
        return str(Pilot.objects.annotate(source_visible=Exists(visible)).query)

    print(f"pilots, depth {MAX_LINEAGE}, inside Exists: {mean_ms(source_visible):.2f} ms")
    ideas = mean_ms(lambda: str(Idea.objects.visible_to(user).query))
    print(f"ideas, filter and compile: {ideas:.2f} ms")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
