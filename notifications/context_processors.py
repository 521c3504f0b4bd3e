from django.utils.functional import SimpleLazyObject

from .models import Notification


def unread(request):
    """How many unread notifications the header shows: one COUNT, only if the page asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}


def unread_count(user):
    return Notification.objects.for_reader(user).unread().count()
