#!/usr/bin/env python
"""Facet counts counted from rows against summed from the kept counts (issue 15).

The same varied browse paths, each counted both ways in turn in one process, so
that both see the same machine load; prints the medians and their ratio.

    BENCH_EXPLORE_DB=ideabank_perf_bench .venv/bin/python bench/explore_counts.py
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = 20


def counted(filter_class, path, user, *, cells):
    """Milliseconds to count one path's facets, from the cells or from the rows."""
    from django.test import RequestFactory

    from explore.filters import IdeaFilter
    from ideas.models import Idea, IdeaCount
    from outcomes.models import ExperimentCount
    from pilots.models import Pilot

    user.__dict__.pop("_pilot_filters", None)  # as a new request would
    user.__dict__.pop("_visible_council_ids", None)
    request = RequestFactory().get(path)
    request.user = user
    if filter_class is IdeaFilter:
        rows, kept = Idea.objects.shared_with(user), IdeaCount.objects.shared_with(user)
    else:
        rows, kept = Pilot.objects.visible_to(user), ExperimentCount.objects.visible_to(user)
    filterset = filter_class(
        request.GET, queryset=rows, request=request, cells=kept if cells else None
    )
    started = time.perf_counter()
    filterset.facet_counts()
    return (time.perf_counter() - started) * 1000


def on_the_bench_database():
    """Django set up on the seeded database (BENCH_EXPLORE_DB), the bench on the path."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ideabank.settings")
    database = os.environ.get("BENCH_EXPLORE_DB", "ideabank_bench_explore")
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import django

    django.setup()


def main():
    on_the_bench_database()
    from explore_load import bench_user
    from explore_varied import browse_path, choices

    from explore.filters import ExperimentFilter, IdeaFilter

    user = bench_user().user
    rng = random.Random(7)  # noqa: S311 (varied traffic, not secrets)
    options = choices()
    print(f"load average at the start: {os.getloadavg()[0]:.1f}")
    for filter_class, base, pilots in [
        (IdeaFilter, "/browse/ideas/", False),
        (ExperimentFilter, "/browse/experiments/", True),
    ]:
        from_rows, from_cells = [], []
        for number in range(PATHS):
            path = browse_path(base, options, rng, pilots=pilots, search=False)
            order = [True, False] if number % 2 else [False, True]  # alternate who goes first
            for cells in order:
                (from_cells if cells else from_rows).append(
                    counted(filter_class, path, user, cells=cells)
                )
        rows_ms, cells_ms = statistics.median(from_rows), statistics.median(from_cells)
        print(
            f"{filter_class.__name__:17} from rows {rows_ms:6.0f} ms  "
            f"from kept counts {cells_ms:6.0f} ms  ({rows_ms / cells_ms:.1f} x faster)"
        )
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
