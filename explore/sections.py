"""Browse sections (filters with counts and a page of results) rendered once, then cached.

Rendering a browse section costs tens of milliseconds of SQL and templates; at
50 concurrent connections on 2 cores a page must cost a few milliseconds to stay
fast (docs/performance.md). So the section is cached per audience (everyone who
sees the same content: `audience_key`), path, query string and language. Django's
per-view cache cannot be used: the page around the section differs per person
(their name, the sign-out form's CSRF token, the CSP nonce).

Any change to content that a list shows replaces the content version, so every
cached section goes out of date at once; `EXPLORE_SECTION_SECONDS` bounds how long a
change that reached the database some other way (a shell, a bulk load) can take
to show.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import mark_safe

from councils.visibility import audience_key

VERSION_KEY = "explore:content-version"


def section_seconds():
    return getattr(settings, "EXPLORE_SECTION_SECONDS", 120)


def content_version():
    """The current content version: a new value whenever listed content changes."""
    return cache.get_or_set(VERSION_KEY, new_version, None)


def new_version():
    # A fresh value, never a counter: if the cache loses the key, a counter
    # would start again and bring old sections back to life.
    return str(time.time_ns())


def replace_content_version():
    cache.set(VERSION_KEY, new_version(), None)


def content_changed(sender, **kwargs):
    """Signal receiver: lists are out of date now, and again once the change is committed.

    The second replacement covers a request that rendered the old content
    between the change and its commit.
    """
    replace_content_version()
    transaction.on_commit(replace_content_version)


def section_key(request, *, prefix="section", leave_out=()):
    query = sorted((name, values) for name, values in request.GET.lists() if name not in leave_out)
    parts = [
        content_version(),
        audience_key(request.user),
        translation.get_language(),
        request.path,
        repr(query),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"explore:{prefix}:{digest}"


def cached_facet_counts(request, filterset):
    """`filterset.facet_counts()`, shared by every page and order of the same search.

    The counts are the costly part of a section: paging through results or
    changing their order does not count again.
    """
    if section_seconds() <= 0 or filterset.errors:
        return filterset.facet_counts()
    key = section_key(request, prefix="facets", leave_out=("page", "sort"))
    counts = cache.get(key)
    if counts is None:
        counts = filterset.facet_counts()
        cache.set(key, counts, section_seconds())
    return counts


def render_without_processors(template_name, context, request):
    """Render with the request (pagination's {% querystring %} reads it) but without context
    processors, which add what differs per person (and a query for a manager's queue)."""
    bound = Context({**context, "request": request}, use_l10n=None)
    bound.request = request
    return get_template(template_name).template.render(bound)


def cached_section(request, template, build):
    """The HTML of `template`, from the cache or rendered from `build()`'s context.

    `build` returns (context, cacheable); a section showing a person's input
    errors is not cached. Returns (html, context), context None when cached.
    """
    if section_seconds() <= 0:
        key = None
    else:
        key = section_key(request)
        html = cache.get(key)
        if html is not None:
            return mark_safe(html), None  # noqa: S308 (our own rendered template)
    context, cacheable = build()
    html = render_without_processors(template, context, request)
    if key and cacheable:
        cache.set(key, html, section_seconds())
    return html, context
