from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from councils.models import Council, Partnership, Visibility
from councils.signals import council_page_context, partnership_page_context
from councils.similarity import most_similar
from councils.visibility import membership_of, visible_council_ids
from ideas.models import Idea, IdeaCount
from ideas.permissions import author_label
from ideas.themes import theme_names_of, with_theme_names
from outcomes.models import BenefitCheckIn, ExperimentCount, Outcome
from pilots.models import Pilot

from .filters import (
    DidNotWorkFilter,
    ExperimentFilter,
    IdeaFilter,
    visible_adoption_count,
)
from .funnel import council_numbers, funnel
from .pagination import PageRows, paginate
from .search import MAX_MATCHES
from .sections import (
    IDEAS,
    PILOTS,
    cached_filters,
    cached_section,
    fresh_total,
    render_without_processors,
)
from .similar import failed_like, similar_pilots

LATEST_COUNT = 5
AWAITING_COUNT = 20
PUBLIC_NUMBERS_SECONDS = 300
# Filters a council's or partnership's page fixes (its downloads fix the same ones).
COUNCIL_FIXED = ("council", "partnership", "nation", "region", "council_type", "like_mine")
PARTNERSHIP_FIXED = ("partnership",)


def idea_rows(user, ideas):
    """Ideas with the author label the person may see (DESIGN.md: names stay in the council)."""
    return [{"idea": idea, "author": author_label(user, idea)} for idea in ideas]


def browse(request, filter_class, scoped, *, action, fixed=(), cells=None):
    """The browse section: filter, search, sort, count facets and paginate `scoped()`.

    `scoped` builds the queryset the person may see; it is called only when the
    section is not in the cache. Returns the context of the page around the
    section: its HTML, and the form when it was rendered now (its errors go in
    the page's error summary).
    """

    kinds = (IDEAS,) if filter_class is IdeaFilter else (PILOTS,)

    def build():
        filterset = filter_class(
            request.GET,
            queryset=scoped(),
            request=request,
            fixed=fixed,
            cells=cells and cells(),
        )
        filters, count, seconds_left = cached_filters(
            request, filterset, render_filters, kinds=kinds
        )
        if seconds_left is not None:  # counted with the cached facet counts, earlier
            count = fresh_total(filterset.filtered(), count)
        rows = PageRows(lambda start, stop: page_rows(request, filterset, start, stop))
        at_most = MAX_MATCHES if filterset.search_terms() else None  # search.bounded
        page_obj = paginate(request, rows, count, at_most=at_most)
        context = {"form": filterset.form, "filters": filters, "page_obj": page_obj}
        # A search or a filter was given (an order is neither): "nothing matches" can
        # then suggest fewer filters; otherwise there is simply nothing to show yet.
        context["filtered"] = any(
            request.GET.get(name) for name in filterset.filters if name != "sort"
        )
        if filter_class is IdeaFilter:
            context["rows"] = idea_rows(request.user, page_obj.object_list)
        if filterset.form.errors:
            return context, False
        return context, seconds_left or True

    def render_filters(form):
        context = {"form": form, "action": action}
        return render_without_processors("explore/_filters.html", context, request)

    template = f"explore/_browse_{filter_class.section}.html"
    html, context = cached_section(request, template, build, kinds=kinds)
    return {"browse_section": html, "form": context and context["form"]}


def browse_rows(request, filterset, rows=None):
    """A browse list's filtered rows (or `rows` of it) with what each row shows (its page
    and its download)."""
    rows = filterset.qs if rows is None else rows
    rows = rows.select_related("council").prefetch_related("themes")
    rows = rows.defer("search_vector")  # the search document is large and never shown
    if isinstance(filterset, IdeaFilter):
        return rows.select_related("author")
    rows = rows.select_related("outcome")
    if "adoption_count" not in rows.query.annotations:
        rows = rows.annotate(adoption_count=visible_adoption_count(request.user))
    return rows


