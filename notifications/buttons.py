"""The "Follow" button the apps below show on their pages, through their page signals."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .context_processors import remember_if_none_waiting, unread_count_columns
from .models import Follow
from .services import is_following

SLUGGED = {"council", "partnership"}
LABELS = {
    "idea": (_("Follow this idea"), _("Stop following this idea")),
    "pilot": (_("Follow this pilot"), _("Stop following this pilot")),
    "council": (_("Follow this council"), _("Stop following this council")),
    "partnership": (_("Follow this partnership"), _("Stop following this partnership")),
}
# What following brings: notifications/events.py and the digest keep these words.
PROMISES = {
    "idea": _("You will hear about it on your notifications page and in your digest."),
    "pilot": _("You will hear about it on your notifications page and in your digest."),
    "council": _(
        "You will get a notification when this council publishes what a pilot found. "
        "Your digest will include its new ideas, pilots and outcomes."
    ),
    "partnership": _(
        "You will get a notification when a council in this partnership publishes what a "
        "pilot found. Your digest will include their new ideas, pilots and outcomes."
    ),
}


def follow_context(user, target, obj):
    """The button's context for a signed-in person; nothing for a visitor.

    Whether they follow it comes from the page's own query where it carries
    `person_columns` (idea and pilot pages), else from a query here."""
    if not user.is_authenticated:
        return {}
    following = getattr(obj, "following", None)
    if following is None:
        following = is_following(user, target, obj)
    follow_label, stop_label = LABELS[target]
    return {
        "follow": {
            "template": "notifications/_follow_button.html",
            "following": following,
            "label": stop_label if following else follow_label,
            "promise": PROMISES[target],
            "action": reverse(
                f"notifications:{'unfollow' if following else 'follow'}_{target}",
                kwargs={"slug": obj.slug} if target in SLUGGED else {"pk": obj.pk},
            ),
        }
    }


def person_columns(user, target):
    """What a signed-in person's idea or pilot page adds to the query that loads the idea or
    pilot, instead of two queries of its own: whether they follow it, and the header's
    unread count."""
    if not user.is_authenticated:
        return {}
    return {
        "following": Exists(Follow.objects.filter(user=user, **{target: OuterRef("pk")})),
        **unread_count_columns(user),
    }


def header_count(user, obj):
    """The header's unread count where the page's query carried it (the context processor's
    own COUNT then never runs: a view's context wins over the processors')."""
    count = getattr(obj, "unread_notifications", None)
    if count is None:
        return {}
    remember_if_none_waiting(user, obj)
    return {"unread_notifications": count}


def idea_page_columns(sender, *, user, **kwargs):
    return person_columns(user, "idea")


def pilot_page_columns(sender, *, user, **kwargs):
    return person_columns(user, "pilot")


def on_idea_page(sender, *, idea, user, **kwargs):
    return {**follow_context(user, "idea", idea), **header_count(user, idea)}


def on_pilot_page(sender, *, pilot, user, **kwargs):
    return {**follow_context(user, "pilot", pilot), **header_count(user, pilot)}


def on_council_page(sender, *, council, user, **kwargs):
    return follow_context(user, "council", council)


def on_partnership_page(sender, *, partnership, user, **kwargs):
    return follow_context(user, "partnership", partnership)
