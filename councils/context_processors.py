from .permissions import can_request_membership
from .visibility import membership_of


def navigation(request):
    """The signed-in person's council and role, shown in the header, or, for someone
    in no council, whether the header offers to join one."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {
        "nav_membership": membership_of(user),
        "can_join_council": can_request_membership(user),
    }
