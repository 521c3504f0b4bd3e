"""Browse sections (filters with counts and a page of results) rendered once, then cached.

Rendering a browse section costs tens of milliseconds of SQL and templates; at
50 concurrent connections on 2 cores a page must cost a few milliseconds to stay
fast (docs/performance.md). So the section is cached per audience (everyone who
sees the same content: `audience_key`), path, query string and language. Django's
per-view cache cannot be used: the page around the section differs per person
(their name, the sign-out form's CSRF token, the CSP nonce).

A section is cached under content versions, and a change replaces only the
versions it can affect (explore/signals.py): those of its kind (ideas, or pilots
with their outcomes) and of the audiences that can see the row. A council-only
idea in Leeds empties Leeds's idea lists, not Barnet's experiments. A lost
version is replaced by a new value, so old sections never come back.
`EXPLORE_SECTION_SECONDS` bounds how long a change that reached the database
some other way (a shell, a bulk load) can take to show.

The filter form with its facet counts is the costly part of a section (most of
it cold, docs/performance.md), and the counts need not be
exact to the second. So it is cached on its own, per audience and filter
state, for `EXPLORE_FACET_SECONDS` and under no content version: after a
change, a section recounts only the rows matching (exactly up to
EXACT_TOTAL_UP_TO, `fresh_total`) and fetches its page of results. A cached
count reflects what the same audience could see at most that many seconds
earlier, never what another audience sees.
"""

import hashlib
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from councils.visibility import EVERYONE, MEMBERS, audience_key

from .pagination import MAX_PAGES, PER_PAGE, count_up_to

# What a section shows: ideas, or pilots with their outcomes (experiments).
IDEAS, PILOTS = "ideas", "pilots"
KINDS = (IDEAS, PILOTS)
# Up to this many matching rows, as many as the pages show, a list's total is always
# exact (see `fresh_total`).
EXACT_TOTAL_UP_TO = PER_PAGE * MAX_PAGES
# Who a change reaches (councils/visibility.py): EVERYONE, every council's MEMBERS, or one
# council ("council-<id>", as in `audience_key`). A visitor's sections depend on EVERYONE only.


def section_seconds():
    return getattr(settings, "EXPLORE_SECTION_SECONDS", 120)


def facet_seconds():
    """How long facet counts are kept; turning the section cache off turns this off too."""
    if section_seconds() <= 0:
        return 0
    return getattr(settings, "EXPLORE_FACET_SECONDS", 60)


def version_key(kind, scope):
    return f"explore:version:{kind}:{scope}"


def audience_scopes(audience):
    """The scopes whose changes an audience can see."""
    return [EVERYONE] if audience == "public" else [EVERYONE, MEMBERS, audience]


def content_versions(kinds, audience):
    """The current versions of what `audience` sees of `kinds`: new values after each change."""
    keys = [version_key(kind, scope) for kind in kinds for scope in audience_scopes(audience)]
    found = cache.get_many(keys)
    missing = {key: new_version() for key in keys if key not in found}
    if missing:
        cache.set_many(missing, None)
    return [found.get(key) or missing[key] for key in keys]


def new_version():
    # A fresh value, never a counter: if the cache loses the key, a counter
    # would start again and bring old sections back to life.
    return str(time.time_ns())


def replace_versions(pairs):
    """New values for the versions of these (kind, scope) pairs."""
    value = new_version()
    if pairs:
        cache.set_many({version_key(kind, scope): value for kind, scope in pairs}, None)


# The (kind, scope) pairs changed in this thread's transaction, replaced again on commit.
uncommitted = threading.local()


def content_changed(kinds=KINDS, scopes=(EVERYONE,)):
    """Sections showing `kinds` to `scopes` are out of date now, and again once committed.

    The second replacement covers a request that rendered the old content
    between the change and its commit.
    """
    pairs = {(kind, scope) for kind in kinds for scope in scopes}
    replace_versions(pairs)
    uncommitted.__dict__.setdefault("pairs", set()).update(pairs)
    # One function for every change (tests/callbacks.py tells it from queued tasks).
    transaction.on_commit(replace_content_version)


def replace_content_version():
    """On commit: replace again the versions the transaction's changes reached.

    The first call after a commit replaces them all; the others find nothing
    left. Pairs left by a rolled-back transaction are replaced at the next
    commit: once too often, never too rarely.
    """
    replace_versions(uncommitted.__dict__.pop("pairs", set()))


