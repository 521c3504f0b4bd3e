"""Who may change what in a council. Views raise PermissionDenied or Http404 from these."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ideabank.lib.refusals import Refused

from .visibility import membership_of


def is_member_of(user, council_id):
    """True when `user` belongs to the council `council_id`, whatever their role."""
    membership = membership_of(user)
    return membership is not None and membership.council_id == council_id


def is_manager_of(user, council_id):
    """True when `user` is a manager (or council admin) of the council `council_id`."""
    membership = membership_of(user)
    return membership is not None and membership.is_manager and membership.council_id == council_id


def is_a_manager(user):
    """True when `user` is a manager (or council admin) of any council."""
    membership = membership_of(user)
    return membership is not None and membership.is_manager


def can_manage_members(user, council):
    """Council admins of `council`, and platform admins, manage its members and email domains."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    membership = membership_of(user)
    return (
        membership is not None
        and membership.council_id == council.pk
        and membership.is_council_admin
    )


def can_remove_leavers(user, council):
    """Managers and council admins of `council`, and platform admins, close the accounts
    of people who have left it."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    membership = membership_of(user)
    return membership is not None and membership.council_id == council.pk and membership.is_manager


def can_remove_leaver(user, membership):
    """Anyone but themselves; a council admin only by another council admin or a platform admin."""
    if membership.user_id == user.pk or not can_remove_leavers(user, membership.council):
        return False
    if membership.is_council_admin and not user.is_superuser:
        return membership_of(user).is_council_admin
    return True


def can_request_membership(user):
    """People signed in without a council may ask a council to add them."""
    return user.is_authenticated and membership_of(user) is None


def whom_to_ask(council, *, managers=False):
    """Whom a refused member should ask, by role: the page names no one who holds it."""
    if managers:
        ask = _("Ask a manager at %(council)s if you think you should have access.")
    elif council.has_council_admin():
        ask = _("Ask a council admin at %(council)s if you think you should have access.")
    else:
        ask = _(
            "%(council)s has no council admin on Idea Bank yet. Email the Idea Bank team "
            "at %(support)s if you think you should have access."
        )
    return ask % {"council": council.short_name, "support": settings.SUPPORT_EMAIL}


def refused_unless_manager(user, council, *, doing):
    """Why `user` may not do what only managers do (`doing`: "sign off pilot cards"), if
    that is why; otherwise a plain 403, whose page gives the general reasons."""
    if is_member_of(user, council.pk) and not is_manager_of(user, council.pk):
        reason = _("Only managers at %(council)s can %(doing)s.") % {
            "council": council.short_name,
            "doing": doing,
        }
        return Refused(f"{reason} {whom_to_ask(council, managers=True)}")
    return PermissionDenied()
