"""The "Follow" button the apps below show on their pages, through their page signals."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .services import is_following

SLUGGED = {"council", "partnership"}
LABELS = {
    "idea": (_("Follow this idea"), _("Stop following this idea")),
    "pilot": (_("Follow this pilot"), _("Stop following this pilot")),
    "council": (_("Follow this council"), _("Stop following this council")),
    "partnership": (_("Follow this partnership"), _("Stop following this partnership")),
}


def follow_context(user, target, obj):
    """The button's context for a signed-in person; nothing for a visitor."""
    if not user.is_authenticated:
        return {}
    following = is_following(user, target, obj)
    follow_label, stop_label = LABELS[target]
    return {
        "follow": {
            "template": "notifications/_follow_button.html",
            "following": following,
            "label": stop_label if following else follow_label,
            "action": reverse(
                f"notifications:{'unfollow' if following else 'follow'}_{target}",
                kwargs={"slug": obj.slug} if target in SLUGGED else {"pk": obj.pk},
            ),
        }
    }


def on_idea_page(sender, *, idea, user, **kwargs):
    return follow_context(user, "idea", idea)


def on_pilot_page(sender, *, pilot, user, **kwargs):
    return follow_context(user, "pilot", pilot)


def on_council_page(sender, *, council, user, **kwargs):
    return follow_context(user, "council", council)


def on_partnership_page(sender, *, partnership, user, **kwargs):
    return follow_context(user, "partnership", partnership)
