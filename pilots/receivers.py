"""What pilots add to the ideas app's pages, through its signals (ideas/signals.py)."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from .models import Pilot
from .permissions import can_create_pilot

READ_FOR_IDEA = "_visible_pilots"


def idea_page_columns(sender, *, user, **kwargs):
    """Whether the idea has a pilot at all: most have none, and their page then asks for
    none (the lineage part of the visibility rule is the page's costliest query to build)."""
    return {"has_pilots": Exists(Pilot.objects.filter(idea=OuterRef("pk")))}


def pilots_of_idea(idea, user):
    """The idea's pilots `user` may see, newest first, with their outcomes and whether any
    council adopted them. Read once per idea page, which this app and the outcomes app
    both add to: kept on `idea`, loaded for this one person's request."""
    if not getattr(idea, "has_pilots", True):  # loaded by the idea page: it has none
        setattr(idea, READ_FOR_IDEA, [])
    if not hasattr(idea, READ_FOR_IDEA):
        pilots = Pilot.objects.visible_to(user).filter(idea=idea).select_related("outcome")
        adopted = Exists(Pilot.objects.filter(adapted_from=OuterRef("pk")))
        setattr(idea, READ_FOR_IDEA, list(pilots.annotate(adopted=adopted)))
    return getattr(idea, READ_FOR_IDEA)


def idea_pilots(sender, *, idea, user, **kwargs):
    """The idea's pilots the viewer may see, and whether they may start one."""
    return {
        "idea_pilots": pilots_of_idea(idea, user),
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
