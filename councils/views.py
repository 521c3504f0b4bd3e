from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ideabank.lib.paging import render_page_of

from .filters import CouncilFilter
from .models import Council, Partnership

COUNCILS_PER_PAGE = 50


@require_safe
def council_list(request):
    councils = Council.objects.order_by("short_name", "code")
    # Always bound, so an empty query string still means "current councils only".
    filterset = CouncilFilter(request.GET, queryset=councils)
    return render_page_of(
        request,
        "councils/council_list.html",
        filterset.qs,
        per_page=COUNCILS_PER_PAGE,
        name="councils",
        form=filterset.form,
    )


@require_safe
def partnership_list(request):
    partnerships = Partnership.objects.annotate(council_count=Count("councils"))
    return render(request, "councils/partnership_list.html", {"partnerships": partnerships})
