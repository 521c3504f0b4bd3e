"""Hypothesis sends generated query strings, path values and form bodies to every
view: none may answer 500 or log an unhandled exception."""

import datetime
import logging
import os
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.signals import got_request_exception, request_finished
from django.db import close_old_connections, connection, models, transaction
from django.http import FileResponse
from django.test import Client
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from evidence.models import EvidenceFile

from .policy import rule_for
from .sweep import DEFAULT_PARAMS, UNNAMED, url_patterns
from .world import admin_kwargs

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

# CI sends 10,000; set it lower for a quick local run.
EXAMPLES = int(os.environ.get("IDEABANK_BAD_INPUT_EXAMPLES", "10000"))
# Sent as shards, each from its own seed, so that xdist spreads them over its workers
# instead of one worker sending all 10,000 while the other waits at the end.
SHARDS = 4
EXAMPLES_PER_SHARD = -(-EXAMPLES // SHARDS)
# Then 250 more to the Django admin alone (an admin page costs several
# ordinary ones), after one pass over every admin URL pattern: about 30 s on 2 CPUs.
ADMIN_EXAMPLES = int(os.environ.get("IDEABANK_BAD_INPUT_ADMIN_EXAMPLES", "250"))
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
    "cashable_saving", "cost_avoided", "saving_basis", "realised_cashable",
    "realised_cost_avoided", "year",
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
any_key = st.text(min_size=1, max_size=20)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), any_key)
pairs = st.lists(st.tuples(keys, values), max_size=8)  # duplicates keys happen


class RolledBack(Exception):
    pass


def close_unread(response):
    """Close a streamed response (a file download) whose content is not read, as the
    WSGI server would, so its file is not left to the garbage collector.

    The test client closes one only once it is read to the end (`file_to_stream` is
    gone by then), and as it does there, without the close_old_connections that
    response.close() sets off: it would drop the test's connection mid-transaction.
    """
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def rolled_back_request(client, method, url, body=""):
    """GET or POST `url`, then roll back what the view wrote, so each example starts alike."""
    try:
        with transaction.atomic():
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, body, content_type="application/x-www-form-urlencoded")
            if response.streaming:
                close_unread(response)
            raise RolledBack
    except RolledBack:
        pass
    return response


def test_a_download_the_generated_requests_reach_has_its_file_closed(world, cast, monkeypatch):
    # The test client hands back a download unread; whoever reads only its status and
    # headers must close it, or the file is left to the garbage collector.
    opened = []

    def recording_file_response(file, **kwargs):
        opened.append(file)
        return FileResponse(file, **kwargs)

    monkeypatch.setattr("evidence.views.FileResponse", recording_file_response)
    client = Client(raise_request_exception=False)
    client.force_login(cast["alice"])
    evidence = world["evidence_file"][0]

    response = rolled_back_request(
        client, "GET", reverse("evidence:download", kwargs=evidence.kwargs)
    )

    assert response.status_code == 200
    assert len(opened) == 1 and opened[0].closed
    # Closing it left the test's database connection open.
    assert EvidenceFile.objects.filter(pk=evidence.kwargs["pk"]).exists()


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


@pytest.mark.parametrize("shard", range(SHARDS))
def test_generated_bad_input_never_causes_a_server_error(
    shard, world, cast, settings, monkeypatch
):
    settings.ACCOUNT_RATE_LIMITS = False
    monkeypatch.setattr("councils.middleware.LAST_SEEN_RESOLUTION", 10**9)
    # Unnamed patterns cannot be reversed: Django admin's redirects, covered by admin:*.
    patterns = [(name, params) for name, params in url_patterns() if UNNAMED not in name]
    targets = [(name, params, valid_values(name, params, world)) for name, params in patterns]
    cookies = {person: signed_in_cookies(cast[person]) for person in PERSONS}
    # One client for all, each person's cookies set before each request.
    client = Client(raise_request_exception=False)
    failures = []
    sent = {"requests": 0, "500s": 0, "exceptions": 0}

    def record_exception(sender, request, **kwargs):
        sent["exceptions"] += 1

    got_request_exception.connect(record_exception, dispatch_uid="bad-input")

    @seed(shard)
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
        body = urlencode(data.draw(pairs, label="body")) if method == "POST" else ""
        response = rolled_back_request(client, method, f"{url}?{query}", body)
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
    assert sent["requests"] >= EXAMPLES_PER_SHARD


SUPPRESSED = [
    HealthCheck.function_scoped_fixture,
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,
]
settings_for_examples = settings(
    max_examples=EXAMPLES_PER_SHARD,
    deadline=None,
    # Each shard's own seed (@seed) makes its examples the same on every run.
    derandomize=False,
    database=None,
    suppress_health_check=SUPPRESSED,
)
settings_for_admin_examples = settings(settings_for_examples, max_examples=ADMIN_EXAMPLES)

