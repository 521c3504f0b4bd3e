#!/usr/bin/env python
"""Where a cold browse section's time goes (docs/performance.md "Explore").

For each list page of bench/explore_load.py, in-process on its seeded database
and with nothing cached, times the parts of one section separately: the
person's partner councils, the facet counts, an exact count of the matching
rows, a count capped at what the pages can show, the page of rows (with the
themes prefetch), rendering the filter form, and rendering the results. Then
whole requests: with the cache empty, warm, and just after a change. Each
figure is the median of --repeat runs.

    .venv/bin/python bench/explore_cold.py               # the database as seeded
    .venv/bin/python bench/explore_cold.py --repeat 11

Seed first with bench/explore_load.py (--skip-load is enough).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from explore_load import bench_environment, bench_user, choose_pages

ROOT = Path(__file__).resolve().parent.parent


def timed(function):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        result = function()
    return result, (time.perf_counter() - started) * 1000, len(captured.captured_queries)


def parts_of(path, user):
    """{part: (ms, queries)} for one cold build of the section at `path`."""
    from django.test import RequestFactory

    from explore import views
    from explore.filters import ExperimentFilter, IdeaFilter, visible_adoption_count
    from explore.pagination import paginate
    from explore.sections import render_without_processors
    from ideas.models import Idea
    from pilots.models import Pilot

    request = RequestFactory().get(path)
    request.user = user
    user.__dict__.pop("_visible_council_ids", None)
    user.__dict__.pop("_pilot_filters", None)
    is_ideas = path.startswith("/browse/ideas")
    filter_class = IdeaFilter if is_ideas else ExperimentFilter
    scoped = Idea.objects.shared_with if is_ideas else Pilot.objects.visible_to
    parts = {}

    def part(name, function):
        result, ms, queries = timed(function)
        parts[name] = (ms, queries)
        return result

    queryset = part("partner councils", lambda: scoped(user))
    filterset = filter_class(request.GET, queryset=queryset, request=request)
    count, facets = part("facet counts", filterset.facet_counts)
    part("exact count", lambda: filterset.filtered().count())
    part(
        "count capped at 10,001",
        lambda: filterset.filtered().order_by().values("pk")[:10_001].count(),
    )
    rows = filterset.qs.select_related("council").prefetch_related("themes")
    rows = rows.defer("search_vector")
    if is_ideas:
        rows = rows.select_related("author")
    else:
        rows = rows.select_related("outcome")
        if "adoption_count" not in rows.query.annotations:
            rows = rows.annotate(adoption_count=visible_adoption_count(user))
    filterset.show_facet_counts(facets)
    page_obj = part("rows and themes", lambda: paginate(request, rows, count))
    form = {"form": filterset.form, "action": path}
    filters = part(
        "render filters",
        lambda: render_without_processors("explore/_filters.html", form, request),
    )
    context = {**form, "filters": filters, "page_obj": page_obj}
    if is_ideas:
        context["rows"] = views.idea_rows(user, page_obj.object_list)
    template = f"explore/_browse_{filter_class.section}.html"
    # Until the filter form was cached on its own, the section rendered it too.
    part("render results", lambda: render_without_processors(template, context, request))
    return parts


NOT_TODAY = ("exact count", "count capped at 10,001")


def today(medians):
    return sum(ms for name, ms in medians.items() if name not in NOT_TODAY)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    bench_environment(cold=False)  # the parts bypass the cache; whole requests use it
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    import django

    django.setup()
    from django.conf import settings
    from django.utils import translation

    from ideas.models import Idea

    translation.activate(settings.LANGUAGE_CODE)
    membership = bench_user()
    user = membership.user
    print(f"{Idea.objects.count():,} ideas; signed in as staff of {membership.council}")
    print(f"median of {args.repeat} runs, ms (queries), load average {os.getloadavg()[0]:.2f}")
    pages = [(name, path) for name, path, kind in choose_pages(user) if kind == "list"]
    names = None
    for name, path in pages:
        runs = [parts_of(path, user) for _ in range(args.repeat + 1)][1:]  # the first warms up
        if names is None:
            names = list(runs[0])
            print(f"{'page':<24}" + "".join(f"{n:>24}" for n in names) + f"{'sum':>8}")
        medians = {n: statistics.median(run[n][0] for run in runs) for n in names}
        cells = "".join(f"{medians[n]:>19.1f} ({runs[0][n][1]})" for n in names)
        print(f"{name:<24}{cells}{today(medians):>8.1f}")
    print(f"load average {os.getloadavg()[0]:.2f}")
    print("sum: every part but the two counts (the facet counts give the total)\n")
    whole_requests(pages, membership.user, args.repeat)


def whole_requests(pages, user, repeat):
    """One whole request (test client) with the cache empty, warm, and just after a change.

    The change is a save of a public idea (idea lists) or pilot (the others):
    one every person can see, so it reaches every audience.
    """
    from django.core.cache import cache
    from explore_load import fetch, signed_in_client

    from ideas.models import Idea
    from pilots.models import Pilot

    client, _session = signed_in_client(user)
    changed = {
        model: model.objects.filter(visibility="public").order_by("pk").first()
        for model in (Idea, Pilot)
    }
    print(f"whole request, median of {repeat}, ms (queries)")
    print(f"{'page':<24}{'empty cache':>18}{'after a change':>18}{'warm':>18}")
    for name, path in pages:
        row = changed[Idea if path.startswith("/browse/ideas") else Pilot]
        runs = {"empty": [], "change": [], "warm": []}
        client.get(path)
        for _ in range(repeat):
            cache.clear()
            runs["empty"].append(fetch(client, path))
            runs["warm"].append(fetch(client, path))
            row.save(update_fields=["updated_at"])
            runs["change"].append(fetch(client, path))
        cells = "".join(
            f"{statistics.median(r['ms'] for r in runs[part]):>13.1f} ({runs[part][0]['queries']})"
            for part in ("empty", "change", "warm")
        )
        print(f"{name:<24}{cells}")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
