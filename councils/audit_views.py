"""A council's security log, under its council admin pages."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_safe

from audit.filters import AuditEventFilter
from audit.models import AuditEvent
from ideabank.lib.paging import render_page_of

from .member_views import get_council_to_manage

EVENTS_PER_PAGE = 50


@login_required
@require_safe
def audit_log(request, slug):
    council = get_council_to_manage(request.user, slug, "audit")
    events = AuditEvent.objects.visible_to(request.user).filter(council_id=council.pk)
    filterset = AuditEventFilter(request.GET, queryset=events)
    return render_page_of(
        request,
        "audit/auditevent_list.html",
        filterset.qs,
        per_page=EVENTS_PER_PAGE,
        name="events",
        council=council,
        form=filterset.form,
        section="audit",
    )
