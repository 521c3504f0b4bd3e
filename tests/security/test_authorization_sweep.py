"""Every URL pattern × every person × objects in every visibility and status,
GET and POST (with a valid CSRF token), against the policy table."""

from urllib.parse import urlsplit

import pytest
from django.db import connection, transaction
from django.urls import reverse

from ideas.models import Theme

from .policy import (
    BAD_LINK,
    CAST,
    FORM,
    HIDDEN,
    LOGIN,
    METHOD,
    OK,
    REFUSED,
    UNAUTHORIZED,
    rule_for,
)
from .sweep import (
    DEFAULT_PARAMS,
    UNNAMED,
    WriteCounter,
    changed_tables,
    snapshot,
    url_patterns,
)
from .world import Thing, admin_kwargs

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

LOGIN_PATHS = {"/accounts/login/", "/admin/login/"}
STATUS_FOR = {
    HIDDEN: 404,
    REFUSED: 403,
    METHOD: 405,
    BAD_LINK: 400,
    UNAUTHORIZED: 401,
    FORM: 200,
}


# Django admin's own gate treats every non-staff person alike: the sweep sends
# its ~100 patterns a visitor, staff, a council admin and a platform admin.
ADMIN_SWEEP_PERSONS = {"visitor", "alice", "erin", "platform_admin"}


class RolledBack(Exception):
    """Undoes whatever a request changed, so every request sees the same world."""


def test_every_url_pattern_has_a_policy_entry():
    missing = [name for name, _ in url_patterns() if rule_for(name) is None]
    assert missing == [], f"URL patterns without a policy entry in policy.py: {missing}"


def objects_for(name, params, rule, world):
    if rule.objects == "admin":
        return [Thing("admin", admin_kwargs(name, params))]
    if rule.objects is None:
        return [Thing("-", {})]
    return world[rule.objects]


def outcome_of(response):
    if response.status_code in {301, 302, 303}:
        path = urlsplit(response["Location"]).path
        return LOGIN if path in LOGIN_PATHS else OK
    if response.status_code == 200:
        return OK  # or FORM: told apart by the snapshot
    return {v: k for k, v in STATUS_FOR.items()}.get(response.status_code, response.status_code)


def request(visitor, method, url):
    client = visitor.client()
    if method == "GET":
        response = client.get(url)
        if response.streaming:  # a file download: read it, so the file is closed
            b"".join(response.streaming_content)
        return response
    return client.post(url, {"csrfmiddlewaretoken": visitor.token})


def send(visitor, method, url, refused):
    """The response, and for a refusal the tables it changed; always rolled back."""
    changed = []
    try:
        with transaction.atomic():
            with connection.execute_wrapper(counter := WriteCounter()):
                response = request(visitor, method, url)
            wrote = refused and counter.writes > 0
            raise RolledBack
    except RolledBack:
        pass
    if wrote:
        # The counter saw a write: replay it against a full snapshot to see
        # which tables changed (a session is allowed to, see sweep.NOT_SNAPSHOTTED).
        try:
            with transaction.atomic():
                before = snapshot()
                response = request(visitor, method, url)
                changed = changed_tables(before, snapshot())
                raise RolledBack
        except RolledBack:
            pass
    return response, changed


def matches(expected, response, changed):
    got = outcome_of(response)
    if expected == FORM:
        return response.status_code == 200 and not changed
    if expected == OK:
        return got == OK
    return got == expected and not changed


# One test per person, so that xdist spreads the sweep over its workers.
@pytest.mark.parametrize("person", list(CAST))
def test_the_policy_table_holds_for_every_pattern_person_and_object(
    person, world, visitors, settings, monkeypatch
):
    visitor = visitors[person]  # signed in before the settings below change
    settings.ACCOUNT_RATE_LIMITS = False  # the sweep signs in hundreds of times a minute
    # Every request is rolled back, so the idle timer's "last seen" would be written
    # again each time; only a refused request's own writes should count.
    monkeypatch.setattr("councils.middleware.LAST_SEEN_RESOLUTION", 10**9)
    # Unnamed patterns cannot be reversed: Django admin's redirects, covered by admin:*.
    patterns = [(name, params) for name, params in url_patterns() if UNNAMED not in name]
    objects_swept = set()
    mismatches = []
    without_csp = []
    requests = 0
    for name, params in patterns:
        if name.startswith("admin:") and person not in ADMIN_SWEEP_PERSONS:
            continue
        rule = rule_for(name)
        for thing in objects_for(name, params, rule, world):
            objects_swept.add((rule.objects, thing.label))
            kwargs = {p: thing.kwargs.get(p, DEFAULT_PARAMS.get(p)) for p in params}
            url = reverse(name, kwargs=kwargs) if kwargs else reverse(name)
            for method in ("GET", "POST"):
                expected = rule.expect(method, CAST[person], thing.facts)
                refused = method == "POST" and expected != OK
                response, changed = send(visitor, method, url, refused)
                requests += 1
                if "Content-Security-Policy" not in response:
                    without_csp.append(f"{method} {url} as {person}")
                if not matches(expected, response, changed):
                    mismatches.append(
                        f"{method} {name} [{thing.label}] as {person}: expected {expected},"
                        f" got {response.status_code} {response.get('Location', '')}"
                        f" changed tables: {changed}"
                    )
    print(
        f"\nauthorization sweep as {person}: {len(patterns)} URL patterns × "
        f"{len(objects_swept)} objects; {requests} requests (GET and POST); "
        f"mismatches: {len(mismatches)}; responses without a CSP header: {len(without_csp)}"
    )
    assert mismatches == [], "\n".join(mismatches)
    assert without_csp == [], without_csp[:20]


@pytest.mark.parametrize("name", ["ideas:edit", "pilots:edit", "members:remove"])
def test_a_post_without_a_csrf_token_is_refused(name, world, visitors):
    kind = {"ideas:edit": "idea", "pilots:edit": "pilot", "members:remove": "membership"}[name]
    thing = world[kind][0]
    params = dict(url_patterns())[name]
    url = reverse(name, kwargs={p: thing.kwargs[p] for p in params})
    # Made (and signed in) before the snapshot: signing in writes rows of its own.
    visitor = visitors["erin" if kind == "membership" else "alice"]
    before = snapshot()

    response = visitor.client().post(url, {})

    assert response.status_code == 403
    assert changed_tables(before, snapshot()) == []


@pytest.mark.django_db
def test_the_write_counter_sees_every_kind_of_write_and_no_read(alice):
    """The sweep trusts WriteCounter to find a refused request's writes."""
    people = type(alice).objects.filter(pk=alice.pk)
    changes = {
        "update": lambda: people.update(job_title="Counted"),
        "delete": lambda: people.delete(),
        "insert": lambda: Theme.objects.create(name="Counted", slug="counted"),
        "raw": lambda: connection.cursor().execute("UPDATE accounts_user SET job_title = 'x'"),
    }
    if connection.vendor == "postgresql":  # SQLite has no data-modifying WITH
        changes["with"] = lambda: connection.cursor().execute(
            "WITH moved AS (UPDATE accounts_user SET job_title = 'x' RETURNING id) SELECT 1"
        )
    seen = {}
    for name, change in changes.items():
        with transaction.atomic():
            with connection.execute_wrapper(counter := WriteCounter()):
                change()
            seen[name] = counter.writes > 0
            transaction.set_rollback(True)
    with connection.execute_wrapper(reads := WriteCounter()), transaction.atomic():
        list(people.select_for_update())
    assert seen == dict.fromkeys(changes, True)
    assert reads.writes == 0
