#!/usr/bin/env python
"""Load test of the explore pages at national scale (issue 5, docs/performance.md "Explore").

One run: a dedicated PostgreSQL database (created, migrated and seeded with
`manage.py seed_scale` to the sizes asked for), gunicorn with production
settings on 127.0.0.1:8099 (DEBUG off, 2 sync workers, persistent connections),
then for each page wrk at 50 connections signed in as a council member, plus
query counts (Django test client) and EXPLAIN (ANALYZE, BUFFERS) of every list
and search query.

    .venv/bin/python bench/explore_load.py                  # 100,000 ideas
    .venv/bin/python bench/explore_load.py --ideas 1000000  # tops the database up
    .venv/bin/python bench/explore_load.py --skip-load      # queries and EXPLAIN only
    .venv/bin/python bench/explore_load.py --churn 1 --only "browse mix"  # a change every second
    .venv/bin/python bench/explore_load.py --varied --cold  # every request differs, no cache

Needs wrk (`apt-get install wrk`). The database is reused between runs: a
smaller --ideas than it holds recreates it, a larger one seeds the difference.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from explore_churn import counts_exact, mix_members, mix_script, start_churn, stop_churn
from explore_report import machine, report, report_figures, sizes, write_json
from explore_varied import add_varied_arguments, request_costs, varied_pages, varied_script

ROOT = Path(__file__).resolve().parent.parent
# Helpers sharing a machine each keep their own benchmark database.
DB_NAME = os.environ.get("BENCH_EXPLORE_DB", "ideabank_bench_explore")
PG = "postgres://postgres@127.0.0.1:5432"
HOST, PORT = "127.0.0.1", 8099
BASE_URL = f"http://{HOST}:{PORT}"
SEARCH_TERM = "timesheets"
# The cache that --churn needs: one the churn process and every worker share.
# Database 6 of the Redis the tests use on 6381 is kept for benchmarks (README).
CHURN_CACHE_URL = "redis://127.0.0.1:6381/6"
# Celery's Redis, which production settings require (its cache is the next database).
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6381/5")

# wrk prints p50/p95/p99 and counts through this script (its --latency has no p95).
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRKJSON {\\"requests\\": %d, \\"duration_us\\": %d, \\"bytes\\": %d, "
    .. "\\"p50\\": %d, \\"p95\\": %d, \\"p99\\": %d, \\"max\\": %d, \\"mean\\": %.1f, "
    .. "\\"connect\\": %d, \\"read\\": %d, \\"write\\": %d, \\"status\\": %d, "
    .. "\\"timeout\\": %d}\\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--pilots", type=int, help="default: 10,000, or ideas / 10 above that")
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--councils", type=int, default=400)
    parser.add_argument("--reseed", action="store_true", help="drop and recreate the database")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--duration", type=int, default=15, help="seconds of wrk per page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--wrk-timeout", type=int, default=30, help="seconds before wrk gives up")
    parser.add_argument("--skip-load", action="store_true", help="no wrk: queries and EXPLAIN")
    parser.add_argument("--no-explain", action="store_true")
    parser.add_argument("--only", help='page names, ";" between them: "idea page;home"')
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="turn off explore's section cache: every request filters, counts and renders",
    )
    parser.add_argument(
        "--churn",
        type=float,
        help="save one idea or pilot (in turn) every this many seconds while each page loads",
    )
    parser.add_argument(
        "--cache-url",
        help=f"a shared cache (Redis) instead of each worker's memory; default {CHURN_CACHE_URL} "
        "with --churn",
    )
    add_varied_arguments(parser)
    parser.add_argument(
        "--mix", type=int, default=20, help='councils whose members the "browse mix" page cycles'
    )
    args = parser.parse_args()
    if args.churn and not args.cache_url:
        args.cache_url = CHURN_CACHE_URL
    if args.pilots is None:
        args.pilots = max(10_000, args.ideas // 10)
    return args


def bench_environment(cold, cache_url=None, varied=False):
    """Production settings, pointed at the benchmark database (--varied: plus a bare view)."""
    env = {
        "EXPLORE_SECTION_SECONDS": "0" if cold else "120",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "SECRET_KEY": "bench-explore-not-a-secret-0123456789abcdefghijklmnop",
        "DEBUG": "0",
        # Production refuses laptop defaults (ideabank/lib/checks.py): a real-looking host,
        # mail server, support address and Redis, none of which the pages measured use.
        "ALLOWED_HOSTS": f"bench.ideabank.example,{HOST},testserver",
        "EMAIL_HOST": "127.0.0.1",
        "SUPPORT_EMAIL": "support@bench.ideabank.example",
        "REDIS_URL": BENCH_REDIS_URL,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "bench.explore_settings" if varied else "ideabank.settings",
    }
    # The cache is the next Redis database (settings.py), shared by every worker,
    # unless --cache-url names another.
    os.environ.pop("CACHE_URL", None)
    if cache_url:
        env["CACHE_URL"] = cache_url
    os.environ.update(env)
    return env


def create_database(reseed):
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if exists and reseed:
            conn.execute(f'DROP DATABASE "{DB_NAME}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')
            print(f"created database {DB_NAME}")


def seed(args):
    from django.core.management import call_command

    from ideas.models import Idea
    from pilots.models import Pilot

    have_ideas, have_pilots = Idea.objects.count(), Pilot.objects.count()
    if have_ideas > args.ideas:
        print(f"{DB_NAME} holds {have_ideas:,} ideas, more than {args.ideas:,}: recreating it")
        from django.db import connections

        connections.close_all()
        create_database(reseed=True)
        call_command("migrate", verbosity=0)
        have_ideas, have_pilots = 0, 0
    if have_ideas == args.ideas:
        print(f"{DB_NAME} already holds {have_ideas:,} ideas and {have_pilots:,} pilots")
        return {"seconds": 0, "ideas": have_ideas, "pilots": have_pilots}
    started = time.monotonic()
    options = {
        "ideas": args.ideas - have_ideas,
        "pilots": max(args.pilots - have_pilots, 0),
        "councils": args.councils,
        # A top-up adds only a token number of people.
        "users": args.users if have_ideas == 0 else args.councils,
        "partnerships": None if have_ideas == 0 else 0,
        "force": True,
        "seed": 20261128 + have_ideas,
    }
    print(f"seed_scale {options}")
    # By class, so it runs whether or not explore is in INSTALLED_APPS yet.
    from explore.management.commands.seed_scale import Command as SeedScale

    call_command(SeedScale(), **options)
    seconds = time.monotonic() - started
    return {"seconds": round(seconds, 1), **options}


def collect_static():
    """The manifest storage production uses needs collectstatic (as in the Dockerfile)."""
    from django.conf import settings
    from django.core.management import call_command

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        print("collectstatic (manifest storage, into the git-ignored staticfiles/)")
        call_command("collectstatic", interactive=False, verbosity=0)


def bench_user():
    """A staff member (not a manager) of a council that is in a partnership."""
    from councils.models import Membership

    membership = (
        Membership.objects.filter(role=Membership.Role.STAFF, council__partnerships__isnull=False)
        .select_related("user", "council")
        .order_by("pk")
        .first()
    )
    if membership is None:
        sys.exit("No staff member in a partnership: seed first.")
    return membership


def signed_in_client(user):
    from django.conf import settings
    from django.test import Client

    client = Client(SERVER_NAME=HOST, raise_request_exception=False)
    client.force_login(user)
    return client, client.cookies[settings.SESSION_COOKIE_NAME].value


def has_url(name):
    from django.urls import NoReverseMatch, reverse

    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def choose_pages(user):
    """Each measured page: (name, path, kind). kind "list" pages are EXPLAINed."""
    from django.urls import reverse

    from ideas.models import Idea

    idea = Idea.objects.visible_to(user).exclude(status=Idea.Status.DRAFT).order_by("-pk").first()
    pages = [("bare view (/healthz)", "/healthz", "baseline")]
    if has_url("explore:experiments"):
        experiments = reverse("explore:experiments")
        ideas = reverse("explore:ideas")
        pages += [
            ("home", reverse("home"), "page"),
            ("experiments, page 1", experiments, "list"),
            ("experiments, 2 filters", f"{experiments}?nation=England&verdict=worked", "list"),
            ("experiments, search", f"{experiments}?q={SEARCH_TERM}", "list"),
            ("ideas, 2 filters", f"{ideas}?nation=England&status=accepted", "list"),
            ("ideas, search", f"{ideas}?q={SEARCH_TERM}", "list"),
            ("ideas, page 1", f"{ideas}?page=1", "list"),
            # explore caps lists at MAX_PAGES: a later page number shows the last page.
            ("ideas, page 5000", f"{ideas}?page=5000", "list"),
            # Every list above for members of several councils and a visitor, in turn;
            # its queries and 1-request figures are those of its first path.
            ("browse mix", experiments, "mix"),
        ]
    else:
        # Until the explore pages exist: the ideas and pilots apps' own lists.
        pages += [
            ("home (static template)", "/", "page"),
            ("pilots list", "/pilots/", "list"),
            ("ideas list, page 1", "/ideas/?page=1", "list"),
            ("ideas list, page 5000", "/ideas/?page=5000", "list"),
        ]
    pages.append(("idea page", reverse("ideas:detail", kwargs={"pk": idea.pk}), "page"))
    return pages


def count_queries(client, pages):
    """Status, size and SQL of each page, fetched in-process through the test client.

    Each page is fetched three times: to warm templates and the person's partner
    list as a worker would, then with explore's section cache emptied ("cold":
    the queries EXPLAIN looks at), then again from the cache ("warm").
    """
    from django.core.cache import cache

    results = {}
    for name, path, _kind in pages:
        client.get(path)
        cache.clear()
        cold = fetch(client, path)
        warm = fetch(client, path)
        results[name] = {
            **cold,
            "warm_ms": warm["ms"],
            "warm_queries": warm["queries"],
            "warm_sql_ms": warm["sql_ms"],
        }
    return results


def fetch(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    elapsed = time.perf_counter() - started
    return {
        "status": response.status_code,
        "bytes": len(response.content),
        "ms": round(elapsed * 1000, 1),
        "sql_ms": round(sum(float(q["time"]) for q in captured.captured_queries) * 1000, 1),
        "queries": len(captured.captured_queries),
        "sql": [query["sql"] for query in captured.captured_queries],
    }


MAIN_TABLES = ("ideas_idea", "pilots_pilot")


def explain(sql):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def explain_lists(pages, counted):
    """EXPLAIN every query of list pages that reads ideas or pilots; flag sequential scans."""
    findings = []
    for name, _path, kind in pages:
        if kind != "list":
            continue
        for sql in counted[name]["sql"]:
            if not sql.lstrip().upper().startswith(("SELECT", "(", "WITH")):
                continue
            if not any(f'"{table}"' in sql for table in MAIN_TABLES):
                continue
            plan = explain(sql)
            total = re.search(r"Execution Time: ([\d.]+) ms", plan)
            seq = sorted(set(re.findall(r"Seq Scan on (ideas_idea|pilots_pilot)\b", plan)))
            findings.append(
                {
                    "page": name,
                    "sql": sql,
                    "plan": plan,
                    "ms": float(total.group(1)) if total else None,
                    "seq_scans": seq,
                }
            )
    return findings


def start_gunicorn(env, workers, log):
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "ideabank.wsgi",
        "--bind",
        f"{HOST}:{PORT}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--backlog",
        "2048",
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{BASE_URL}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with {process.returncode}; see {log.name}")
        time.sleep(0.2)
    stop(process)
    sys.exit("gunicorn did not answer /healthz within 20 s")


def stop(process):
    """Quick shutdown (SIGQUIT): requests still queued are dropped, not served."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGQUIT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def cancel_leftover_queries():
    """A killed worker's query runs on in PostgreSQL: cancel it before the next page."""
    import psycopg

    with psycopg.connect(f"{PG}/{DB_NAME}", autocommit=True) as conn:
        conn.execute(
            "SELECT pg_cancel_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid() AND state = 'active'",
            [DB_NAME],
        )