def page_rows(request, filterset, start, stop):
    """Rows `start` to `stop` of a browse list, each with its `theme_names`: read in the
    same query on PostgreSQL, else prefetched."""
    rows = browse_rows(request, filterset, filterset.page_rows(start, stop))
    if connection.vendor == "postgresql":
        return list(with_theme_names(rows.prefetch_related(None)))
    rows = list(rows)
    for row in rows:
        row.theme_names = theme_names_of(row)  # from the prefetched themes
    return rows


def experiments_of(user, **where):
    return Pilot.objects.visible_to(user).filter(**where)


def awaiting_outcome(user, **where):
    pilots = experiments_of(user, **where).awaiting_outcome(timezone.localdate())
    return list(pilots.select_related("council").order_by("end_date", "pk")[:AWAITING_COUNT])


@require_safe
def experiment_list(request):
    context = browse(
        request,
        ExperimentFilter,
        lambda: experiments_of(request.user),
        action=reverse("explore:experiments"),
        cells=lambda: ExperimentCount.objects.visible_to(request.user),
    )
    return render(request, "explore/experiment_list.html", context)


def did_not_work_of(user):
    return experiments_of(user).did_not_work()


@require_safe
def did_not_work_list(request):
    """The "did not work" register: every pilot the person may see that did not work or was
    stopped early, with why it stopped and what its council would do differently."""
    context = browse(
        request,
        DidNotWorkFilter,
        lambda: did_not_work_of(request.user),
        action=reverse("explore:did_not_work"),
    )
    return render(request, "explore/did_not_work_list.html", context)


@require_safe
def idea_list(request):
    context = browse(
        request,
        IdeaFilter,
        lambda: Idea.objects.shared_with(request.user),
        action=reverse("explore:ideas"),
        cells=lambda: IdeaCount.objects.shared_with(request.user),
    )
    return render(request, "explore/idea_list.html", context)


def related_councils(council):
    """The councils named by code on `council` (county, combined authority, successors)."""
    codes = [council.parent_county, council.combined_authority, *replacement_codes(council)]
    return Council.objects.filter(code__in=[code for code in codes if code]).in_bulk(
        field_name="code"
    )


def replacement_codes(council):
    return [code.strip() for code in council.replaced_by.split(",") if code.strip()]


def browse_place(request, url_name, place, fixed, **where):
    """The experiments section of a council's or a partnership's page."""
    return browse(
        request,
        ExperimentFilter,
        lambda: experiments_of(request.user, **where),
        fixed=fixed,
        action=reverse(url_name, args=[place.slug]),
    )


@require_safe
def council_detail(request, slug):
    council = get_object_or_404(Council.objects.select_related("profile"), slug=slug)
    related = related_councils(council)
    context = browse_place(request, "explore:council", council, COUNCIL_FIXED, council=council)
    context.update(
        {
            "council": council,
            "parent_county": related.get(council.parent_county),
            "combined_authority": related.get(council.combined_authority),
            "replaced_by": [related.get(code, code) for code in replacement_codes(council)],
            "partnerships": list(council.partnerships.all()),
            "awaiting": awaiting_outcome(request.user, council=council),
            "profile": getattr(council, "profile", None),
            "similar": most_similar(council),
        }
    )
    for _receiver, extra in council_page_context.send(
        sender=Council, council=council, user=request.user
    ):
        context.update(extra or {})
    return render(request, "explore/council_detail.html", context)


@require_safe
def partnership_detail(request, slug):
    partnership = get_object_or_404(Partnership, slug=slug)
    councils = list(partnership.councils.order_by("short_name", "code"))
    member_ids = [council.pk for council in councils]
    context = browse_place(
        request, "explore:partnership", partnership, PARTNERSHIP_FIXED, council_id__in=member_ids
    )
    context.update(
        {
            "partnership": partnership,
            "councils": councils,
            "awaiting": awaiting_outcome(request.user, council_id__in=member_ids),
        }
    )
    for _receiver, extra in partnership_page_context.send(
        sender=Partnership, partnership=partnership, user=request.user
    ):
        context.update(extra or {})
    return render(request, "explore/partnership_detail.html", context)


