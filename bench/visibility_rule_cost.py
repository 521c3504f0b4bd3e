#!/usr/bin/env python
"""What the visibility rule costs, per query (issue 15).

A page builds the rule once per person and request (`pilot_filter`), but every
query that uses it resolves and compiles it again. This prints the milliseconds
of Python for the pilots' rule at each lineage depth, inside `Exists` as the
pilot page uses it, and the ideas' rule for comparison; then what PostgreSQL
spends running three queries that use it (EXPLAIN ANALYZE, median of 7).

    BENCH_EXPLORE_DB=ideabank_bench_explore .venv/bin/python bench/visibility_rule_cost.py
"""

import os
import statistics
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


def median_sql_ms(queryset):
    """PostgreSQL's median execution time for `queryset`, over 7 runs."""
    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    times = []
    with connection.cursor() as cursor:
        for _ in range(7):
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
            times.append(cursor.fetchone()[0][0]["Execution Time"])
    return statistics.median(times)


def main():
    on_the_bench_database()
    from django.db.models import Exists, OuterRef
    from explore_load import bench_user

    from ideas.models import Idea
    from outcomes.models import Outcome
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
    pilots = Pilot.objects.visible_to(user)
    queries = {
        "every visible pilot": pilots.values("pk"),
        "the newest 20 visible pilots": pilots.order_by("-created_at").values("pk")[:20],
        "every visible outcome": Outcome.objects.visible_to(user).values("pk"),
    }
    for name, queryset in queries.items():
        print(f"SQL, {name}: {median_sql_ms(queryset):.1f} ms")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
