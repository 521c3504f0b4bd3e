"""Council admins manage their council's members, requests to join and email domains;
managers close the accounts of people who have left.

Everything here sits under a council's slug. Outsiders get 404, so they cannot
tell what a council's admin pages hold; the council's own staff get 403.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from accounts.services import close_account
from audit.services import Kind, record
from ideabank.lib.refusals import Refused

from .forms import EmailDomainForm, MemberRoleForm, MembershipRequestForm
from .models import Council, CouncilEmailDomain, Membership, MembershipRequest
from .permissions import (
    can_manage_members,
    can_remove_leaver,
    can_remove_leavers,
    can_request_membership,
    is_member_of,
    whom_to_ask,
)
from .services import (
    approve_membership_request,
    ask_to_join,
    change_member_role,
    decline_membership_request,
    remove_member,
)

ROLE_CHANGED = {
    Membership.Role.STAFF: gettext_lazy("%(person)s is now a member of staff"),
    Membership.Role.MANAGER: gettext_lazy("%(person)s is now a manager"),
    Membership.Role.COUNCIL_ADMIN: gettext_lazy("%(person)s is now a council admin"),
}


# Why a council's own member may not use one of its pages (templates/403.html shows it).
ADMINS_ONLY = {
    "members": gettext_lazy("Only council admins can manage members."),
    "requests": gettext_lazy("Only council admins can decide on requests to join."),
    "domains": gettext_lazy("Only council admins can change the council’s email domains."),
    "audit": gettext_lazy("Only council admins can see the council’s security log."),
    "sso": gettext_lazy("Only council admins can change how staff sign in."),
}
LEAVERS_ONLY = gettext_lazy(
    "Only managers and council admins can close the accounts of people who have left."
)


def get_council_if(allowed, user, slug, *, reason, ask_managers=False):
    """The council, if `allowed(user, council)`; 403 to its other members, saying `reason`
    and whom to ask; 404 to others."""
    council = get_object_or_404(Council, slug=slug)
    if allowed(user, council):
        return council
    if is_member_of(user, council.pk):
        raise Refused(f"{reason} {whom_to_ask(council, managers=ask_managers)}")
    raise Http404


def get_council_to_manage(user, slug, page):
    """The council for one of its council admins' pages: `page` is an ADMINS_ONLY key."""
    return get_council_if(can_manage_members, user, slug, reason=ADMINS_ONLY[page])


def role_form(membership, data=None):
    return MemberRoleForm(
        data, initial={"role": membership.role}, prefix=f"member-{membership.pk}"
    )


def render_member_list(request, council, *, failed_form=None, failed_pk=None):
    memberships = council.memberships.select_related("user").order_by(
        "user__full_name", "user__email"
    )
    rows = [
        {
            "membership": membership,
            "form": failed_form if membership.pk == failed_pk else role_form(membership),
        }
        for membership in memberships
    ]
    context = {"council": council, "rows": rows, "form": failed_form, "section": "members"}
    return render(request, "councils/member_list.html", context)


def redirect_after_change(request, council, membership):
    # Admins who demote or remove themselves can no longer see the members page.
    # (A deleted membership has no pk; request.user still caches the old one.)
    still_admin = membership.pk is not None and membership.is_council_admin
    if membership.user_id == request.user.pk and not still_admin and not request.user.is_superuser:
        return redirect("accounts:profile")
    return redirect("members:list", slug=council.slug)


@login_required
def member_list(request, slug):
    council = get_council_to_manage(request.user, slug, "members")
    return render_member_list(request, council)


@login_required
@require_POST
def change_role(request, slug, pk):
    council = get_council_to_manage(request.user, slug, "members")
    membership = get_object_or_404(council.memberships.select_related("user"), pk=pk)
    form = role_form(membership, request.POST)
    if form.is_valid():
        try:
            change_member_role(membership=membership, role=form.cleaned_data["role"])
        except ValidationError as error:
            form.add_error("role", error)
        else:
            record(
                Kind.ROLE_CHANGED,
                request=request,
                council=council,
                subject=membership.user,
                detail=membership.get_role_display(),
            )
            message = ROLE_CHANGED[membership.role] % {"person": membership.user}
            messages.success(request, message)
            return redirect_after_change(request, council, membership)
    return render_member_list(request, council, failed_form=form, failed_pk=membership.pk)


@login_required
def remove(request, slug, pk):
    council = get_council_to_manage(request.user, slug, "members")
    membership = get_object_or_404(council.memberships.select_related("user"), pk=pk)
    error = membership.leaving_error()
    if request.method == "POST" and error is None:
        try:
            remove_member(membership=membership)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            record(Kind.MEMBER_REMOVED, request=request, council=council, subject=membership.user)
            messages.success(
                request,
                _("%(person)s is no longer part of %(council)s")
                % {"person": membership.user, "council": council.short_name},
            )
            return redirect_after_change(request, council, membership)
    context = {"council": council, "membership": membership, "error": error}
    return render(request, "councils/member_remove.html", context)


def get_council_for_leavers(user, slug):
    return get_council_if(can_remove_leavers, user, slug, reason=LEAVERS_ONLY, ask_managers=True)


@login_required
@require_safe
def people_list(request, slug):
    council = get_council_for_leavers(request.user, slug)
    memberships = council.memberships.select_related("user").order_by(
        "user__full_name", "user__email"
    )
    rows = [
        {"membership": membership, "can_remove": can_remove_leaver(request.user, membership)}
        for membership in memberships
    ]
    return render(request, "councils/people_list.html", {"council": council, "rows": rows})


