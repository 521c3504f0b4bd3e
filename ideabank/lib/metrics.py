"""Prometheus metrics at /metrics, for a scraper holding METRICS_TOKEN only.

django-prometheus counts requests, responses and latencies in its middleware;
this view serves them. Under gunicorn, PROMETHEUS_MULTIPROC_DIR makes every
worker write its figures to files, and a scrape adds them up (gunicorn.conf.py
clears the folder at start and tidies after each worker). Collectors named in
settings.METRICS_COLLECTORS read their figures at each scrape (the email
outbox's backlog, for example): they are registered here, per scrape, so this
module imports no app.
"""

import os

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.crypto import constant_time_compare
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)


def allowed(request):
    token = settings.METRICS_TOKEN
    given = request.headers.get("authorization", "")
    return bool(token) and constant_time_compare(given, f"Bearer {token}")


def process_registry():
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


@require_safe
@never_cache
def metrics(request):
    # A 404, like anything else a visitor may not see: it does not confirm the page exists.
    if not allowed(request):
        raise Http404
    scraped = CollectorRegistry(auto_describe=True)
    for path in settings.METRICS_COLLECTORS:
        scraped.register(import_string(path)())
    body = generate_latest(process_registry()) + generate_latest(scraped)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
