from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render
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


@require_safe
def partnership_list(request):
    partnerships = Partnership.objects.annotate(council_count=Count("councils"))
    return render(request, "councils/partnership_list.html", {"partnerships": partnerships})
