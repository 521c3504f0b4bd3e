from django.core.cache import cache
from django.db.models import Count, IntegerField, Value
from django.utils.functional import SimpleLazyObject

from ideabank.lib.counts import count_of

from .models import Notification, readable_by

# Most people, most of the time, have no unread notification at all. Once a count has
# found none, the cache says so and later pages skip the query (and the Python that
# builds its visibility check, a third of a signed-in page's time in the test sweeps).
# A new notification forgets it (notifications.receivers.on_notification_saved); this
# bounds any copy that escaped a race with one.
NONE_WAITING_SECONDS = 60


def none_waiting_key(user_id):
    return f"notifications-none-waiting-{user_id}"


def none_waiting(user):
    return bool(cache.get(none_waiting_key(user.pk)))


def forget_none_waiting(user_id):
    """A notification for `user_id` was written: the next page counts again."""
    cache.delete(none_waiting_key(user_id))


def unread(request):
    """How many unread notifications the header shows: one COUNT, only if the page asks.

    (The idea and pilot pages count them within their own query: `unread_count_column`.)
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}


def unread_count(user):
    """The unread notifications about what `user` may still see: one query, or none when
    the cache knows there are no unread ones at all."""
    if none_waiting(user):
        return 0
    counts = (
        Notification.objects.filter(recipient=user)
        .unread()
        .aggregate(waiting=Count("pk"), readable=Count("pk", filter=readable_by(user)))
    )
    if counts["waiting"] == 0:
        cache.set(none_waiting_key(user.pk), True, NONE_WAITING_SECONDS)
    return counts["readable"]


def unread_count_column(user):
    """`unread_count(user)` as a column another query can carry."""
    if none_waiting(user):
        return Value(0, output_field=IntegerField())
    return count_of(Notification.objects.for_reader(user).unread(), "recipient")
