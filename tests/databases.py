"""One migrated test database per run, copied for each xdist worker (PostgreSQL only).

Migrating an empty database costs each worker ~18 s of CPU; PostgreSQL copies a
migrated one (CREATE DATABASE … TEMPLATE) in about a second. The first worker to
take a file lock migrates a template database; each worker then copies it under
the name pytest-django gave it (test_…_gw0, test_…_gw1 …), which pytest-django
then takes as an existing database (keepdb), as with --reuse-db.
"""

import fcntl
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, connections


def copies_the_template(config):
    """Under xdist, on PostgreSQL, with migrations: SQLite and a single process take
    pytest-django's plain path (each migrates its own database)."""
    return (
        bool(os.environ.get("PYTEST_XDIST_WORKER"))
        and connection.vendor == "postgresql"
        and not config.getvalue("nomigrations")
    )


def reuses_databases(config):
    return bool(config.getvalue("reuse_db") and not config.getvalue("create_db"))


def copy_the_template(*, reuse):
    """Give this worker its test database: its own from an earlier run if `reuse`
    and there is one, else a fresh copy of this run's template. Returns its name."""
    name = connection.settings_dict["TEST"]["NAME"]  # pytest-django's, with the worker's suffix
    if reuse and database_exists(name):
        return name
    worker = os.environ["PYTEST_XDIST_WORKER"]
    template = name.removesuffix(f"_{worker}") + "_template"
    this_run = os.environ.get("PYTEST_XDIST_TESTRUNUID", "")
    with lock_file(template) as run_that_built_it:
        if run_that_built_it.read() != this_run:
            migrate_the_template(template, reuse=reuse)
            run_that_built_it.seek(0)
            run_that_built_it.truncate()
            run_that_built_it.write(this_run)
            run_that_built_it.flush()
        create_database(name, template=template)
    return name


@contextmanager
def lock_file(template):
    """An exclusive lock shared by this machine's workers; the file holds the id of
    the run that last migrated the template."""
    path = Path(tempfile.gettempdir()) / f"{template}.lock"
    path.touch()
    with path.open("r+", encoding="utf-8") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        try:
            yield file
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


def migrate_the_template(template, *, reuse):
    """Make and migrate the template (or, if `reuse`, bring an existing one up to
    date), then close every connection to it, as PostgreSQL copies only an unused one."""
    creation = connection.creation
    test_settings = connection.settings_dict["TEST"]
    worker_name, database_name = test_settings["NAME"], connection.settings_dict["NAME"]
    test_settings["NAME"] = template
    try:
        creation.create_test_db(verbosity=0, autoclobber=True, keepdb=reuse, serialize=False)
        creation.destroy_test_db(database_name, verbosity=0, keepdb=True)  # names it back
    finally:
        test_settings["NAME"] = worker_name
        connections.close_all()


def database_exists(name):
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def create_database(name, *, template):
    quote = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")


def drop_database(name):
    connections.close_all()
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")