def check_over_http(path, cookie, timeout=180):
    """The page's status once the server has worked through any queue the last run left."""
    request = urllib.request.Request(f"{BASE_URL}{path}", headers={"Cookie": cookie})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, TimeoutError) as error:
        return f"no answer ({error})"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def run_wrk(path, cookie, args, script, seconds, connections):
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        f"{args.wrk_timeout}s",
        "-s",
        script,
        *(["-H", f"Cookie: {cookie}"] if cookie else []),
        f"{BASE_URL}{path}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRKJSON "))
    figures = json.loads(line.removeprefix("WRKJSON "))
    figures["wrk_bytes"] = figures.pop("bytes")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["non_2xx"] = int(non2xx.group(1)) if non2xx else 0
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def load_test(pages, cookie, args, env, mix, varied=None):
    """wrk against each page, on a fresh gunicorn per page (and a fresh churn process).

    A slow page leaves a queue behind in gunicorn's backlog when wrk stops;
    a fresh server per page keeps that queue from being measured against the next.
    """
    from django.core.cache import cache

    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        script = str(Path(tmp) / "report.lua")
        Path(script).write_text(WRK_REPORT)
        log_path = Path(tmp) / "gunicorn.log"
        with log_path.open("w") as log:
            for name, path, kind in pages:
                cache.clear()  # each page starts cold, whichever cache is used
                process = start_gunicorn(env, args.workers, log)
                churn = start_churn(args.churn, env, log) if args.churn else None
                try:
                    if kind == "mix":
                        results[name] = measure_mix(name, mix, args, Path(tmp))
                    elif varied:
                        lua = varied_script(varied[name], WRK_REPORT, args.threads, tmp)
                        results[name] = measure(name, path, cookie, args, lua)
                    else:
                        results[name] = measure(name, path, cookie, args, script)
                finally:
                    if churn:
                        results[name]["churn"] = saves = stop_churn(churn)
                        saves["counts_exact"] = counts_exact()
                        print(f"  {'':<34} churn: {saves}", flush=True)
                    stop(process)
                    cancel_leftover_queries()
        # A quick shutdown mid-request logs a SystemExit traceback: that is expected.
        errors = [line for line in log_path.read_text().splitlines() if "error" in line.lower()]
        if errors:
            print("gunicorn log errors:\n" + "\n".join(errors[-20:]))
    return results