@login_required
def close_leaver_account(request, slug, pk):
    council = get_council_for_leavers(request.user, slug)
    membership = get_object_or_404(council.memberships.select_related("user"), pk=pk)
    if not can_remove_leaver(request.user, membership):
        raise PermissionDenied
    error = membership.leaving_error()
    if request.method == "POST" and error is None:
        try:
            close_account(person=membership.user, by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            # The message leaves out the name: it is gone from Idea Bank now.
            messages.success(
                request,
                _(
                    "You closed the account. What they wrote now shows "
                    "“a former member of staff at %(council)s”."
                )
                % {"council": council.short_name},
            )
            return redirect("people:list", slug=council.slug)
    context = {"council": council, "membership": membership, "error": error}
    return render(request, "councils/people_close.html", context)


@login_required
def request_list(request, slug):
    council = get_council_to_manage(request.user, slug, "requests")
    pending = council.membership_requests.filter(
        status=MembershipRequest.Status.PENDING
    ).select_related("user")
    context = {"council": council, "membership_requests": pending, "section": "requests"}
    return render(request, "councils/membershiprequest_list.html", context)


def pending_request(council, pk):
    return get_object_or_404(
        council.membership_requests.select_related("user"),
        pk=pk,
        status=MembershipRequest.Status.PENDING,
    )


# What approving or declining a request to join does, records and says.
REQUEST_DECISIONS = {
    "approve": (
        approve_membership_request,
        Kind.REQUEST_APPROVED,
        gettext_lazy("%(person)s is now staff at %(council)s"),
    ),
    "decline": (
        decline_membership_request,
        Kind.REQUEST_DECLINED,
        gettext_lazy("You declined %(person)s's request"),
    ),
}


def decide_request(request, slug, pk, decision):
    """Approve or decline a pending request to join (`decision`, a REQUEST_DECISIONS key)."""
    decide, kind, done = REQUEST_DECISIONS[decision]
    council = get_council_to_manage(request.user, slug, "requests")
    membership_request = pending_request(council, pk)
    try:
        decide(membership_request=membership_request, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        record(kind, request=request, council=council, subject=membership_request.user)
        names = {"person": membership_request.user, "council": council.short_name}
        messages.success(request, done % names)
    return redirect("members:requests", slug=council.slug)


@login_required
@require_POST
def approve_request(request, slug, pk):
    return decide_request(request, slug, pk, "approve")


@login_required
@require_POST
def decline_request(request, slug, pk):
    return decide_request(request, slug, pk, "decline")


def domain_changed(request, council, domain, kind, message):
    """Audit a change to the council's email domains, say it was made, and go back to them."""
    record(kind, request=request, council=council, subject=domain.domain)
    messages.success(request, message % {"domain": domain.domain, "council": council.short_name})
    return redirect("members:domains", slug=council.slug)


@login_required
def domain_list(request, slug):
    council = get_council_to_manage(request.user, slug, "domains")
    form = EmailDomainForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        domain = CouncilEmailDomain.objects.create(
            council=council, domain=form.cleaned_data["domain"]
        )
        message = _("People who verify an email address at %(domain)s will now join %(council)s")
        return domain_changed(request, council, domain, Kind.DOMAIN_ADDED, message)
    context = {
        "council": council,
        "domains": council.email_domains.all(),
        "form": form,
        "section": "domains",
    }
    return render(request, "councils/emaildomain_list.html", context)


@login_required
def remove_domain(request, slug, pk):
    council = get_council_to_manage(request.user, slug, "domains")
    domain = get_object_or_404(council.email_domains, pk=pk)
    if request.method == "POST":
        domain.delete()
        message = _("%(domain)s no longer adds people to %(council)s")
        return domain_changed(request, council, domain, Kind.DOMAIN_REMOVED, message)
    return render(
        request, "councils/emaildomain_remove.html", {"council": council, "domain": domain}
    )


@login_required
def request_membership(request):
    if not can_request_membership(request.user):
        messages.info(request, _("You are already part of a council."))
        return redirect("accounts:profile")
    form = MembershipRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        membership_request = ask_to_join(
            user=request.user,
            council=form.cleaned_data["council"],
            message=form.cleaned_data["message"],
        )
        council = membership_request.council
        if council.has_council_admin():
            decided = _(
                "You asked %(council)s to add you. Its council admins will decide: "
                "we have emailed them."
            )
        elif council.request_deciders().exists():
            decided = _(
                "You asked %(council)s to add you. %(council)s has no council admin on "
                "Idea Bank yet, so the Idea Bank team will decide: we have emailed them."
            )
        else:
            decided = _(
                "You asked %(council)s to add you. %(council)s has no council admin on "
                "Idea Bank yet, so the Idea Bank team will decide. Email them at %(support)s "
                "to tell them you are waiting."
            )
        messages.success(
            request, decided % {"council": council.short_name, "support": settings.SUPPORT_EMAIL}
        )
        return redirect("join:request")
    my_requests = request.user.membership_requests.select_related("council").order_by(
        "-created_at"
    )
    context = {
        "form": form,
        "my_requests": my_requests,
        "waiting_requests": request.user.membership_requests.awaiting_decision(),
    }
    return render(request, "councils/membershiprequest_form.html", context)
