"""Run the project's own commands in a subprocess with a crafted environment."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import yaml
from django.conf import settings
from django.db import connection

# What a correct production environment sets. Nothing here is contacted: Redis on
# port 1 answers no one, so a process that wrongly started would find no work.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "ideabank.example.gov.uk",
    "SUPPORT_EMAIL": "ideabank@barnet.gov.uk",
    "REDIS_URL": "redis://127.0.0.1:1/0",
    "EMAIL_HOST": "smtp.example.gov.uk",
}
# Set by the test run or the browser tests' live server, never by a deployment.
NOT_INHERITED = {
    "DEBUG",
    "SECRET_KEY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "CELERY_TASK_ALWAYS_EAGER",
    "TRUSTED_PROXY_COUNT",
    "PROMETHEUS_MULTIPROC_DIR",
}


def environment(**env):
    result = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    result.update(env)
    return result


def run(*command, timeout=60, **env):
    return subprocess.run(
        list(command),
        capture_output=True,
        text=True,
        env=environment(**env),
        cwd=settings.BASE_DIR,
        check=False,
        timeout=timeout,
    )


def manage(*args, **env):
    return run(sys.executable, "manage.py", *args, **env)


def show_setting(expression, **env):
    """The value of a Python expression over settings, printed by a fresh process."""
    code = f"from django.conf import settings; print({expression})"
    return manage("shell", "--no-imports", "-c", code, **env)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def venv_bin(name):
    return os.path.join(os.path.dirname(sys.executable), name)


def database_url(name):
    """A URL for database `name` on the test run's PostgreSQL server."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    server = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{db['USER']}{password}@{server}/{name}"


def compose_services():
    """docker-compose.yml's services as written (compose has not yet filled in `${...}`)."""
    return yaml.safe_load((Path(settings.BASE_DIR) / "docker-compose.yml").read_text())["services"]


# Where a health check in docker-compose.yml reaches gunicorn, inside the web container.
COMPOSE_WEB_ADDRESS = "127.0.0.1:8000"


def run_health_check(service, *, env, web_address=None, hostname=None):
    """Run `service`'s health check from docker-compose.yml here, as Docker runs it in
    the service's container: with the service's environment (`env`), the container's
    host name as HOSTNAME, and the image's programs (this venv's) first on PATH.

    Only where the service is changes: `web_address` stands for gunicorn's address in
    the container, `hostname` for the container's name. Returns the finished process.
    """
    form, *args = service["healthcheck"]["test"]
    # Compose writes a literal $ as $$; nothing else is interpolated in a check.
    args = [arg.replace("$$", "$") for arg in args]
    if web_address:
        args = [arg.replace(COMPOSE_WEB_ADDRESS, web_address) for arg in args]
    command = {"CMD": args, "CMD-SHELL": ["/bin/sh", "-c", *args]}[form]
    env = {**env, "PATH": os.pathsep.join([os.path.dirname(sys.executable), env["PATH"]])}
    if hostname:
        env["HOSTNAME"] = hostname
    return subprocess.run(  # noqa: S603 (the compose file's own command)
        command,
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
        timeout=60,
    )
