"""What bench/explore_load.py prints: the machine, the sizes, each page's figures, the plans."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def report(pages, counted, loaded, findings, facts, args_duration):
    print("\n== sizes")
    for key, value in facts["sizes"].items():
        print(f"  {key:<30} {value:>12,}")
    print(f"\n== pages ({facts['load']})")
    baseline = next((loaded.get(name) for name, _p, kind in pages if kind == "baseline"), None)
    header = f"  {'page':<34} {'req/s':>8} {'p50':>7} {'p95':>7} {'p99':>7} {'x base':>7}"
    print(
        header + f" {'queries':>7} {'sql ms':>7} {'1 req ms':>8} {'warm q':>6} {'warm ms':>7}"
        f" {'status':>6}  path"
    )
    for name, path, _kind in pages:
        figures = loaded.get(name, {})
        count = counted[name]
        if figures.get("requests") == 0:
            row = f"{0.0:8.1f} {'none completed in ' + str(args_duration) + ' s':>31}"
        elif "rps" in figures:
            ratio = figures["rps"] / baseline["rps"] if baseline and "rps" in baseline else 0
            row = (
                f"{figures['rps']:8.1f} {figures['p50'] / 1000:7.1f} {figures['p95'] / 1000:7.1f} "
                f"{figures['p99'] / 1000:7.1f} {ratio:7.2f}"
            )
        else:
            row = f"{'-':>8} {'-':>7} {'-':>7} {'-':>7} {'-':>7}"
        print(
            f"  {name:<34} {row} {count['queries']:>7} {count['sql_ms']:>7} {count['ms']:>8} "
            f"{count['warm_queries']:>6} {count['warm_ms']:>7} {count['status']:>6}  {path}"
        )
    errors = {
        name: {key: figures[key] for key in ("non_2xx", "timeout", "connect", "read")}
        for name, figures in loaded.items()
        if "rps" in figures and any(figures[k] for k in ("non_2xx", "timeout", "connect"))
    }
    if errors:
        print(f"  errors: {errors}")
    print("\n== EXPLAIN (ANALYZE, BUFFERS) of list and search queries")
    for finding in findings:
        flag = f"SEQ SCAN on {', '.join(finding['seq_scans'])}" if finding["seq_scans"] else "ok"
        print(f"-- {finding['page']}: {finding['ms']} ms, {flag}")
        print("   " + finding["sql"][:600].replace("\n", " "))
        print("   " + finding["plan"].replace("\n", "\n   "))


def memory():
    meminfo = Path("/proc/meminfo")
    if not meminfo.exists():
        return ""
    kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
    return f"{kib / 1024 / 1024:.1f} GiB"


def machine():
    def run(command):
        try:
            return subprocess.run(command, capture_output=True, text=True).stdout
        except OSError:
            return ""

    import django
    import psycopg
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
    cpu = re.search(r"Model name:\s*(.+)", run(["lscpu"]))
    return {
        "nproc": run(["nproc"]).strip(),
        "cpu": cpu.group(1).strip() if cpu else "",
        "memory": memory(),
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "psycopg": psycopg.__version__,
        "postgres": postgres,
        "shared_buffers": shared_buffers,
        "gunicorn": run([str(ROOT / ".venv/bin/gunicorn"), "--version"]).strip(),
        "wrk": (run(["wrk", "-v"]).splitlines() or [""])[0],
        "load_average": os.getloadavg(),
    }


def sizes():
    from accounts.models import User
    from councils.models import Council, Partnership
    from ideas.models import Idea
    from outcomes.models import Outcome
    from pilots.models import Pilot

    return {
        "councils": Council.objects.filter(memberships__isnull=False).distinct().count(),
        "users": User.objects.count(),
        "ideas": Idea.objects.count(),
        "pilots": Pilot.objects.count(),
        "outcomes": Outcome.objects.count(),
        "adoptions": Pilot.objects.filter(adapted_from__isnull=False).count(),
        "partnerships": Partnership.objects.count(),
        "private ideas (council only)": Idea.objects.filter(visibility="council").count(),
    }


def report_figures(name, figures):
    # Other work on the machine shows up here, not in the figures themselves.
    figures["load_average_1m"] = round(os.getloadavg()[0], 2)
    print(
        f"  {name:<34} {figures['rps']:8.1f} req/s  "
        f"p50 {figures['p50'] / 1000:7.1f}  p95 {figures['p95'] / 1000:7.1f}  "
        f"p99 {figures['p99'] / 1000:7.1f} ms  timeouts {figures['timeout']}  "
        f"load {figures['load_average_1m']}",
        flush=True,
    )
    return figures


def write_json(path, facts, membership, pages, counted, loaded, findings):
    """Every figure of a run, for docs/performance.md's tables."""
    for value in counted.values():
        value.pop("sql")
    path.write_text(
        json.dumps(
            {
                **facts,
                "user": {"role": membership.role, "council": str(membership.council)},
                "pages": [
                    {"name": n, "path": p, **counted[n], **loaded.get(n, {})} for n, p, _k in pages
                ],
                "explain": findings,
            },
            indent=2,
            default=str,
        )
    )
    print(f"\nfigures written to {path}")