# What the admin reads from a query string: its list's own parameters, then lookups.
ADMIN_PARAMS = ["q", "o", "p", "e", "all", "_popup", "_to_field", "_facets", "_changelist_filters"]
DATE_LOOKUPS = ["__year", "__month", "__day", "__gte", "__lt", "__year__gt", "__iso_year"]
OTHER_LOOKUPS = ["", "__exact", "__in", "__isnull", "__regex", "__iregex", "__search", "__range"]
# Dates Python or PostgreSQL cannot hold, and years that are not years.
BAD_DATES = [
    "99999", "10000", "9999", "0", "-1", "2026-02-30", "99999-01-01", "0000-00-00",
    "9999-12-31 23:59:60", "1e309", "\x00", "2026\x00", "١٢", "(", "[",
]  # fmt: skip
# Ids that are not ids: the admin's raw-id and autocomplete widgets look them up.
BAD_IDS = ["abc", "1.5", "1e309", "0x1F", " 1 ", "-0", "١", "1,2", "\x00", "99999999999999999999"]


def model_for(name):
    """The model an admin URL name is about (`admin:ideas_idea_change`), or None."""
    found = None
    for model in apps.get_models():
        if name.split(":", 1)[1].startswith(f"{model._meta.app_label}_{model._meta.model_name}_"):
            found = model
    return found


def admin_keys(model):
    """The query parameters worth trying on a model's list and forms: every field as a
    pre-filled value, date fields with date lookups, relations by id."""
    keys = list(ADMIN_PARAMS)
    for field in model._meta.get_fields() if model else []:
        if not field.concrete:
            continue
        keys += [field.name + lookup for lookup in OTHER_LOOKUPS]
        if isinstance(field, models.DateField):  # DateTimeField included
            keys += [field.name + lookup for lookup in DATE_LOOKUPS]
        if field.is_relation:
            keys += [f"{field.name}__id__exact", f"{field.name}_id"]
    return keys


def worst_query(model):
    """Every date field's year out of range and every relation pre-filled with a non-id."""
    query = [("q", "x")]
    for field in model._meta.get_fields() if model else []:
        if isinstance(field, models.DateField) and field.concrete:
            query.append((f"{field.name}__year", "99999"))
        elif field.concrete and (field.many_to_one or field.one_to_one):
            query.append((field.name, "abc"))
    return query


def admin_targets():
    """Every named Django admin URL with valid path values, and what to try on it."""
    targets = []
    for name, params in url_patterns():
        if not name.startswith("admin:") or UNNAMED in name:
            continue
        model = model_for(name)
        targets.append((name, params, admin_kwargs(name, params), model, admin_keys(model)))
    return targets


def test_the_admin_answers_generated_bad_input_without_a_server_error(
    world, platform_admin, caplog
):
    """Issue 20: as a platform admin with MFA, every admin URL once with its worst
    query string, then generated lookups, dates and ids; none may answer 500."""
    # Each refused lookup (400) is logged with its traceback: hundreds, all expected.
    caplog.set_level(logging.CRITICAL, logger="django.security")
    targets = admin_targets()
    registered = {model for model in apps.get_models() if admin.site.is_registered(model)}
    assert registered <= {target[3] for target in targets}, "an admin without URLs here"
    client = Client(raise_request_exception=False)
    client.force_login(platform_admin)
    assert client.get(reverse("admin:index")).status_code == 200  # no MFA detour
    # Each request starts from this session cookie: the database is rolled back after
    # every request, but a generated POST to the admin's log-out page would also clear
    # the client's cookie, and every later request would be sent to sign in.
    signed_in = SimpleCookie(client.cookies)
    failures = []
    sent = {"requests": 0, "exceptions": 0, "200s": 0, "detours": 0}
    detours = (reverse("account_login"), reverse("mfa_activate_totp"))

    def record_exception(sender, request, **kwargs):
        sent["exceptions"] += 1

    def send(method, url, query, body=()):
        before = sent["exceptions"]
        client.cookies = SimpleCookie(signed_in)
        response = rolled_back_request(
            client, method, f"{url}?{urlencode(query)}", urlencode(body)
        )
        sent["requests"] += 1
        sent["200s"] += response.status_code == 200
        # Sent to sign in or to set up MFA: the request never reached the admin.
        sent["detours"] += response.get("Location", "").startswith(detours)
        if response.status_code >= 500 or sent["exceptions"] > before:
            failures.append(f"{method} {url}?{urlencode(query)[:200]}: {response.status_code}")
            raise AssertionError(failures[-1])

    @settings_for_admin_examples
    @given(data=st.data())
    def generated(data):
        name, params, kwargs, model, keys = data.draw(st.sampled_from(targets), label="view")
        admin_values = st.one_of(
            values, st.sampled_from(BAD_DATES), st.sampled_from(BAD_IDS), st.integers().map(str)
        )
        admin_pairs = st.lists(
            st.tuples(st.sampled_from(keys) | any_key, admin_values), max_size=6
        )
        method = data.draw(st.sampled_from(["GET", "POST"]), label="method")
        query = data.draw(admin_pairs, label="query")
        body = data.draw(admin_pairs, label="body") if method == "POST" else ()
        send(method, reverse(name, kwargs=kwargs), query, body)

    got_request_exception.connect(record_exception, dispatch_uid="bad-admin-input")
    try:
        for name, _params, kwargs, model, _keys in targets:
            send("GET", reverse(name, kwargs=kwargs), worst_query(model))
        generated()
    finally:
        got_request_exception.disconnect(dispatch_uid="bad-admin-input")
        print(
            f"\nbad admin input: {sent['requests']} requests to {len(targets)} admin URL"
            f" patterns as a platform admin; 200s: {sent['200s']}; detours: {sent['detours']};"
            f" unhandled exceptions: {sent['exceptions']}"
        )
    assert failures == []
    assert sent["requests"] >= len(targets) + ADMIN_EXAMPLES
    # Every request reached the admin as the signed-in platform admin.
    assert sent["detours"] == 0
    assert sent["200s"] > 0


