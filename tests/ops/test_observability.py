"""Health, logs, error reports and metrics, as a council's IT team would watch them."""

import gzip
import io
import json
import logging
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import structlog
from prometheus_client.core import GaugeMetricFamily

from ideabank.lib.logs import structlog_logging

from .helpers import PRODUCTION, manage


def test_healthz_answers_whatever_the_host_while_other_pages_check_it(client, db, settings):
    settings.ALLOWED_HOSTS = ["ideabank.example.gov.uk"]
    settings.SECURE_SSL_REDIRECT = True

    health = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    home = client.get("/", HTTP_HOST="127.0.0.1:8000")

    assert health.status_code == 200
    assert health.json()["checks"]["database"] == "ok"
    assert home.status_code == 400


@pytest.fixture
def json_log():
    """Everything logged while the test runs, as production writes it."""
    formatter_config = structlog_logging("json", "INFO")["formatters"]["structured"]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=formatter_config["foreign_pre_chain"],
            processors=formatter_config["processors"],
        )
    )
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.INFO)  # production's LOG_LEVEL; the test run logs warnings only
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)


def test_each_request_logs_one_json_line_with_its_id_user_and_client_address(
    client, alice, settings, json_log
):
    settings.TRUSTED_PROXY_COUNT = 1
    client.force_login(alice)

    client.get("/", HTTP_X_FORWARDED_FOR="198.51.100.20", REMOTE_ADDR="10.0.0.2")

    [finished] = [line for line in json_log() if line["event"] == "request_finished"]
    assert finished["level"] == "info"
    assert finished["logger"] == "django_structlog.middlewares.request"
    assert finished["timestamp"].endswith("Z")
    assert finished["user_id"] == alice.pk
    assert finished["ip"] == "198.51.100.20"
    assert finished["code"] == 200
    assert len(finished["request_id"]) == 36
    assert "alice@barnet.gov.uk" not in json.dumps(json_log())


def test_lines_from_plain_loggers_are_json_with_the_request_context(client, alice, json_log):
    client.force_login(alice)
    client.get("/no-such-page/")
    with structlog.contextvars.bound_contextvars(request_id="an-id", user_id=alice.pk):
        logging.getLogger("ideas.views").warning("Something for the log, %s", "formatted")

    lines = json_log()
    [not_found] = [line for line in lines if line["logger"] == "django.request"]
    [ours] = [line for line in lines if line["logger"] == "ideas.views"]
    assert not_found["level"] == "warning"
    assert not_found["event"] == "Not Found: /no-such-page/"
    assert "timestamp" in not_found
    assert ours["event"] == "Something for the log, formatted"
    assert ours["request_id"] == "an-id"
    assert ours["user_id"] == alice.pk


def test_a_logged_traceback_keeps_its_frames_but_not_their_local_variables(json_log):
    password = "correct-horse-battery-staple"  # noqa: F841 (a local the log must not show)
    try:
        raise ValueError("sign-in failed")
    except ValueError:
        logging.getLogger("django.request").error("Internal Server Error", exc_info=True)

    [line] = json_log()
    [exception] = line["exception"]
    assert exception["exc_type"] == "ValueError"
    assert exception["frames"][-1]["name"] == (
        "test_a_logged_traceback_keeps_its_frames_but_not_their_local_variables"
    )
    assert "correct-horse-battery-staple" not in json.dumps(line)


def test_console_lines_show_a_plain_traceback(capsys):
    formatter_config = structlog_logging("console", "INFO")["formatters"]["structured"]
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=formatter_config["foreign_pre_chain"],
        processors=formatter_config["processors"],
    )
    try:
        raise ValueError("sign-in failed")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "Failed", (), sys.exc_info())

    text = formatter.format(record)

    assert "Traceback (most recent call last):" in text
    assert "ValueError: sign-in failed" in text
    assert "╭" not in text  # not a drawn panel (rich), which costs about 100 times more


class Backlog:
    """Stands in for a collector an app lists in METRICS_COLLECTORS (the email outbox's)."""

    def collect(self):
        yield GaugeMetricFamily("ideabank_example_backlog", "Emails waiting.", value=3)


@pytest.fixture
def metrics_token(settings):
    settings.METRICS_TOKEN = "scrape-token-for-tests"
    return "scrape-token-for-tests"


def test_metrics_are_served_to_the_scraper_with_the_token(client, db, metrics_token, settings):
    settings.METRICS_COLLECTORS = ["tests.ops.test_observability.Backlog"]
    client.get("/")

    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {metrics_token}")

    assert response.status_code == 200
    body = response.content.decode()
    assert "django_http_requests_total_by_method_total" in body
    assert "ideabank_example_backlog 3.0" in body


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong-token", "scrape-token-for-tests", "Basic abc"]
)
def test_metrics_are_a_404_to_anyone_without_the_token(client, db, metrics_token, authorization):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    assert client.get("/metrics", **headers).status_code == 404


def test_metrics_are_a_404_to_everyone_while_no_token_is_set(client, db, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.usefixtures("privileged_people_have_mfa")
def test_metrics_are_a_404_even_to_a_platform_admin(client_for, platform_admin, metrics_token):
    assert client_for(platform_admin).get("/metrics").status_code == 404


class Collector(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        length = int(self.headers["Content-Length"] or 0)
        Collector.received.append((self.path, self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def test_errors_are_reported_to_sentry_when_a_dsn_is_set():
    Collector.received = []
    server = HTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dsn = f"http://publickey@127.0.0.1:{server.server_port}/42"
        code = (
            "import sentry_sdk; sentry_sdk.capture_message('ideabank-sentry-check'); "
            "sentry_sdk.flush(timeout=5)"
        )
        result = manage("shell", "--no-imports", "-c", code, **PRODUCTION, SENTRY_DSN=dsn)
        assert result.returncode == 0, result.stderr
        deadline = time.monotonic() + 5
        while not Collector.received and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        server.shutdown()
        server.server_close()
    [(path, body)] = Collector.received
    assert path == "/api/42/envelope/"
    assert b"ideabank-sentry-check" in gzip.decompress(body)


def test_no_error_reports_leave_without_a_dsn():
    code = "import sentry_sdk; print(sentry_sdk.get_client().is_active())"
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION, SENTRY_DSN="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
