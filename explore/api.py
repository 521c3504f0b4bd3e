"""The open-data API: public councils, partnerships, pilots and outcomes, read-only.

Everything here is what a visitor may see, whoever asks: the querysets use the one
visibility rule for an anonymous person, never `request.user`, so a signed-in session
cannot widen an answer. django-ninja gives the OpenAPI schema, input validation,
cursor pagination and rate limits; Django's ConditionalGetMiddleware (applied to
these views only, in `urls()`) gives ETags and 304 answers.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import conditional_page, require_safe
from ninja import NinjaAPI, Schema
from ninja.pagination import CursorPagination, paginate
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from councils.models import Council, Partnership
from outcomes.models import Outcome
from pilots.models import Pilot

from .exports import OGL_URL

LICENCE_LINK = f'<{OGL_URL}>; rel="license"'
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
RATE = "120/m"

api = NinjaAPI(
    title="Idea Bank open data",
    version="1",
    description=(
        "Public councils, partnerships, pilots and outcomes from Idea Bank, under the "
        f"Open Government Licence v3.0 ({OGL_URL}). Council data: mySociety, CC BY 4.0. "
        "Only what is public is ever included. Lists are paged with a cursor: follow "
        "`next` until it is null."
    ),
    urls_namespace="api",
    docs_url=None,  # the interactive docs load scripts from a CDN, which the CSP refuses
    throttle=[AnonRateThrottle(RATE), AuthRateThrottle(RATE)],
)


def public_pilots():
    return Pilot.objects.visible_to(AnonymousUser())


def public_outcomes():
    return Outcome.objects.visible_to(AnonymousUser())


def pages(ordering=("id",)):
    return paginate(
        CursorPagination, ordering=ordering, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE
    )


def last_modified(response, when):
    """`Last-Modified` for one object; ConditionalGetMiddleware answers If-Modified-Since."""
    if when is not None:
        response["Last-Modified"] = when.strftime("%a, %d %b %Y %H:%M:%S GMT")


class CouncilOut(Schema):
    code: str
    gss_code: str | None
    name: str
    official_name: str
    nation: str
    region: str
    authority_type: str
    current: bool
    population: int | None

    @staticmethod
    def resolve_name(council):
        return council.short_name

    @staticmethod
    def resolve_current(council):
        return council.active


class PartnershipOut(Schema):
    slug: str
    name: str
    description: str
    councils: list[str]

    @staticmethod
    def resolve_councils(partnership):
        return sorted(council.code for council in partnership.councils.all())


class PilotOut(Schema):
    id: int
    title: str
    summary: str
    council: str
    status: str
    themes: list[str]
    start_date: datetime.date
    end_date: datetime.date
    budget_cap: Decimal
    adapted_from: int | None
    updated_at: datetime.datetime

    @staticmethod
    def resolve_council(pilot):
        return pilot.council.code

    @staticmethod
    def resolve_themes(pilot):
        return sorted(theme.slug for theme in pilot.themes.all())

    @staticmethod
    def resolve_adapted_from(pilot):
        # Public: an adoption is seen only by those who may see its original (pilot_filter).
        return pilot.adapted_from_id


class OutcomeOut(Schema):
    id: int
    pilot: int
    council: str
    verdict: str
    recommend: str
    evidence_level: int
    expected_result: str
    measured_result: str
    learned: str
    do_differently: str
    actual_cost: Decimal | None
    yearly_saving: Decimal | None
    people_reached: int | None
    published_at: datetime.datetime

    @staticmethod
    def resolve_pilot(outcome):
        return outcome.pilot_id

    @staticmethod
    def resolve_council(outcome):
        return outcome.pilot.council.code


def pilot_rows():
    return public_pilots().select_related("council").prefetch_related("themes")


def outcome_rows():
    return public_outcomes().select_related("pilot__council")


@api.get("/councils", response=list[CouncilOut], summary="Councils", tags=["councils"])
@pages()
def councils(request: HttpRequest):
    return Council.objects.all()


@api.get("/councils/{code}", response=CouncilOut, summary="One council", tags=["councils"])
def council(request: HttpRequest, code: str):
    return get_object_or_404(Council, code=code.upper())


@api.get("/partnerships", response=list[PartnershipOut], summary="Partnerships", tags=["councils"])
@pages()
def partnerships(request: HttpRequest):
    return Partnership.objects.prefetch_related("councils")


@api.get("/pilots", response=list[PilotOut], summary="Public pilots", tags=["pilots"])
@pages()
def pilots(request: HttpRequest):
    return pilot_rows()


@api.get("/pilots/{pilot_pk}", response=PilotOut, summary="One public pilot", tags=["pilots"])
def pilot(request: HttpRequest, pilot_pk: int, response: HttpResponse):
    found = get_object_or_404(pilot_rows(), pk=pilot_pk)
    last_modified(response, found.updated_at)
    return found


@api.get("/outcomes", response=list[OutcomeOut], summary="Public outcomes", tags=["outcomes"])
@pages()
def outcomes(request: HttpRequest):
    return outcome_rows()


@api.get(
    "/outcomes/{outcome_pk}", response=OutcomeOut, summary="One public outcome", tags=["outcomes"]
)
def outcome(request: HttpRequest, outcome_pk: int, response: HttpResponse):
    found = get_object_or_404(outcome_rows(), pk=outcome_pk)
    last_modified(response, found.published_at)
    return found


def newest_public_change():
    """When the newest public pilot changed (for the open data page)."""
    return public_pilots().aggregate(newest=Max("updated_at"))["newest"]


def open_data(view):
    """Every API answer: read-only (405 for anything but GET and HEAD, the schema
    included), the licence in a Link header, cacheable for 5 minutes, and an ETag
    (304 for a matching If-None-Match)."""

    def answer(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Link"] = LICENCE_LINK
        patch_cache_control(response, public=True, max_age=300)
        return response

    return conditional_page(require_safe(answer))


def urls():
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = open_data(pattern.callback)
    return patterns, app_name, namespace
