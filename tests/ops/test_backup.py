"""A backup made by the documented command (bin/backup, pg_dump's custom format)
restores into an empty database, and the restored site serves its pages."""

import subprocess

import pytest
from django.db import connection

from tests.ideas.factories import IdeaFactory

from .helpers import database_url, manage, run

SHOW_PAGES = """
from django.test import Client
from django.urls import reverse
client = Client()
print(client.get("/").status_code)
print(client.get("/councils/barnet/").status_code)
from accounts.models import User
client.force_login(User.objects.get(email="alice@barnet.gov.uk"))
print(User.objects.get(email="alice@barnet.gov.uk").password == "{password_hash}")
page = client.get(reverse("ideas:detail", args=[{pk}]))
print(page.status_code, "{title}" in page.content.decode())
"""


def psql(sql):
    subprocess.run(
        ["psql", "--dbname", database_url("postgres"), "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def empty_database():
    name = f"{connection.settings_dict['NAME']}_restored"
    psql(f'DROP DATABASE IF EXISTS "{name}"')
    psql(f'CREATE DATABASE "{name}"')
    yield database_url(name)
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_and_the_site_serves_it(
    alice, tmp_path, empty_database
):
    idea = IdeaFactory(author=alice, title="Text residents the evening before bin day")

    backup = run(
        "bin/backup",
        DATABASE_URL=database_url(connection.settings_dict["NAME"]),
        BACKUP_DIR=str(tmp_path),
    )
    assert backup.returncode == 0, backup.stderr
    [dump] = tmp_path.glob("ideabank-*.dump")
    assert backup.stdout.strip() == str(dump)

    restore = run("bin/restore", str(dump), DATABASE_URL=empty_database)
    assert restore.returncode == 0, restore.stderr

    code = SHOW_PAGES.format(password_hash=alice.password, pk=idea.pk, title=idea.title)
    shown = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DATABASE_URL=empty_database,
        DEBUG="1",
        ALLOWED_HOSTS="testserver",
        EXPLORE_SECTION_SECONDS="0",
        EXPLORE_FACET_SECONDS="0",
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split("\n")[-5:-1] == ["200", "200", "True", "200 True"]
