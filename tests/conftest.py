"""The fixed cast every test uses (STYLE.md "Tests").

alice: staff, Barnet. bob: manager, Barnet. carol: staff, Brent (a partner of
Barnet through the West London Alliance). dan: staff, Leeds (in no
partnership). erin: council admin, Barnet. nina: signed in, no council.
A visitor is the anonymous test client.
"""

import gc
import os
import tempfile
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import override_settings

from councils.models import Council, Membership

from . import middleware_chain
from .databases import copies_the_template, copy_the_template, drop_database, reuses_databases
from .factories import MembershipFactory, PartnershipFactory, UserFactory, council_with_domain

REQUIRE_SERVICES = os.environ.get("IDEABANK_REQUIRE_SERVICES") == "1"


def service_missing(marker_name):
    """Why a test marked with `marker_name` cannot run here, or None if it can."""
    if marker_name == "postgres" and connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL"
    if marker_name == "redis" and not settings.REDIS_URL:
        return "needs Redis: set REDIS_URL"
    if marker_name == "browser" and not os.path.exists("/usr/bin/chromium"):
        return "needs Chromium at /usr/bin/chromium (apt install chromium)"
    return None


SERVICE_MARKERS = ("postgres", "redis", "browser")

# Redis databases the xdist workers take two by two (Celery's, then the cache's),
# leaving alone 5 and 6 (the benchmarks' broker and cache) and 11-14 (development's).
WORKER_REDIS_DATABASES = [0, 1, 2, 3, 4, 7, 8, 9, 10, 15]


def worker_redis_urls(redis_url, worker):
    """Celery's and the cache's Redis URLs for xdist worker `worker` ("gw0", "gw1", ...).

    With REDIS_URL on database 0 (CI, `make test`), the workers take
    WORKER_REDIS_DATABASES. With another database, say /9, they take it and the ones
    after it (9 and 10 for gw0, 11 and 12 for gw1), so a second run beside the first
    (a helper's, on /9) never empties the first one's cache."""
    number = int(worker.removeprefix("gw"))
    server = urlsplit(redis_url)
    base = int(server.path.strip("/") or 0)
    databases = WORKER_REDIS_DATABASES if base == 0 else range(base, 16)
    pair = list(databases[2 * number : 2 * number + 2])
    if len(pair) < 2:
        raise pytest.UsageError(f"No Redis databases left for xdist worker {worker}: use fewer.")
    return [server._replace(path=f"/{database}").geturl() for database in pair]


def pytest_configure(config):
    """Under xdist, give each worker Redis databases of its own: the FLUSHDB with which
    each test empties the cache must not reach another worker's cache or any queue."""
    # Uploaded files (evidence) go to a temporary folder, never the project's media/.
    # Passwords are hashed fast: set once here, since a setting changed in every test
    # would rebuild the shared middleware chain in every test.
    # Programs the tests start (the rehearsal's beat and worker) inherit it: they once
    # wrote the open-data file into the project's media/, where the demo then served it.
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="ideabank-media-")
    override_settings(
        MEDIA_ROOT=os.environ["MEDIA_ROOT"],
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    ).enable()
    middleware_chain.install()
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not (worker and settings.REDIS_URL):
        return
    broker_url, cache_url = worker_redis_urls(settings.REDIS_URL, worker)
    # Subprocesses (the digest fault test's Celery worker) inherit them.
    os.environ.update(REDIS_URL=broker_url, CACHE_URL=cache_url)
    override_settings(
        REDIS_URL=broker_url,
        CACHE_URL=cache_url,
        CACHES={"default": {**settings.CACHES["default"], "LOCATION": cache_url}},
        CELERY_BROKER_URL=broker_url,
        CELERY_RESULT_BACKEND=broker_url,
    ).enable()
    from ideabank.celery import app

    if app.conf.broker_url != broker_url:
        raise pytest.UsageError("Celery read its settings before the xdist worker's were set.")