def mix_requests(pages, count):
    """The "browse mix" load: every list path, for members of `count` councils and a visitor."""
    from django.conf import settings

    paths = [path for _name, path, kind in pages if kind == "list"]
    cookies = [""]
    for user in mix_members(count):
        _client, session = signed_in_client(user)
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={session}")
    return paths, cookies


def measure_mix(name, mix, args, tmp):
    """The mix of lists and audiences, each section fetched once before measuring."""
    paths, cookies = mix
    script = tmp / "mix.lua"
    script.write_text(mix_script(paths, cookies, WRK_REPORT))
    for cookie in cookies:
        for path in paths:
            status = check_over_http(path, cookie)
            if status != 200:
                print(f"  {name}: {path} answered {status}, not measured")
                return {"status": status}
    run_wrk(paths[0], None, args, str(script), args.warmup, args.workers)
    figures = run_wrk(paths[0], None, args, str(script), args.duration, args.connections)
    figures["status"] = 200
    figures["sections"] = len(paths) * len(cookies)
    return report_figures(name, figures)


def measure(name, path, cookie, args, script):
    status = check_over_http(path, cookie)
    if status != 200:
        print(f"  {name}: {path} answered {status}, not measured")
        return {"status": status}
    # Warm up with one connection per worker, so no queue is left behind.
    run_wrk(path, cookie, args, script, args.warmup, args.workers)
    figures = run_wrk(path, cookie, args, script, args.duration, args.connections)
    figures["status"] = status
    return report_figures(name, figures)