def section_key(request, *, prefix="section", kinds=KINDS, leave_out=(), versioned=True):
    query = sorted((name, values) for name, values in request.GET.lists() if name not in leave_out)
    audience = audience_key(request.user)
    parts = [
        *(content_versions(kinds, audience) if versioned else ["unversioned"]),
        audience,
        translation.get_language(),
        request.path,
        repr(query),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"explore:{prefix}:{digest}"


def cached_filters(request, filterset, render, *, kinds=KINDS):
    """The filter form's HTML with its facet counts, the number of matching rows, and
    how long a section showing those counts may be kept.

    Both come from the cache (kept `facet_seconds()`, not emptied by changes) when
    they can. The seconds left are then a number (None when counted now), the number
    of rows is as it was then, for the caller to bring up to date (`fresh_total`),
    and a section around them must go when they do, so that a count never lags a
    change by more than `facet_seconds()`. Counts are shared by every page and
    order of the same search, the form's HTML by every page. Nothing is cached
    for a form with errors.

    A list of up to EXACT_TOTAL_UP_TO rows is counted again after any change its
    audience can see: there the counts are cheap, and old ones would contradict the
    list beside them (a new theme not offered, a status counted under its old name).
    """
    if facet_seconds() <= 0 or filterset.errors:
        count, facets = filterset.facet_counts()
        filterset.show_facet_counts(facets)
        return render(filterset.form), count, None
    versions = content_versions(kinds, audience_key(request.user))

    def still_true(count, counted_versions):
        return counted_versions == versions or count > EXACT_TOTAL_UP_TO

    # Each entry holds the content versions it was counted under, to tell a short
    # list's counts from before a change.
    html_key = section_key(request, prefix="form-counted", leave_out=("page",), versioned=False)
    cached = cache.get(html_key)
    if cached is not None:
        html, count, counted_at, counted_versions = cached
        seconds_left = facet_seconds() - (time.time() - counted_at)
        if seconds_left >= 1 and still_true(count, counted_versions):
            return mark_safe(html), count, seconds_left  # noqa: S308 (our own template)
    counts_key = section_key(
        request, prefix="facet-counts", leave_out=("page", "sort"), versioned=False
    )
    counted = cache.get(counts_key)
    if counted is not None and still_true(counted[0], counted[3]):
        count, facets, counted_at, counted_versions = counted
        seconds_left = facet_seconds() - (time.time() - counted_at)
    else:
        count, facets = filterset.facet_counts()
        counted_at, seconds_left = time.time(), None  # exact now: the section's own lifetime
        counted_versions = versions
        cache.set(counts_key, (count, facets, counted_at, versions), facet_seconds())
    filterset.show_facet_counts(facets)
    html = render(filterset.form)
    cache.set(html_key, (html, count, counted_at, counted_versions), facet_seconds())
    return html, count, seconds_left


def fresh_total(rows, counted_earlier):
    """The number of `rows` now, given the number `cached_filters` counted earlier.

    Exact up to EXACT_TOTAL_UP_TO (`count_up_to`: a few milliseconds at any size).
    Above that, the total counted with the cached facet
    counts, at most `facet_seconds()` ago: next to hundreds of thousands of rows a
    change made since cannot be told apart, and an exact count there reads every
    visible row (most of a rebuilt section's time on a large database). The pages
    stop long before either number (explore/pagination.py).
    """
    capped = count_up_to(rows, EXACT_TOTAL_UP_TO)
    if capped <= EXACT_TOTAL_UP_TO:
        return capped
    return max(counted_earlier, capped)


def render_without_processors(template_name, context, request):
    """Render with the request (pagination's {% querystring request.GET %} reads it) but
    without context processors, which add what differs per person (and a query for a
    manager's queue): `render_to_string` runs them only when given the request."""
    return render_to_string(template_name, {**context, "request": request})


def cached_section(request, template, build, *, kinds=KINDS):
    """The HTML of `template`, from the cache or rendered from `build()`'s context.

    `build` returns (context, keep): keep is False for a section showing a
    person's input errors (not cached), True, or at most how many seconds to
    keep it. Returns (html, context), context None when cached.
    """
    if section_seconds() <= 0:
        key = None
    else:
        key = section_key(request, kinds=kinds)
        html = cache.get(key)
        if html is not None:
            return mark_safe(html), None  # noqa: S308 (our own rendered template)
    context, keep = build()
    html = render_without_processors(template, context, request)
    if key and keep:
        seconds = section_seconds() if keep is True else min(keep, section_seconds())
        cache.set(key, html, max(1, int(seconds)))
    return html, context
