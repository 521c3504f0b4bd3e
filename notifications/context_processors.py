from django.db.models import Count, IntegerField, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import SimpleLazyObject

from .models import Notification


def unread(request):
    """How many unread notifications the header shows: one COUNT, only if the page asks.

    (The idea and pilot pages count them within their own query: `unread_count_column`.)
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}


def unread_count(user):
    return Notification.objects.for_reader(user).unread().count()


def unread_count_column(user):
    """`unread_count(user)` as a column another query can carry."""
    unread = (
        Notification.objects.for_reader(user)
        .unread()
        .order_by()
        .values("recipient")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), 0)
