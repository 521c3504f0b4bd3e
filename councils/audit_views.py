"""A council's security log, under its council admin pages."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from audit.filters import AuditEventFilter
from audit.models import AuditEvent

from .member_views import get_council_to_manage

EVENTS_PER_PAGE = 50


@login_required
@require_safe
def audit_log(request, slug):
    council = get_council_to_manage(request.user, slug)
    events = AuditEvent.objects.visible_to(request.user).filter(council_id=council.pk)
    filterset = AuditEventFilter(request.GET, queryset=events)
    page_obj = Paginator(filterset.qs, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "council": council,
        "form": filterset.form,
        "page_obj": page_obj,
        "events": page_obj.object_list,
        "section": "audit",
    }
    return render(request, "audit/auditevent_list.html", context)
