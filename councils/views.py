from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .filters import CouncilFilter
from .models import Council, Partnership

COUNCILS_PER_PAGE = 50


@require_safe
def council_list(request):
    councils = Council.objects.order_by("short_name", "code")
    # Always bound, so an empty query string still means "current councils only".
    filterset = CouncilFilter(request.GET, queryset=councils)
    page_obj = Paginator(filterset.qs, COUNCILS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "councils/council_list.html",
        {"form": filterset.form, "page_obj": page_obj, "councils": page_obj.object_list},
    )


def related_councils(council):
    """The councils named by code on `council` (county, combined authority, successors)."""
    codes = [council.parent_county, council.combined_authority, *replacement_codes(council)]
    return Council.objects.filter(code__in=[code for code in codes if code]).in_bulk(
        field_name="code"
    )


def replacement_codes(council):
    return [code.strip() for code in council.replaced_by.split(",") if code.strip()]


@require_safe
def council_detail(request, slug):
    council = get_object_or_404(Council, slug=slug)
    related = related_councils(council)
    return render(
        request,
        "councils/council_detail.html",
        {
            "council": council,
            "parent_county": related.get(council.parent_county),
            "combined_authority": related.get(council.combined_authority),
            "replaced_by": [related.get(code, code) for code in replacement_codes(council)],
            "partnerships": list(council.partnerships.all()),
        },
    )


@require_safe
def partnership_list(request):
    partnerships = Partnership.objects.annotate(council_count=Count("councils"))
    return render(request, "councils/partnership_list.html", {"partnerships": partnerships})


@require_safe
def partnership_detail(request, slug):
    partnership = get_object_or_404(Partnership, slug=slug)
    councils = list(partnership.councils.order_by("short_name", "code"))
    return render(
        request,
        "councils/partnership_detail.html",
        {"partnership": partnership, "councils": councils},
    )
