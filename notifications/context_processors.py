from django.core.cache import cache
from django.db.models import IntegerField, Value
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


def remember_none_waiting(user):
    cache.set(none_waiting_key(user.pk), True, NONE_WAITING_SECONDS)


def forget_none_waiting(user_id):
    """A notification for `user_id` was written: the next page counts again."""
    cache.delete(none_waiting_key(user_id))


def unread(request):
    """How many unread notifications the header shows: one COUNT, only if the page asks.

    (The idea and pilot pages count them within their own query: `unread_count_columns`.)
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}


def unread_count(user):
    """The unread notifications about what `user` may still see: none when the cache knows
    there are no unread ones at all, else first whether any wait (by the recipient's index,
    no visibility check), and only if some do, how many the person may still see.

    Building the visibility check (the pilots' lineage rule) takes milliseconds of Python,
    more than both queries: with nothing waiting, which is most pages, it is never built.
    """
    if none_waiting(user):
        return 0
    waiting = Notification.objects.filter(recipient=user).unread()
    if not waiting.exists():
        remember_none_waiting(user)
        return 0
    return waiting.filter(readable_by(user)).count()


def unread_count_columns(user):
    """`unread_count(user)` as columns another query can carry: `unread_notifications`, and
    `unread_waiting` (all unread ones, seen or not: no visibility check to build) for
    `remember_if_none_waiting`; only a count of 0 when the cache knows nothing is waiting."""
    if none_waiting(user):
        return {"unread_notifications": Value(0, output_field=IntegerField())}
    readable = Notification.objects.for_reader(user).unread()
    waiting = Notification.objects.filter(recipient=user).unread()
    return {
        "unread_notifications": count_of(readable, "recipient"),
        "unread_waiting": count_of(waiting, "recipient"),
    }


def remember_if_none_waiting(user, row):
    """After a page whose query carried `unread_count_columns`: as `unread_count` does, say
    so in the cache when nothing at all was waiting, so later idea and pilot pages skip the
    count (and building its visibility check: a third of an idea page's Python)."""
    if getattr(row, "unread_waiting", None) == 0:
        remember_none_waiting(user)
