#!/usr/bin/env python
"""Time and peak memory of a 100,000-row download (docs/performance.md "Exports").

One run: its own PostgreSQL database (created, migrated and seeded with
`manage.py seed_scale`), every seeded idea made public and submitted so that a
member sees exactly --ideas rows, then the shared ideas list downloaded as CSV
and as XLSX through the real view (Django test client, production settings,
the response read chunk by chunk and thrown away). Each format runs twice: once
timed, once under tracemalloc for the peak of Python's heap; a visitor's
download (10,000 rows, where the pages stop) gives the same figures at a tenth
of the size, so a flat memory line shows as the same peak. ru_maxrss is the
process's high-water mark over the whole run.

    .venv/bin/python bench/export_memory.py                 # 100,000 rows
    .venv/bin/python bench/export_memory.py --ideas 20000   # a quick look
    .venv/bin/python bench/export_memory.py --write-docs    # also update docs/performance.md
"""

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import explore_load
from explore_load import PG, bench_environment

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "ideabank_bench_exports"
DOCS = ROOT / "docs" / "performance.md"
SECTION = "## Exports"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--reseed", action="store_true", help="drop and recreate the database")
    parser.add_argument("--write-docs", action="store_true", help="write the figures to the docs")
    return parser.parse_args()


def seed(ideas):
    """Seed once; then make every idea one a member of any council sees on the list."""
    from django.core.management import call_command
    from django.db import connection

    from explore.management.commands.seed_scale import Command as SeedScale
    from ideas.models import Idea

    if Idea.objects.count() != ideas:
        if Idea.objects.exists():
            sys.exit(f"{DB_NAME} holds another number of ideas: run again with --reseed")
        call_command(SeedScale(), ideas=ideas, pilots=1_000, users=5_000, councils=400, force=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE ideas_idea SET visibility = 'public', status = 'submitted'"
            " WHERE visibility <> 'public' OR status IN ('draft', 'withdrawn')"
        )


def member():
    from councils.models import Membership

    # Staff, not a manager: managers must set up two-factor sign-in first.
    staff = Membership.objects.filter(role=Membership.Role.STAFF).select_related("user")
    return staff.order_by("pk").first().user


def download(client, url):
    """Read the response as a browser would, chunk by chunk; the rows and bytes it held."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    response.close()
    return size, lines


def measure(client, url, *, trace):
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    size, lines = download(client, url)
    seconds = time.perf_counter() - started
    peak = None
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return {"seconds": seconds, "bytes": size, "lines": lines, "peak": peak}


def run():
    from django.test import Client
    from django.urls import reverse

    from ideas.models import Idea

    signed_in = Client()
    signed_in.force_login(member())
    visitor = Client()
    rows = Idea.objects.shared_with(member()).count()
    results = []
    for fmt in ("csv", "xlsx"):
        url = reverse(f"explore:ideas_{fmt}")
        for who, client in (("member", signed_in), ("visitor", visitor)):
            timed = measure(client, url, trace=False)
            traced = measure(client, url, trace=True)
            result = {
                "format": fmt.upper(),
                "who": who,
                "rows": rows if who == "member" else min(rows, 10_000),
                "seconds": timed["seconds"],
                "megabytes": timed["bytes"] / 1e6,
                "peak_mib": traced["peak"] / 2**20,
            }
            results.append(result)
            print(
                f"{result['format']:4} {who:7} {result['rows']:>7,} rows "
                f"{result['seconds']:6.1f} s {result['megabytes']:6.1f} MB "
                f"peak Python heap {result['peak_mib']:5.1f} MiB"
            )
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process high-water mark (ru_maxrss) over the whole run: {maxrss:.0f} MiB")
    return results, maxrss


def table(results, maxrss):
    lines = [
        "| file | who | rows | time (s) | size (MB) | peak Python heap (MiB) |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['format']} | {r['who']} | {r['rows']:,} | {r['seconds']:.1f} "
            f"| {r['megabytes']:.1f} | {r['peak_mib']:.1f} |"
        )
    lines.append("")
    lines.append(f"Process high-water mark (`ru_maxrss`) over the whole run: {maxrss:.0f} MiB.")
    return "\n".join(lines)


def write_docs(results, maxrss):
    text = DOCS.read_text()
    figures = table(results, maxrss)
    start = text.find("<!-- exports:figures -->")
    end = text.find("<!-- /exports:figures -->")
    if start == -1 or end == -1:
        sys.exit(f'{DOCS} has no "{SECTION}" figures block to fill')
    text = text[: start + len("<!-- exports:figures -->")] + "\n" + figures + "\n" + text[end:]
    DOCS.write_text(text)
    print(f"wrote the figures into {DOCS}")


def main():
    args = parse_args()
    sys.path.insert(0, str(ROOT))
    bench_environment(cold=True)
    os.environ["DATABASE_URL"] = f"{PG}/{DB_NAME}"
    # explore_load's database helper, pointed at this benchmark's own database.
    explore_load.DB_NAME = DB_NAME
    explore_load.create_database(args.reseed)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seed(args.ideas)
    results, maxrss = run()
    if args.write_docs:
        write_docs(results, maxrss)


if __name__ == "__main__":
    main()
