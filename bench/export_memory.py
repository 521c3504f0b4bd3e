#!/usr/bin/env python
"""Time and peak memory of a 100,000-row download (docs/performance.md "Exports").

One run: its own PostgreSQL database (created, migrated and seeded with
`manage.py seed_scale`), every seeded idea made public and submitted so that a
member sees exactly --ideas rows, then the shared ideas list downloaded as CSV
and as XLSX through the real view (Django test client, production settings,
the response read chunk by chunk and thrown away). Each download runs in a
fresh process, which reports its time, its CPU time (the machine may be shared)
and the process's memory high-water mark (ru_maxrss) before and after it: the
growth is what the download needed. A visitor's download stops at 10,000 rows
(where the pages stop): the same growth for a tenth of the rows means memory
does not grow with the rows.

    .venv/bin/python bench/export_memory.py                 # 100,000 rows
    .venv/bin/python bench/export_memory.py --ideas 20000   # a quick look
    .venv/bin/python bench/export_memory.py --write-docs    # also update docs/performance.md
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
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
    parser.add_argument("--one", nargs=2, metavar=("FORMAT", "WHO"), help=argparse.SUPPRESS)
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


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def maxrss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_one(fmt, who):
    """One download in this process: time, CPU, size, and the memory high-water mark
    before and after (so the growth is what the download itself needed)."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client
    from django.urls import reverse

    from explore.export_views import VISITOR_ROWS
    from ideas.models import Idea

    client = Client()
    person = member() if who == "member" else AnonymousUser()
    if who == "member":
        client.force_login(person)
    rows = Idea.objects.shared_with(person).count()
    url = reverse(f"explore:ideas_{fmt}")
    download(Client(), reverse("explore:councils_csv"))  # warm up imports and connections
    before, cpu, started = maxrss_mib(), cpu_seconds(), time.perf_counter()
    size, _lines = download(client, url)
    return {
        "format": fmt.upper(),
        "who": who,
        "rows": rows if who == "member" else min(rows, VISITOR_ROWS),
        "seconds": time.perf_counter() - started,
        "cpu": cpu_seconds() - cpu,
        "megabytes": size / 1e6,
        "rss_before": before,
        "rss_after": maxrss_mib(),
    }


def run():
    """Each download in a fresh process, so each high-water mark is its own."""
    results = []
    for fmt in ("csv", "xlsx"):
        for who in ("member", "visitor"):
            output = subprocess.run(
                [sys.executable, __file__, "--one", fmt, who],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(output.strip().splitlines()[-1])
            results.append(result)
            print(
                f"{result['format']:4} {who:7} {result['rows']:>7,} rows "
                f"{result['seconds']:6.1f} s ({result['cpu']:.1f} s CPU) "
                f"{result['megabytes']:6.1f} MB, high-water mark "
                f"{result['rss_before']:.0f} -> {result['rss_after']:.0f} MiB"
            )
    return results


def table(results):
    lines = [
        "| file | who | rows | time (s) | CPU (s) | size (MB) | memory high-water mark (MiB) |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r['format']} | {r['who']} | {r['rows']:,} | {r['seconds']:.1f} | {r['cpu']:.1f} "
            f"| {r['megabytes']:.1f} | {r['rss_before']:.0f} before, {r['rss_after']:.0f} after |"
        )
    return "\n".join(lines)


def write_docs(results):
    text = DOCS.read_text()
    figures = table(results)
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
    if not args.one:
        # explore_load's database helper, pointed at this benchmark's own database.
        explore_load.DB_NAME = DB_NAME
        explore_load.create_database(args.reseed)

    import django

    django.setup()
    if args.one:
        print(json.dumps(measure_one(*args.one)))
        return
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seed(args.ideas)
    results = run()
    if args.write_docs:
        write_docs(results)


if __name__ == "__main__":
    main()
