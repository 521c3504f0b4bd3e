"""What the digest benchmarks share: a dedicated database, recipients, an SMTP sink, a worker.

Not run on its own; `digests_fault.py` and `digests_throughput.py` import it.
"""

import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ideabank_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/5"
RECIPIENT_COUNCILS = 10


def add_common_arguments(parser, *, queue):
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--queue", default=queue, help="Celery queue of this benchmark's own")
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def service_env(args, *, smtp_port, extra=None):
    """The environment every process of a benchmark shares (worker, trigger, this one)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.digests_settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "DIGEST_BENCH_QUEUE": args.queue,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        # As in production: DEBUG off, so no query log grows in the worker's memory.
        "DEBUG": "0",
        "SECRET_KEY": "digests-benchmark-only-" + "x" * 40,
        # With DEBUG off, start-up refuses laptop defaults (ideabank/lib/checks.py).
        "ALLOWED_HOSTS": "bench.ideabank.example",
        "SUPPORT_EMAIL": "support@bench.ideabank.example",
    }
    env.update(extra or {})
    return env


def setup_django(env):
    """Configure this process like the worker, then start Django."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_database(database_url):
    """Create the benchmark's database if it is missing."""
    import psycopg

    name = urlsplit(database_url).path.lstrip("/")
    server = urlunsplit(urlsplit(database_url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def reset_and_seed(recipients):
    """Empty the database and add `recipients` council members who each have news waiting.

    Ten councils in one partnership with a source council; three ideas shared with
    partners last week (one author shows their name to their own council only), so
    every recipient's digest has three items and a batch holds ten audiences.
    """
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from councils.models import Council, Membership, Partnership, Visibility
    from digests.models import DigestPreference, Frequency
    from digests.services import period_bounds
    from ideas.models import Idea

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    user_model = get_user_model()

    def council(n, name):
        return Council.objects.create(
            code=f"B{n:03d}",
            short_name=name,
            official_name=f"{name} Council",
            slug=f"bench-{n}",
            nation=Council.Nation.ENGLAND,
            authority_type=Council.AuthorityType.UNITARY,
        )

    source = council(0, "Source")
    councils = [council(n, f"Bench {n}") for n in range(1, RECIPIENT_COUNCILS + 1)]
    partnership = Partnership.objects.create(name="Bench partnership", slug="bench")
    partnership.councils.set([source, *councils])

    author = user_model.objects.create(email="author@source.gov.uk", full_name="Ada Author")
    Membership.objects.create(user=author, council=source)
    _key, start, _end = period_bounds(Frequency.WEEKLY, timezone.now())
    for n, name_display in enumerate(["everyone", "everyone", "council"]):
        Idea.objects.create(
            council=source,
            author=author,
            title=f"Shared idea {n}",
            status=Idea.Status.SUBMITTED,
            visibility=Visibility.PARTNERS,
            name_display=name_display,
            submitted_at=start + datetime.timedelta(days=1, hours=n),
        )

    users = user_model.objects.bulk_create(
        [
            user_model(email=f"person{n}@bench{n % RECIPIENT_COUNCILS}.gov.uk", password="!")
            for n in range(recipients)
        ],
        batch_size=5000,
    )
    Membership.objects.bulk_create(
        [
            Membership(user=user, council=councils[n % RECIPIENT_COUNCILS])
            for n, user in enumerate(users)
        ],
        batch_size=5000,
    )
    DigestPreference.objects.bulk_create(
        [DigestPreference(user=user, frequency=Frequency.WEEKLY) for user in users],
        batch_size=5000,
    )


def clear_queue(redis_url, queue):
    """Drop the queue and any unacknowledged task of it a killed worker left in Redis."""
    import redis

    client = redis.Redis.from_url(redis_url)
    client.delete(queue)
    for tag, payload in client.hgetall("unacked").items():
        _message, _exchange, routing_key = json.loads(payload)
        if routing_key == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


class Sink:
    """aiosmtpd in a process of its own (bench/digests_sink.py), logging every message."""

    def __init__(self, log_path):
        self.log_path = Path(log_path)
        self.log_path.write_text("")
        self.quits_path = Path(f"{log_path}.quits")
        self.quits_path.write_text("")
        self.port = free_port()
        self.process = subprocess.Popen(
            [PYTHON, str(ROOT / "bench" / "digests_sink.py"), "--port", str(self.port)]
            + ["--log", str(self.log_path)],
            stdout=subprocess.PIPE,
            text=True,
        )
        self.process.stdout.readline()  # "sink listening on ..."

    def lines(self):
        """(recipient, Message-ID, connection number) per message, in the order received."""
        return [tuple(line.split("\t")) for line in self.log_path.read_text().splitlines()]

    def quit_connections(self):
        """Numbers of the connections that ended with QUIT; the others were cut off."""
        return set(self.quits_path.read_text().split())

    def count(self):
        with self.log_path.open("rb") as log:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: log.read(1 << 20), b""))

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process.stdout.close()


class Worker:
    """`celery -A ideabank worker` in a session of its own, so a kill takes all its processes."""

    def __init__(self, env, *, queue, concurrency, log_path):
        self.env, self.queue, self.concurrency = env, queue, concurrency
        self.log = open(log_path, "a")  # noqa: SIM115 (closed in stop)
        self.process = None
        self.starts = 0

    def start(self):
        self.starts += 1
        self.process = subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "ideabank", "worker", "--loglevel", "WARNING"]
            + ["--pool", "prefork", "--concurrency", str(self.concurrency), "-Q", self.queue]
            + ["-n", f"celery@{self.hostname}"]
            + ["--without-gossip", "--without-mingle"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def hostname(self):
        """The host part of the worker's name, as if each start were a container of its
        own (compose's health check pings `celery@$HOSTNAME`)."""
        return f"{self.queue}-{os.getpid()}-{self.starts}"

    def kill(self):
        """SIGKILL the worker's whole process group: no warm shutdown, no acks, no cleanup."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def cpu_seconds(self):
        """CPU time (user + system) used so far by the processes of the worker's group."""
        return sum(cpu_seconds(pid) for pid in self.pids())

    def pids(self):
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[2]) == self.process.pid:
                    pids.append(int(stat.parent.name))
            except (OSError, IndexError):
                continue
        return pids

    def rss_mib(self):
        """Resident memory of each process in the worker's group (main first), in MiB."""
        sizes = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) != self.process.pid:  # field 5, the process group
                    continue
                status = (stat.parent / "status").read_text()
            except (OSError, IndexError):
                continue
            rss_kb = next(int(line.split()[1]) for line in status.splitlines() if "VmRSS" in line)
            sizes[int(stat.parent.name)] = rss_kb / 1024
        return [sizes[pid] for pid in sorted(sizes, key=lambda pid: pid != self.process.pid)]


def cpu_seconds(pid):
    """CPU time (user + system) a live process has used."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def trigger(env, period="weekly"):
    """Run `manage.py send_digests` as beat or an operator would; returns its output."""
    done = subprocess.run(
        [PYTHON, "manage.py", "send_digests", "--period", period],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def machine():
    """What the figures were measured on."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    import redis

    redis_version = redis.Redis.from_url(os.environ["REDIS_URL"]).info()["redis_version"]
    return {
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "python": sys.version.split()[0],
        "postgres": postgres,
        "redis": redis_version,
    }


def wait_for(predicate, *, timeout, interval=0.2, tick=None):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up after {timeout}s")
        if tick:
            tick()
        time.sleep(interval)