# Tests that drive other programs, hard on 2 CPUs: Chromium and a live server, a
# Celery worker SIGKILLed five times, and the production rehearsal (gunicorn, two
# workers, two beats). Under xdist they run one after another.
ONE_AT_A_TIME = ("tests/e2e/", "tests/digests/test_fault.py", "tests/ops/test_rehearsal.py")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup`: one worker takes all of ONE_AT_A_TIME together, first;
    the workers take the other tests one by one, in pytest-django's order.

    xdist 3.8's own loadgroup marks a group by changing the test's node id, which
    pytest 9.2 ignores (pytest-xdist#1386): it would silently spread the group."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    # The largest group first (xdist sorts the groups by size; every other test is a
    # group of one): started last, as pytest-django orders the browser tests, it held up
    # the end of the run. The browser tests empty the tables; the rows the migrations
    # add are put back after each (pytest_runtest_teardown below).
    config.option.loadscopereorder = True

    class OneAtATimeTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return "one-at-a-time" if nodeid.startswith(ONE_AT_A_TIME) else nodeid

    return OneAtATimeTogether(config, log)


# Models whose rows post_migrate makes again after a flush (with new ids).
MADE_AGAIN_AFTER_A_FLUSH = {"contenttypes.contenttype", "auth.permission"}
# The rows the migrations add (the themes, and whatever a later data migration adds),
# read once per test process just after the test database is set up.
MIGRATION_ROWS = {}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings, django_db_blocker):
    """Once pytest-django has named this worker's test database: copy it from the
    run's migrated template (tests/databases.py), and drop the copy at the end."""
    if not copies_the_template(request.config):
        yield
        return
    reuse = reuses_databases(request.config)
    with django_db_blocker.unblock():
        name = copy_the_template(reuse=reuse)
    yield
    if not reuse:
        with django_db_blocker.unblock():
            drop_database(name)


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_keepdb):
    """pytest-django keeps a copy as it is (migrating only what is new): the fixture
    above made it, and drops it."""
    return django_db_keepdb or copies_the_template(request.config)


@pytest.fixture(scope="session")
def django_db_createdb(request, django_db_createdb):
    """With --create-db the copy is new already."""
    return django_db_createdb and not copies_the_template(request.config)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's, then note the rows the migrations added."""
    from django.apps import apps
    from django.core import serializers

    with django_db_blocker.unblock():
        for model in apps.get_models(include_auto_created=True):
            label = model._meta.label_lower
            if label in MADE_AGAIN_AFTER_A_FLUSH or model._meta.proxy:
                continue
            rows = list(model._base_manager.order_by("pk"))
            if rows:
                MIGRATION_ROWS[model] = serializers.serialize("json", rows)


def empties_the_tables(item):
    """A transactional test (live server, browser) flushes every table as it ends."""
    marker = item.get_closest_marker("django_db")
    asked = bool(marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)))
    fixtures = getattr(item, "fixturenames", ())
    return asked or "transactional_db" in fixtures or "live_server" in fixtures


def put_back_the_migration_rows(blocker):
    """After a flush: the migrations' rows again, with their ids, as Django's own
    serialized rollback restores them."""
    from django.core import serializers
    from django.core.management.color import no_style
    from django.db import transaction

    with blocker.unblock(), transaction.atomic():
        emptied = [model for model in MIGRATION_ROWS if not model._base_manager.exists()]
        for model in emptied:
            for row in serializers.deserialize("json", MIGRATION_ROWS[model]):
                row.save()
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), emptied):
                cursor.execute(sql)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """So that any test may come after a transactional one on the same worker."""
    result = yield
    if nextitem is not None and MIGRATION_ROWS and empties_the_tables(item):
        from pytest_django.plugin import blocking_manager_key

        put_back_the_migration_rows(item.config.stash[blocking_manager_key])
    return result


# Python's garbage collector walks every object the run keeps (Django, the URL resolver,
# compiled templates, the collected tests) again and again while the tests make
# short-lived objects by the million. Moving what exists once the tests are collected
# out of its sight (gc.freeze) and collecting young objects less often took 7 % off the
# pilots' permission grid, alternated with the defaults (docs/performance.md, "Eleventh pass").
GC_THRESHOLDS = (50_000, 50, 100)


def pytest_collection_finish(session):
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def pytest_collection_modifyitems(items):
    """Skip, by name and with the reason, tests whose service is missing."""
    if REQUIRE_SERVICES:
        return
    for item in items:
        for name in SERVICE_MARKERS:
            reason = item.get_closest_marker(name) and service_missing(name)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def pytest_runtest_setup(item):
    """In CI (IDEABANK_REQUIRE_SERVICES=1) a missing service fails the test instead."""
    if not REQUIRE_SERVICES:
        return
    for name in SERVICE_MARKERS:
        reason = item.get_closest_marker(name) and service_missing(name)
        if reason:
            pytest.fail(f"IDEABANK_REQUIRE_SERVICES=1 but this test {reason}")


@pytest.fixture(autouse=True)
def clean_cache_and_eager_tasks():
    """allauth keeps rate limits in the cache; tasks run in-process unless a test says so.
    Each test also starts without the process's resolved visibility rules."""
    from councils.visibility import RESOLVED_RULES
    from ideabank.celery import app

    cache.clear()
    RESOLVED_RULES.clear()
    app.conf.task_always_eager = True
    yield
    cache.clear()


@pytest.fixture
def privileged_people_have_mfa():
    """Managers, council admins and platform admins must have a TOTP authenticator
    (councils.middleware); give every one the test creates, however it is created.

    Not autouse: a module whose managers and admins act through pages asks for it
    (`pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")`), so the
    requirement itself is tested without it (tests/security/test_mfa_and_admin.py)."""
    from allauth.mfa.models import Authenticator
    from django.db.models.signals import post_save

    from accounts.models import User
    from ideabank.lib.totp import give_authenticator, new_secret

    def give_totp(user):
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            give_authenticator(user, new_secret())

    def on_user_saved(instance, **kwargs):
        if instance.is_staff or instance.is_superuser:
            give_totp(instance)

    def on_membership_saved(instance, **kwargs):
        if instance.is_manager:
            give_totp(instance.user)

    post_save.connect(on_user_saved, sender=User, dispatch_uid="test-mfa-user")
    post_save.connect(on_membership_saved, sender=Membership, dispatch_uid="test-mfa-member")
    yield
    post_save.disconnect(sender=User, dispatch_uid="test-mfa-user")
    post_save.disconnect(sender=Membership, dispatch_uid="test-mfa-member")


@pytest.fixture
def barnet(db):
    return council_with_domain("BNE", "Barnet", "London Borough of Barnet", "E09000003")


@pytest.fixture
def brent(db):
    return council_with_domain("BEN", "Brent", "London Borough of Brent", "E09000005")


@pytest.fixture
def leeds(db):
    district = Council.AuthorityType.METROPOLITAN_DISTRICT
    fields = {"region": "Yorkshire and The Humber", "authority_type": district}
    return council_with_domain("LDS", "Leeds", "Leeds City Council", "E08000035", **fields)


@pytest.fixture
def west_london_alliance(barnet, brent):
    return PartnershipFactory(
        name="West London Alliance", slug="west-london-alliance", councils=[barnet, brent]
    )


def member(email, full_name, council, role=Membership.Role.STAFF):
    user = UserFactory(email=email, full_name=full_name)
    MembershipFactory(user=user, council=council, role=role)
    return user


def partner_member(name, email, full_name, council, role=Membership.Role.STAFF):
    """The fixture `name`: a member of `council` ("barnet" or "brent", a fixture's
    name), with the West London Alliance made."""

    @pytest.fixture(name=name)
    def person(request, west_london_alliance):
        return member(email, full_name, request.getfixturevalue(council), role)

    return person


MANAGER, COUNCIL_ADMIN = Membership.Role.MANAGER, Membership.Role.COUNCIL_ADMIN
alice = partner_member("alice", "alice@barnet.gov.uk", "Alice Adeyemi", "barnet")
bob = partner_member("bob", "bob@barnet.gov.uk", "Bob Birch", "barnet", MANAGER)
erin = partner_member("erin", "erin@barnet.gov.uk", "Erin Evans", "barnet", COUNCIL_ADMIN)
carol = partner_member("carol", "carol@brent.gov.uk", "Carol Chen", "brent")
brent_manager = partner_member("brent_manager", "bea@brent.gov.uk", "Bea Brooks", "brent", MANAGER)
brent_admin = partner_member(
    "brent_admin", "bart@brent.gov.uk", "Bart Bello", "brent", COUNCIL_ADMIN
)


@pytest.fixture
def dan(leeds):
    return member("dan@leeds.gov.uk", "Dan Dunmore", leeds)


@pytest.fixture
def nina(db):
    """Signed in, verified, but with no council."""
    return UserFactory(email="nina@gmail.com", full_name="Nina Noone")


@pytest.fixture
def platform_admin(db):
    return UserFactory(
        email="admin@ideabank.example", full_name="Pat Admin", is_staff=True, is_superuser=True
    )


def people_by_name(request, names):
    """The cast's people by name, made in that order, for grids; the visitor is None."""
    return {name: None if name == "visitor" else request.getfixturevalue(name) for name in names}


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run on-commit hooks (and so the eager Celery tasks) as if the request had committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def client_for(client):
    """A test client signed in as the given person (None for a visitor)."""
    from django.test import Client

    def signed_in(user):
        new_client = Client()
        if user is not None:
            new_client.force_login(user)
        return new_client

    return signed_in
