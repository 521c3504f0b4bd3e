import os

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connection

from ideabank.celery import app, heartbeat


@pytest.mark.postgres
def test_suite_runs_on_postgresql_when_services_are_required():
    assert connection.vendor == "postgresql"


def test_postgresql_connections_are_kept_between_requests():
    if connection.vendor == "postgresql":
        assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_query_a_connection_runs_often_is_prepared_with_its_values_apart():
    """PostgreSQL stops planning a statement once it is prepared; the values are sent
    apart from the SQL, so the same query for other rows is the same statement."""
    from councils.models import Council

    for pk in range(1, 7):
        Council.objects.filter(pk=pk).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    # The id is a parameter ($1, $2, ...), not written into the SQL.
    by_id = 'FROM "councils_council" WHERE "councils_council"."id" = $'
    assert any(by_id in sql for sql in prepared), prepared


@pytest.mark.redis
def test_a_real_worker_runs_a_task_through_redis():
    app.conf.task_always_eager = False
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        result = heartbeat.delay()
        assert result.get(timeout=20) == "ok"
    assert app.conf.broker_url.startswith("redis://")


def test_tasks_run_in_process_without_a_broker(monkeypatch):
    # In a fresh process, not this one: the suite's autouse fixture makes every test eager.
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("CELERY_TASK_ALWAYS_EAGER", raising=False)
    show = (
        "from ideabank.celery import app, heartbeat; "
        "print(app.conf.task_always_eager, app.conf.broker_url, heartbeat.delay().get(timeout=1))"
    )
    result = run_manage("shell", "--no-imports", "-c", show)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "memory://", "ok"]


def test_tasks_go_to_the_broker_when_there_is_one(monkeypatch):
    monkeypatch.delenv("CELERY_TASK_ALWAYS_EAGER", raising=False)
    show = (
        "from ideabank.celery import app; print(app.conf.task_always_eager, app.conf.broker_url)"
    )
    result = run_manage("shell", "--no-imports", "-c", show, REDIS_URL="redis://127.0.0.1:1/0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "redis://127.0.0.1:1/0"]


def test_healthz_reports_database_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


def test_healthz_names_the_failing_part(client, db, settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "redis": "failed"}


def test_healthz_refuses_post(client, db):
    assert client.post("/healthz").status_code == 405


def run_manage(*args, **env):
    import os
    import subprocess
    import sys

    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' live server, not by deployments.
    ignored = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_settings_refuse_debug_off_with_the_development_secret_key():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_deploy_check_with_production_settings_has_no_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        ALLOWED_HOSTS="ideabank.example",
        SUPPORT_EMAIL="ideabank@barnet.gov.uk",
        REDIS_URL="redis://127.0.0.1:6379/0",
        EMAIL_HOST="smtp.example",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_support_email_comes_from_the_environment():
    show = "from django.conf import settings; print(settings.SUPPORT_EMAIL)"
    configured = run_manage(
        "shell", "--no-imports", "-c", show, SUPPORT_EMAIL="ideabank@barnet.gov.uk"
    )
    assert configured.returncode == 0, configured.stderr
    assert configured.stdout.strip() == "ideabank@barnet.gov.uk"


def test_the_support_email_has_a_local_default(monkeypatch):
    monkeypatch.delenv("SUPPORT_EMAIL", raising=False)
    show = "from django.conf import settings; print(settings.SUPPORT_EMAIL)"
    default = run_manage("shell", "--no-imports", "-c", show)
    assert default.returncode == 0, default.stderr
    assert default.stdout.strip() == "support@ideabank.local"


def test_the_facet_count_lifetime_comes_from_the_environment():
    show = "from django.conf import settings; print(settings.EXPLORE_FACET_SECONDS)"
    configured = run_manage("shell", "--no-imports", "-c", show, EXPLORE_FACET_SECONDS="15")
    assert configured.returncode == 0, configured.stderr
    assert configured.stdout.strip() == "15"


def test_programs_the_tests_start_keep_their_files_out_of_the_project(settings):
    assert os.environ["MEDIA_ROOT"] == str(settings.MEDIA_ROOT)
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.BASE_DIR))