def main():
    args = parse_args()
    env = bench_environment(args.cold, args.cache_url, args.varied)
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    create_database(args.reseed)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seeding = seed(args)
    collect_static()

    membership = bench_user()
    client, session = signed_in_client(membership.user)
    cookie = f"sessionid={session}"
    pages, varied = varied_pages(membership.user) if args.varied else (None, None)
    pages = pages or choose_pages(membership.user)
    if args.only:
        wanted = {name.strip() for name in args.only.split(";")}
        pages = [page for page in pages if page[0] in wanted or page[2] == "baseline"]
        if varied:
            varied = {name: varied[name] for name, _path, _kind in pages}
    print(f"signed in as {membership.user.email} ({membership.role}, {membership.council})")

    mix = None
    if any(kind == "mix" for _n, _p, kind in pages):
        mix = mix_requests(choose_pages(membership.user), args.mix)
    counted = count_queries(client, pages)
    costs = request_costs(client, varied, fetch, args.costs) if varied else {}
    findings = [] if args.no_explain else explain_lists(pages, counted)
    from django.db import connections

    connections.close_all()
    load = (
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, "
        f"gunicorn {args.workers} sync workers, "
        f"section cache {'off' if args.cold else 'on'}"
        f" ({'shared: ' + (args.cache_url or 'Redis after ' + BENCH_REDIS_URL)})"
        + (", every request different" if args.varied else "")
        + (f", churn: a save every {args.churn:g} s" if args.churn else "")
    )
    loaded = {} if args.skip_load else load_test(pages, cookie, args, env, mix, varied)
    facts = {"machine": machine(), "sizes": sizes(), "seeding": seeding, "load": load}
    facts["costs"] = costs
    report(pages, counted, loaded, findings, facts, args.duration)
    if args.json:
        write_json(args.json, facts, membership, pages, counted, loaded, findings)


if __name__ == "__main__":
    main()