def public_numbers():
    """What councils have made public: counted at most every five minutes, not per request."""

    def count():
        visitor = AnonymousUser()
        return {
            "ideas": Idea.objects.visible_to(visitor).count(),
            "pilots": Pilot.objects.visible_to(visitor).count(),
            "outcomes": Outcome.objects.visible_to(visitor).count(),
        }

    return cache.get_or_set("explore:public-numbers", count, PUBLIC_NUMBERS_SECONDS)


def latest_outcomes(user, *, exclude_council_id=None, **where):
    outcomes = Outcome.objects.visible_to(user).filter(**where)
    if exclude_council_id is not None:
        outcomes = outcomes.exclude(pilot__council_id=exclude_council_id)
    return list(outcomes.newest_first()[:LATEST_COUNT])


@require_safe
def home(request):
    membership = membership_of(request.user)
    if membership is None:
        context = {
            "numbers": public_numbers(),
            "latest_outcomes": latest_outcomes(request.user),
        }
        return render(request, "explore/home_visitor.html", context)
    council = membership.council

    def build():
        # The same (per request, cached) lookup the visibility rule uses.
        partner_ids = visible_council_ids(request.user)[Visibility.PARTNERS] - {council.pk}
        numbers = council_numbers(request.user, council.pk)
        ideas = Idea.objects.shared_with(request.user).promotable()
        if partner_ids:
            ideas = ideas.filter(council_id__in=partner_ids)
            outcomes = latest_outcomes(request.user, pilot__council_id__in=partner_ids)
        else:
            # No partners to speak of: point to what every other council shares instead.
            ideas = ideas.exclude(council_id=council.pk)
            outcomes = latest_outcomes(request.user, exclude_council_id=council.pk)
        partner_ideas = ideas.select_related("council", "author").order_by("-submitted_at", "-pk")[
            :LATEST_COUNT
        ]
        context = {
            "council": council,
            "numbers": numbers,
            "chart": funnel(numbers),
            "has_partners": bool(partner_ids),
            "partner_outcomes": outcomes,
            "partner_ideas": idea_rows(request.user, partner_ideas),
        }
        return context, True

    html, _context = cached_section(request, "explore/_home_member.html", build)
    context = {"council": council, "home_section": html, "check_ins": check_ins_due(membership)}
    return render(request, "explore/home_member.html", context)


def check_ins_due(membership):
    """Benefit check-ins waiting for this member to record (not cached: they change on answer)."""
    due = BenefitCheckIn.objects.due(timezone.localdate()).to_record_by(membership)
    return list(due.select_related("outcome__pilot").order_by("due_on", "pk")[:AWAITING_COUNT])


@login_required
@require_safe
def similar(request):
    """The "already tried elsewhere" fragment the idea form fetches as the person types;
    a whole page when opened in the browser (a link followed, the address typed)."""
    membership = membership_of(request.user)
    # Only a lookup while the person types: the cut bounds the search, nothing is saved.
    title = request.GET.get("title", "")[:150]
    problem = request.GET.get("problem", "")[:5000]
    pilots = similar_pilots(
        request.user,
        title=title,
        problem=problem,
        council_id=membership.council_id if membership else None,
    )
    context = {
        "pilots": pilots,
        "failures": failed_like(request.user, title=title, problem=problem),
        "my_council_id": membership.council_id if membership else None,
        "title": title,
    }
    # The browser says a fetch is not a navigation; one too old to say gets the fragment.
    opened = request.headers.get("Sec-Fetch-Mode") == "navigate"
    template = "explore/similar.html" if opened else "explore/_similar.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["Sec-Fetch-Mode"])
    return response


@require_safe
def similar_to_idea(request, pk):
    idea = get_object_or_404(
        Idea.objects.visible_to(request.user).select_related("council"), pk=pk
    )
    pilots = similar_pilots(
        request.user,
        title=idea.title,
        problem=idea.problem,
        council_id=idea.council_id,
        idea_id=idea.pk,
    )
    context = {
        "idea": idea,
        "pilots": pilots,
        "own_council": idea.council,
        "failures": failed_like(request.user, title=idea.title, problem=idea.problem),
        "my_council_id": idea.council_id,
    }
    return render(request, "explore/similar_to_idea.html", context)
