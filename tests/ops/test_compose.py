"""docker-compose.yml, the Dockerfile and gunicorn as a council's IT team runs them."""

import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.db import connection

from .helpers import (
    PRODUCTION,
    compose_services,
    database_url,
    environment,
    free_port,
    run_health_check,
    venv_bin,
)

ROOT = Path(settings.BASE_DIR)


@pytest.fixture(scope="module")
def services():
    return compose_services()


def test_migrations_run_once_before_web_worker_and_beat_start(services):
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert services["migrate"]["restart"] == "no"
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
        assert "migrate" not in " ".join(services[name]["command"])


def test_worker_and_beat_do_not_wait_for_web(services):
    assert "web" not in services["worker"]["depends_on"]
    assert "web" not in services["beat"]["depends_on"]


def test_every_image_is_pinned_to_a_version(services):
    for name, service in services.items():
        image = service["image"]
        if image.startswith("ideabank:"):
            continue
        tag = image.rpartition(":")[2]
        assert tag != "latest" and any(c.isdigit() for c in tag), (name, image)


def test_secrets_come_from_the_env_file_and_are_required(services):
    web = services["web"]["environment"]
    assert web["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert "${POSTGRES_PASSWORD:?" in web["DATABASE_URL"]
    assert "${REDIS_PASSWORD:?" in web["REDIS_URL"]
    assert services["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    example = (ROOT / ".env.example").read_text()
    for name in ("SECRET_KEY=", "POSTGRES_PASSWORD=", "REDIS_PASSWORD=", "SUPPORT_EMAIL="):
        assert f"\n{name}\n" in example


def test_the_broker_never_evicts_and_the_cache_evicts_the_least_used(services):
    broker = services["redis-broker"]["command"]
    cache = services["redis-cache"]["command"]
    assert broker[broker.index("--maxmemory-policy") + 1] == "noeviction"
    assert broker[broker.index("--appendonly") + 1] == "yes"
    assert cache[cache.index("--maxmemory-policy") + 1] == "allkeys-lru"
    for command in (broker, cache):
        assert command[command.index("--requirepass") + 1].startswith("${REDIS_PASSWORD")
    web = services["web"]["environment"]
    assert "@redis-broker:" in web["REDIS_URL"]
    assert "@redis-cache:" in web["CACHE_URL"]


def test_postgresql_is_tuned_for_the_workload(services):
    settings_given = " ".join(services["db"]["command"])
    for setting in ("shared_buffers=", "work_mem=", "effective_cache_size=", "jit=off"):
        assert setting in settings_given


def test_the_proxy_terminates_tls_and_web_trusts_exactly_one_proxy(services):
    assert services["proxy"]["image"].startswith("caddy:")
    assert "443:443" in services["proxy"]["ports"]
    assert "ports" not in services["web"]  # only Caddy reaches gunicorn
    assert services["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "1"
    caddyfile = (ROOT / "Caddyfile").read_text()
    assert "reverse_proxy web:8000" in caddyfile


def test_the_beat_schedule_lives_on_a_volume(services):
    beat = services["beat"]
    schedule = beat["command"][beat["command"].index("--schedule") + 1]
    [volume] = beat["volumes"]
    name, mount = volume.split(":")
    assert schedule.startswith(mount + "/")
    assert (
        name in (services and yaml.safe_load((ROOT / "docker-compose.yml").read_text()))["volumes"]
    )


def test_the_image_leaves_the_developers_machine_behind():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (
        ".venv",
        ".git",
        "frontend/node_modules",
        "test-artifacts",
        "db.sqlite3",
        ".env",
    ):
        assert entry in ignored


def test_the_image_installs_the_lock_file_and_checks_its_own_health():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --require-hashes -r requirements.lock" in dockerfile
    assert "HEALTHCHECK" in dockerfile
    assert "gunicorn.conf.py" in dockerfile


def http_get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def gunicorn(tmp_path, db):
    """gunicorn as compose starts it: production settings, behind one proxy."""
    port = free_port()
    env = environment(
        **{**PRODUCTION, "REDIS_URL": os.environ.get("REDIS_URL", "")},
        DATABASE_URL=database_url(connection.settings_dict["NAME"]),
        TRUSTED_PROXY_COUNT="1",
        # The image runs collectstatic when it is built; the tests do not.
        IDEABANK_PLAIN_STATIC="1",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        METRICS_TOKEN="token-for-the-scraper",
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"),
    )
    process = subprocess.Popen(
        [venv_bin("gunicorn"), "-c", "gunicorn.conf.py", "ideabank.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            http_get(f"http://127.0.0.1:{port}/healthz")
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.postgres
@pytest.mark.redis
def test_gunicorn_is_healthy_by_the_compose_check_with_a_real_host_name(gunicorn, services):
    port, process = gunicorn

    healthy = run_health_check(services["web"], env=environment(), web_address=f"127.0.0.1:{port}")

    assert healthy.returncode == 0, healthy.stderr
    # Host validation is still on for every other page.
    assert http_get(f"http://127.0.0.1:{port}/")[0] == 400
    home = http_get(
        f"http://127.0.0.1:{port}/",
        Host="ideabank.example.gov.uk",
        **{"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.20"},
    )
    assert home[0] == 200
    # Metrics add up the figures of both workers, for the scraper only.
    scraped = http_get(
        f"http://127.0.0.1:{port}/metrics",
        Host="ideabank.example.gov.uk",
        Authorization="Bearer token-for-the-scraper",
        **{"X-Forwarded-Proto": "https"},
    )
    assert scraped[0] == 200
    assert b"django_http_responses_total_by_status_total" in scraped[1]
    assert (
        http_get(
            f"http://127.0.0.1:{port}/metrics",
            Host="ideabank.example.gov.uk",
            **{"X-Forwarded-Proto": "https"},
        )[0]
        == 404
    )

    process.terminate()
    _, stderr = process.communicate(timeout=30)
    lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    [finished] = [
        line
        for line in lines
        if line.get("event") == "request_finished"
        and line["code"] == 200
        and line["request"] == "GET /"
    ]
    assert finished["ip"] == "198.51.100.20"
    assert finished["level"] == "info"
