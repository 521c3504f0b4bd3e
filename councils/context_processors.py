from .visibility import membership_of


def navigation(request):
    """The signed-in person's council and role, shown in the header."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"nav_membership": membership_of(user)}
