"""What pilots add to the ideas app's pages, through its signals (ideas/signals.py)."""

from django.utils.translation import gettext as _

from .models import Pilot
from .permissions import can_create_pilot


def idea_pilots(sender, *, idea, user, **kwargs):
    """The idea's pilots the viewer may see, and whether they may start one."""
    return {
        "idea_pilots": list(Pilot.objects.visible_to(user).filter(idea=idea)),
        "can_create_pilot": can_create_pilot(user, idea),
    }


def cards_waiting_for_sign_off(sender, *, user, council, **kwargs):
    """The review queue's section of pilot cards (adopted ones too) waiting for sign-off."""
    pilots = (
        Pilot.objects.visible_to(user)
        .waiting_for_sign_off()
        .filter(council=council)
        .select_related("lead")
        .order_by("sign_off_requested_at", "pk")
    )
    return {
        "id": "sign-off",
        "title": _("Pilot cards waiting for sign-off"),
        "template": "pilots/_sign_off_queue.html",
        "rows": list(pilots),
    }
