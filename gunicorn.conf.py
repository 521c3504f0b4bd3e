"""gunicorn's settings, from the environment (docker-compose.yml, docs/operations.md)."""

import os
import shutil
from pathlib import Path

from ideabank.lib.env import env_int

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# About two per CPU for this I/O-bound site; more replicas scale further (docs/operations.md).
workers = env_int("GUNICORN_WORKERS", 3, minimum=1)
threads = env_int("GUNICORN_THREADS", 1, minimum=1)
# A request still running after this many seconds is killed (and logged by gunicorn).
timeout = env_int("GUNICORN_TIMEOUT", 30, minimum=1)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30, minimum=1)
# Caddy keeps connections to gunicorn open between requests.
keepalive = env_int("GUNICORN_KEEPALIVE", 5, minimum=1)
# Restart each worker after this many requests (plus up to 10% more, so they do not
# all restart together): bounds any slow leak.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
# The worker heartbeat in memory, not on the container's overlay disk (gunicorn's
# advice for Docker); the folder holds only gunicorn's own heartbeat files.
SHARED_MEMORY = "/dev/shm"  # noqa: S108
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None
# django-structlog logs every request with its id, user and client address: no
# second access log.
accesslog = None
errorlog = "-"
# X-Forwarded-Proto is read by Django (SECURE_PROXY_SSL_HEADER) only when
# TRUSTED_PROXY_COUNT says a proxy is ours; gunicorn trusts it from 127.0.0.1 only.

METRICS_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR")


def on_starting(server):
    """Each worker writes its Prometheus figures to files here: start from none."""
    if METRICS_DIR:
        shutil.rmtree(METRICS_DIR, ignore_errors=True)
        Path(METRICS_DIR).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    if METRICS_DIR:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
