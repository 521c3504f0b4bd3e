"""Hypothesis sends generated query strings, path values and form bodies to every
view: none may answer 500 or log an unhandled exception."""

import os
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.core.signals import got_request_exception
from django.db import connection, transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .policy import rule_for
from .sweep import DEFAULT_PARAMS, UNNAMED, url_patterns
from .world import admin_kwargs

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

# CI sends 10,000; set it lower for a quick local run.
EXAMPLES = int(os.environ.get("IDEABANK_BAD_INPUT_EXAMPLES", "10000"))
PERSONS = ("visitor", "nina", "alice", "bob", "erin", "carol", "dan", "platform_admin")
# Field names the project's forms and filters read, so bodies reach real code paths.
KNOWN_KEYS = [
    "title", "problem", "proposal", "expected_benefit", "who_benefits", "cost_band",
    "themes", "visibility", "name_display", "action", "status", "page", "q", "sort",
    "order", "ending", "decision", "feedback", "note", "reason", "body", "role",
    "domain", "council", "message", "frequency", "scope", "verdict", "measured_result",
    "expected_result", "learned", "do_differently", "recommend", "evidence_level",
    "actual_cost", "yearly_saving", "stop_reason", "budget_cap", "start_date", "end_date",
    "hypothesis", "summary", "success_measure", "baseline", "confirm", "partnership",
    "region", "nation", "council_type", "theme", "next", "email", "login", "password",
    "code", "full_name", "job_title", "title_contains", "problem_contains", "kind",
]  # fmt: skip
NASTY = [
    "", "0", "-1", "-99999999999999999999", "99999999999999999999999999999", "1e309",
    "NaN", "inf", "2026-02-30", "31/12/2026", "0000-00-00", "2026-13-01T25:61",
    "9999-12-31", "'; DROP TABLE ideas_idea; --", "%00", "\x00", "\u202e\u0000x",
    "../../etc/passwd", "<script>alert(1)</script>", "{{ 7*7 }}", "%s%s%s%n",
    "Ωmega ☃ 💥 ñ", "true", "null", "[]", "{}", "a" * 5000,
]  # fmt: skip

values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    # Long strings are built, not drawn character by character (that is slow).
    st.builds(lambda n, c: c * n, st.integers(1000, 20000), st.sampled_from(["x", "€", "\x00"])),
    st.dates().map(str),
)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=20))
pairs = st.lists(st.tuples(keys, values), max_size=8)  # duplicates keys happen


class RolledBack(Exception):
    pass


def fuzz_kwargs(data, name, params, world_values):
    if not params:
        return {}
    kwargs = {}
    for param in params:
        valid = world_values.get(param, DEFAULT_PARAMS.get(param, "1"))
        kwargs[param] = data.draw(
            st.one_of(
                st.just(valid),
                st.integers(min_value=0, max_value=10**25),
                st.text(max_size=30),
                st.sampled_from(NASTY),
            ),
            label=param,
        )
    try:
        reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        # Values the URL pattern refuses never reach the view (the resolver 404s).
        kwargs = {
            param: world_values.get(param, DEFAULT_PARAMS.get(param, "1")) for param in params
        }
    return kwargs


def valid_values(name, params, world):
    rule = rule_for(name)
    if rule.objects == "admin":
        return admin_kwargs(name, params)
    if rule.objects:
        return world[rule.objects][0].kwargs
    return {}


def signed_in_cookies(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return {name: morsel.value for name, morsel in client.cookies.items()}


def test_generated_bad_input_never_causes_a_server_error(world, cast, settings, monkeypatch):
    settings.ACCOUNT_RATE_LIMITS = False
    monkeypatch.setattr("councils.middleware.LAST_SEEN_RESOLUTION", 10**9)
    # Unnamed patterns cannot be reversed: Django admin's redirects, covered by admin:*.
    patterns = [(name, params) for name, params in url_patterns() if UNNAMED not in name]
    targets = [(name, params, valid_values(name, params, world)) for name, params in patterns]
    cookies = {person: signed_in_cookies(cast[person]) for person in PERSONS}
    # One client for all: each new Client loads the middleware (WhiteNoise scans
    # the static files), which would cost more than the request.
    client = Client(raise_request_exception=False)
    failures = []
    sent = {"requests": 0, "500s": 0, "exceptions": 0}

    def record_exception(sender, request, **kwargs):
        sent["exceptions"] += 1

    got_request_exception.connect(record_exception, dispatch_uid="bad-input")

    @settings_for_examples
    @given(data=st.data())
    def send(data):
        name, params, world_values = data.draw(st.sampled_from(targets), label="view")
        person = data.draw(st.sampled_from(PERSONS), label="person")
        method = data.draw(st.sampled_from(["GET", "POST"]), label="method")
        url = reverse(name, kwargs=fuzz_kwargs(data, name, params, world_values))
        query = urlencode(data.draw(pairs, label="query"))
        client.cookies = SimpleCookie(cookies[person])
        before = sent["exceptions"]
        try:
            with transaction.atomic():
                if method == "GET":
                    response = client.get(f"{url}?{query}")
                else:
                    body = urlencode(data.draw(pairs, label="body"))
                    response = client.post(
                        f"{url}?{query}", body, content_type="application/x-www-form-urlencoded"
                    )
                raise RolledBack
        except RolledBack:
            pass
        sent["requests"] += 1
        if response.status_code >= 500 or sent["exceptions"] > before:
            sent["500s"] += response.status_code >= 500
            failures.append(f"{method} {url}?{query[:200]} as {person}: {response.status_code}")
            raise AssertionError(failures[-1])

    try:
        send()
    finally:
        got_request_exception.disconnect(dispatch_uid="bad-input")
        print(
            f"\nbad input: {sent['requests']} generated requests to {len(targets)} URL patterns;"
            f" 500s: {sent['500s']}; unhandled exceptions: {sent['exceptions']}"
        )
    assert failures == []
    assert sent["requests"] >= EXAMPLES


settings_for_examples = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


def test_a_number_too_large_for_the_database_is_a_bad_request(client_for, platform_admin):
    # Found by the generated test above: SQLite cannot hold this integer.
    url = reverse("admin:councils_membership_changelist")
    response = client_for(platform_admin).get(url, {"council": "-99999999999999999999"})

    # PostgreSQL finds no such council (an empty list); SQLite cannot hold the number.
    assert response.status_code == (400 if connection.vendor == "sqlite" else 200)


def test_an_admin_form_ignores_a_foreign_key_that_is_not_an_id(client_for, platform_admin):
    # Found by the generated test: the council autocomplete looked "1e309" up as an id.
    url = reverse("admin:councils_membership_add")
    response = client_for(platform_admin).get(url, {"council": "1e309", "role": "staff"})

    assert response.status_code == 200
    assert response.context["adminform"].form.initial == {"role": "staff"}
