"""The production rehearsal (issue 14): the service started as compose starts it, as processes.

collectstatic and the one-off migrate, gunicorn with DEBUG off, a real host name and
one trusted proxy, a Celery worker per queue, beat, and an aiosmtpd sink as the mail
server. Then: the compose file's own health checks (web and each worker) pass; a
staff member signs in through the sign-in form, sent as Caddy forwards it, and the
audit log records their forwarded address (issue 21); they submit an idea, and the
manager's email reaches the sink through the worker; the notification worker is
SIGKILLed in the middle of a burst of 501 notifications and, once restarted, every one
is delivered once (a resend only of a message in flight, counted); meanwhile a second
beat starts and no scheduled job takes effect twice.

Two beats are safe because every scheduled job is idempotent by design, not locked:
the digest runs are unique on their period key (`DigestRun.key`), the overdue notice
is claimed by a conditional update (`Pilot.mark_overdue_notified`) in the transaction
that queues its emails, each email is unique per event and address in the outbox and
is claimed by a conditional update before it is sent, the sweepers hand on only rows
nobody holds, and clearing expired sessions or a heartbeat twice changes nothing.

The processes share this pytest worker's own Redis databases (its `REDIS_URL` and
`CACHE_URL`, emptied before and after) and a database of their own next to the test
database. Every process started is killed at the end, also on failure.
"""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
import pytest
import redis
from django.conf import settings
from django.utils import timezone

from .helpers import compose_services, run_health_check

ROOT = Path(__file__).resolve().parents[2]
HOST = "ideabank.example.gov.uk"
# The person's own address, as Caddy appends it to X-Forwarded-For (TEST-NET-3).
CLIENT = "203.0.113.45"
BURST_MANAGERS = 500


@pytest.fixture
def bench(monkeypatch):
    """bench/digests_setup.py (SMTP sink, Celery worker, free ports) and digests_fault.py."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import digests_fault
    import digests_setup

    return digests_setup, digests_fault


class Browser:
    """A browser behind Caddy: its requests reach gunicorn over plain HTTP with the
    headers Caddy adds, and its cookies, marked Secure, are kept by hand (a cookie jar
    would keep them from an http:// server)."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "Host": HOST,
            "X-Forwarded-For": CLIENT,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": HOST,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(
                f"{name}={value}" for name, value in self.cookies.items()
            )
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}"
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, text

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, fields):
        """GET the page, then POST its form with the CSRF token, as a person would."""
        status, _headers, html = self.get(path)
        assert status == 200, (path, status, html[:500])
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **fields})


