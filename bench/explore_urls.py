"""The shipped URLs plus a bare view: "ok" behind every middleware, for a signed-in person.

The baseline of bench/explore_load.py --varied. /healthz is not bare (it queries
PostgreSQL and pings Redis), so ratios against it read higher.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from ideabank.urls import urlpatterns as shipped

BARE_PATH = "bench/bare/"


@login_required
@require_safe
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH, bare, name="bench-bare"), *shipped]