def test_a_nul_byte_in_the_admin_search_box_is_a_bad_request(client_for, platform_admin):
    response = client_for(platform_admin).get(
        reverse("admin:ideas_idea_changelist"), {"q": "\x00"}
    )

    assert response.status_code == 400


def test_a_nul_byte_as_a_pre_filled_admin_value_is_a_bad_request(client_for, platform_admin):
    response = client_for(platform_admin).get(reverse("admin:ideas_idea_add"), {"council": "\x00"})

    assert response.status_code == 400


def test_an_impossible_year_in_an_admin_list_is_a_bad_request(client_for, platform_admin):
    client = client_for(platform_admin)
    url = reverse("admin:ideas_idea_changelist")

    assert client.get(url, {"created_at__year": "99999"}).status_code == 400
    assert client.get(url, {"created_at__year": "2026"}).status_code == 200


@pytest.mark.postgres
def test_a_value_that_is_not_an_address_in_an_admin_list_is_a_bad_request(
    client_for, platform_admin
):
    # PostgreSQL refused "0" for its inet column: a 500 (found by the generated input).
    client = client_for(platform_admin)
    url = reverse("admin:audit_auditevent_changelist")

    for query in ({"ip_address": "0"}, {"ip_address__in": "10.0.0.1,x"}):
        assert client.get(url, query).status_code == 400, query
    for query in ({"ip_address": "10.0.0.1"}, {"ip_address__isnull": "True"}):
        assert client.get(url, query).status_code == 200, query


def test_a_lookup_the_admin_does_not_offer_is_a_bad_request(client_for, platform_admin):
    # PostgreSQL refused the pattern: a 500.
    response = client_for(platform_admin).get(
        reverse("admin:ideas_idea_changelist"), {"title__regex": "("}
    )

    assert response.status_code == 400


def test_third_party_admins_check_the_query_string_too(client_for, platform_admin):
    # allauth registers this one; the project's admin site adds the checks.
    response = client_for(platform_admin).get(
        reverse("admin:mfa_authenticator_changelist"), {"created_at__year": "99999"}
    )

    assert response.status_code == 400


def test_a_nul_byte_in_a_form_or_path_is_a_bad_request_everywhere(client, db):
    assert client.post(reverse("account_login"), {"login": "a\x00b"}).status_code == 400
    assert client.get("/councils/bar%00net/").status_code == 400
    assert client.get(reverse("ideas:list"), {"q": "%00"}).status_code == 200  # text, not NUL


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


@pytest.mark.parametrize(
    ("created_at", "prefilled"),
    [
        ("0", None),
        ("4919-99-21", None),
        ("2026-03-27", datetime.datetime(2026, 3, 27)),
        ("2026-03-27 09:30", datetime.datetime(2026, 3, 27, 9, 30)),
    ],
)
def test_an_admin_form_prefills_a_date_only_when_it_is_one(
    client_for, platform_admin, created_at, prefilled
):
    # Found by the generated test: the date and time widgets were given the text (500).
    url = reverse("admin:mfa_authenticator_add")
    response = client_for(platform_admin).get(url, {"created_at": created_at})

    assert response.status_code == 200
    assert response.context["adminform"].form.initial.get("created_at") == prefilled


def test_an_admin_form_sent_back_with_a_non_id_shows_its_error(client_for, platform_admin, barnet):
    # Found by the admin part above: the council autocomplete looked "abc" up (500).
    domain = barnet.email_domains.first()
    url = reverse("admin:councils_councilemaildomain_change", args=[domain.pk])

    response = client_for(platform_admin).post(url, {"domain": "x.gov.uk", "council": "abc"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["council"]