class Processes:
    """Every process the rehearsal starts, each in a session of its own, so that a kill
    takes its children too; `stop_all` kills whatever is still running."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.running = []

    def start(self, name, command, env):
        log = open(self.workdir / f"{name}.log", "a")  # noqa: SIM115 (closed in stop_all)
        process = subprocess.Popen(  # noqa: S603 (our own commands)
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.running.append((process, log))
        return process

    def stop_all(self):
        for process, log in self.running:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
            log.close()


def wait_for(predicate, *, timeout, what, state=None):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(
                f"gave up after {timeout}s waiting for {what} {state and state()}"
            )
        time.sleep(0.2)


def drop_database(url, *, create_again=False):
    server = urlsplit(url)._replace(path="/postgres").geturl()
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create_again:
            conn.execute(f'CREATE DATABASE "{name}"')


def run(command, env):
    done = subprocess.run(  # noqa: S603 (our own commands)
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def run_together(commands, env):
    """Run independent commands side by side; each must succeed."""
    with ThreadPoolExecutor() as pool:
        for done in [pool.submit(run, command, env) for command in commands]:
            done.result()


def wait_for_all(checks, *, timeout):
    """Wait for each (what, predicate) side by side; a check that takes a process
    (a health check) does not hold up the others."""
    with ThreadPoolExecutor() as pool:
        waits = [
            pool.submit(wait_for, check, timeout=timeout, what=what) for what, check in checks
        ]
        for waited in waits:
            waited.result()


def seed(env, *args):
    return json.loads(run([sys.executable, "-m", "tests.ops.rehearsal_seed", *args], env))


def outbox_statuses(database_url, key):
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT status, count(*) FROM outbox_outgoingemail WHERE key = %s GROUP BY status",
            [key],
        ).fetchall()
    return dict(rows)


def beat_sent(tmp_path, number, task):
    """How many times beat `number` has sent `task` so far."""
    return (tmp_path / f"beat{number}.log").read_text().count(f"Sending due task {task}")


def scalar(database_url, sql, params=()):
    with psycopg.connect(database_url) as conn:
        return conn.execute(sql, params).fetchone()[0]


@pytest.mark.postgres
@pytest.mark.redis
def test_the_service_started_as_in_production_delivers_every_email_once_through_kills_and_two_beats(  # noqa: E501
    bench, tmp_path
):
    setup, fault = bench
    started = time.monotonic()
    first_day = timezone.localdate()
    test_database = settings.DATABASES["default"]
    database_url = "postgres://{USER}@{HOST}:{port}/{NAME}_rehearsal".format(
        port=test_database["PORT"] or 5432, **test_database
    )
    broker_url = settings.CELERY_BROKER_URL
    cache_url = settings.CACHES["default"]["LOCATION"]
    assert broker_url != cache_url
    for url in (broker_url, cache_url):
        redis.Redis.from_url(url).flushdb()
    drop_database(database_url, create_again=True)

    sink = setup.Sink(tmp_path / "sink.tsv")
    web_port = setup.free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))},
        "DJANGO_SETTINGS_MODULE": "ideabank.settings",
        "PYTHONPATH": str(ROOT),
        "DEBUG": "0",
        "SECRET_KEY": "rehearsal-only-" + "k" * 50,
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
        # As in docker-compose.yml: Caddy, in front, ends TLS and writes X-Forwarded-*.
        "TRUSTED_PROXY_COUNT": "1",
        "DATABASE_URL": database_url,
        "REDIS_URL": broker_url,
        "CACHE_URL": cache_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "SUPPORT_EMAIL": f"support@{HOST}",
        "LOG_LEVEL": "WARNING",
        # Its beat writes the open-data file: into a folder of its own, not the test run's.
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    # Workers and beat run the production settings with shorter timings (rehearsal_settings).
    # INFO: the test reads beat's "Sending due task" lines (Celery leaves the root logger
    # to LOGGING, CELERY_WORKER_HIJACK_ROOT_LOGGER=False).
    celery_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "tests.ops.rehearsal_settings",
        "LOG_LEVEL": "INFO",
    }
    processes = Processes(tmp_path)
    notifications = setup.Worker(
        celery_env, queue="notifications", concurrency=2, log_path=tmp_path / "notify.log"
    )
    digests = setup.Worker(
        celery_env, queue="digests", concurrency=1, log_path=tmp_path / "digests.log"
    )
    try:
        # As compose: static files into the image and the one-off migrate (independent:
        # side by side), then the services, which boot while the cast is written.
        run_together(
            [
                [sys.executable, "manage.py", "collectstatic", "--noinput"],
                [sys.executable, "manage.py", "migrate", "--noinput"],
            ],
            env,
        )
        phases = {"set-up": time.monotonic() - started}
        web_env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{web_port}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_TIMEOUT": "30",
        }
        processes.start(
            "web",
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
            + ["ideabank.wsgi:application"],
            web_env,
        )
        notifications.start()
        digests.start()
        beat_command = [sys.executable, "-m", "celery", "-A", "ideabank", "beat"]
        processes.start(
            "beat1",
            [*beat_command, "--loglevel", "INFO", "-s", str(tmp_path / "beat1")],
            celery_env,
        )
        cast = seed(env, "cast")

        # Healthy by the compose file's own checks, each run as Docker would in its
        # container: web's at gunicorn's address here, each worker's with HOSTNAME set
        # to the worker's host name.
        services = compose_services()

        def passes(service, env, **where):
            return lambda: run_health_check(service, env=env, **where).returncode == 0

        wait_for_all(
            [
                (
                    "web's compose health check",
                    passes(services["web"], web_env, web_address=f"127.0.0.1:{web_port}"),
                ),
                *(
                    (
                        f"the {worker.queue} worker's compose health check",
                        passes(services["worker"], celery_env, hostname=worker.hostname),
                    )
                    for worker in (notifications, digests)
                ),
            ],
            timeout=90,
        )
        browser = Browser(web_port)
        assert json.loads(browser.get("/healthz")[2])["checks"] == {
            "database": "ok",
            "redis": "ok",
        }

        phases["healthy"] = time.monotonic() - started
        # A staff member signs in through the real form, by way of the proxy: the audit
        # log has the address Caddy forwarded, not the connection's (issue 21).
        status, headers, _html = browser.post_form(
            "/accounts/login/", {"login": cast["staff"], "password": cast["password"]}
        )
        assert (status, headers["Location"]) == (302, "/")
        with psycopg.connect(database_url) as conn:
            signed_in = conn.execute(
                "SELECT host(event.ip_address) FROM audit_auditevent event"
                " JOIN accounts_user person ON person.id = event.actor_id"
                " WHERE event.kind = 'signed_in' AND person.email = %s",
                [cast["staff"]],
            ).fetchall()
        assert signed_in == [(CLIENT,)]
        # ...and submits an idea over HTTP.
        idea = {
            "title": "Text reminders for bin days",
            "problem": "People forget which day their bins go out.",
            "proposal": "Send a text the evening before.",
            "cost_band": "under_10k",
            "requested_visibility": "councils",  # its council has no partners
            "name_display": "everyone",
            "action": "submit",
        }
        status, headers, html = browser.post_form("/ideas/new/", idea)
        assert status == 302, html[:2000]
        # A burst to come: 500 more managers, written while the first email goes (its
        # recipients were chosen when the idea was submitted).
        with ThreadPoolExecutor() as pool:
            managers = pool.submit(seed, env, "managers", str(BURST_MANAGERS))
            wait_for(lambda: sink.count() >= 1, timeout=30, what="the manager's email")
            managers.result()
        [(recipient, _message_id, _connection)] = sink.lines()
        assert recipient == cast["manager"]

        phases["first email"] = time.monotonic() - started
        # A second idea, 501 emails; the worker is killed in the middle of them.
        before_burst = sink.count()
        status, _headers, _html = browser.post_form("/ideas/new/", {**idea, "title": "Second"})
        assert status == 302
        wait_for(lambda: sink.count() >= before_burst + 120, timeout=60, what="the burst")
        killed_after = sink.count() - before_burst
        notifications.kill()
        assert killed_after < BURST_MANAGERS  # in the middle of it
        notifications.start()
        # While the dead worker's emails wait out their claims, a second beat by
        # mistake: every job now fires from both, every 2 seconds (the outbox sweeper,
        # which hands those emails on, included).
        processes.start(
            "beat2",
            [*beat_command, "--loglevel", "INFO", "-s", str(tmp_path / "beat2")],
            celery_env,
        )
        overdue = seed(env, "overdue")
        overdue_sent = {n: beat_sent(tmp_path, n, "notify-overdue-pilots") for n in (1, 2)}
        second_idea = scalar(database_url, "SELECT max(id) FROM ideas_idea")
        key = f"idea_submitted:{second_idea}"
        wait_for(
            lambda: outbox_statuses(database_url, key) == {"sent": BURST_MANAGERS + 1},
            timeout=120,
            what="every email of the burst to be sent after the kill",
            state=lambda: outbox_statuses(database_url, key),
        )
        phases["burst delivered"] = time.monotonic() - started
        wait_for(
            lambda: all(
                beat_sent(tmp_path, n, "notify-overdue-pilots") >= overdue_sent[n] + 2
                for n in (1, 2)
            ),
            timeout=30,
            what="both beats to send the overdue job twice since the pilot was overdue",
        )
        overdue_key = f"pilot_overdue:{overdue['pilot']}"
        wait_for(
            lambda: outbox_statuses(database_url, overdue_key) == {"sent": 2},
            timeout=30,
            what="the overdue notices",
        )
        # Anything still in flight lands in the sink; a second notice, if a job ran
        # twice, would have come by now.
        time.sleep(3)
        expected = {cast["manager"]} | {f"manager{n}@barnet.gov.uk" for n in range(500)}
        since_burst = sink.lines()[before_burst:]
        burst = [line for line in since_burst if line[0] in expected]
        received = Counter(recipient for recipient, _message_id, _connection in burst)
        assert set(received) == expected  # nothing lost
        copies = fault.count_copies(burst, sink.quit_connections())
        assert copies["duplicates"] == 0
        # Only a message in flight when the worker died may come twice: one per process.
        assert copies["resent_after_kill"] <= 2
        assert sum(received.values()) == len(expected) + copies["resent_after_kill"]
        # Nobody unexpected: the rest are the overdue notices, one each.
        others = sorted(line[0] for line in since_burst if line[0] not in expected)
        assert others == overdue["told"]
        for n in (1, 2):
            log = (tmp_path / f"beat{n}.log").read_text()
            for job in ("digests-daily", "digests-weekly", "outbox-sweeper", "digests-sweeper"):
                assert f"Sending due task {job}" in log, (n, job)
        # Each period's digest run was started by both beats many times, and exists once:
        # yesterday's daily run and last week's weekly run, or one more of each whose
        # period ended while the rehearsal ran (past midnight, or into a Monday).
        with psycopg.connect(database_url) as conn:
            runs = dict(
                conn.execute(
                    "SELECT period, count(*) FROM digests_digestrun GROUP BY period"
                ).fetchall()
            )
        days = {first_day, timezone.localdate()}
        assert set(runs) == {"daily", "weekly"}
        assert 1 <= runs["daily"] <= len(days)
        assert 1 <= runs["weekly"] <= len({day.isocalendar()[:2] for day in days})
        # ...and none wrote a digest: nobody in the cast takes them (rehearsal_seed).
        assert scalar(database_url, "SELECT count(*) FROM digests_digestdelivery") == 0
        assert scalar(database_url, "SELECT count(*) FROM outbox_outgoingemail") == (
            1 + BURST_MANAGERS + 1 + 2
        )
        assert (
            scalar(
                database_url,
                "SELECT count(*) FROM pilots_pilot WHERE overdue_notified_at IS NOT NULL",
            )
            == 1
        )
    finally:
        notifications.stop()
        digests.stop()
        processes.stop_all()
        sink.stop()
        for url in (broker_url, cache_url):
            redis.Redis.from_url(url).flushdb()
        drop_database(database_url)
    phases["end"] = time.monotonic() - started
    print(
        "rehearsal:",
        {name: round(seconds, 1) for name, seconds in phases.items()},
        f"killed after {killed_after} of the burst,",
        copies,
    )
