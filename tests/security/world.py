"""The objects the security sweeps run against: Barnet's ideas and pilots in every
visibility and status, the council admin's objects, and digest links.

Every object carries `kwargs` (what fills a URL's path) and `facts` (what the
policy reads). Text fields carry a private marker naming the object, so the
canary sweep can look for it where it must not appear.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model

from audit.services import Kind, record
from councils.models import Membership, MembershipRequest, Visibility
from digests.services import unsubscribe_token
from ideas.models import Idea
from outcomes.models import BenefitCheckIn
from pilots.models import Pilot

from ..ideas.factories import CommentFactory, idea_in_status
from ..pilots.factories import OutcomeFactory, PilotFactory

PILOT_STATUSES = [
    Pilot.Status.PLANNED,
    Pilot.Status.RUNNING,
    Pilot.Status.COMPLETED,
    Pilot.Status.STOPPED_EARLY,
    Pilot.Status.DISCARDED,
]

# Every status at the narrowest visibility, and every visibility at one status:
# each status and each level, without their full product (the sweep sends
# 20 requests per person and object, and CI has a time budget).
IDEA_GRID = [
    *((Visibility.COUNCIL, status) for status in Idea.Status.values),
    *((v, Idea.Status.SUBMITTED) for v in Visibility.values if v != Visibility.COUNCIL),
    (Visibility.PUBLIC, Idea.Status.DRAFT),
    (Visibility.PUBLIC, Idea.Status.WITHDRAWN),  # its own council's only
]
PILOT_GRID = [
    *((Visibility.COUNCIL, status) for status in PILOT_STATUSES),
    *((v, Pilot.Status.RUNNING) for v in Visibility.values if v != Visibility.COUNCIL),
    (Visibility.PUBLIC, Pilot.Status.PLANNED),  # its own council's only until sign-off
    (Visibility.PUBLIC, Pilot.Status.DISCARDED),  # no one's
]


@dataclass
class Thing:
    label: str
    kwargs: dict
    facts: dict = field(default_factory=dict)


def marker(kind, visibility, status):
    return f"CANARY-{kind}-{visibility}-{status}".upper().replace("_", "")


def build_world(people, *, barnet, brent):
    """Create the objects; `people` maps cast names to users."""
    alice, bob, carol = people["alice"], people["bob"], people["carol"]
    things = {kind: [] for kind in ("idea", "comment", "pilot", "council", "partnership")}
    things.update({"membership": [], "membership_request": [], "email_domain": [], "token": []})
    first_comment = None
    for visibility, status in IDEA_GRID:
        secret = marker("idea", visibility, status)
        idea = idea_in_status(
            status,
            author=alice,
            reviewer=bob,
            visibility=visibility,
            title=f"{secret} title",
            problem=f"{secret} problem",
            name_display=Idea.NameDisplay.COUNCIL,
        )
        facts = {
            "council": "barnet",
            "visibility": visibility,
            "status": status,
            "author": "alice",
            "marker": secret,
        }
        things["idea"].append(Thing(f"idea {visibility}/{status}", {"pk": idea.pk}, facts))
        things["idea"][-1].kwargs["idea_pk"] = idea.pk
        comment = CommentFactory(idea=idea, author=bob, body=f"{secret} comment")
        first_comment = first_comment or comment
        things["comment"].append(
            Thing(
                f"comment on {visibility}/{status}",
                {"pk": idea.pk, "comment_pk": comment.pk},
                facts,
            )
        )
    # A comment reached through the wrong idea's URL is not there at all.
    public_idea = Idea.objects.get(visibility=Visibility.PUBLIC, status=Idea.Status.SUBMITTED)
    things["comment"].append(
        Thing(
            "council-only comment through a public idea",
            {"pk": public_idea.pk, "comment_pk": first_comment.pk},
            {
                "council": "barnet",
                "visibility": "public",
                "status": "submitted",
                "author": "alice",
                "foreign_child": True,
            },
        )
    )
    for visibility, status in PILOT_GRID:
        secret = marker("pilot", visibility, status)
        pilot = PilotFactory(
            council=barnet,
            lead=alice,
            visibility=visibility,
            status=status,
            title=f"{secret} title",
            summary=f"{secret} summary",
        )
        has_outcome = status in {Pilot.Status.COMPLETED, Pilot.Status.STOPPED_EARLY}
        if has_outcome:
            outcome = OutcomeFactory(pilot=pilot, learned=f"{secret} learned")
            BenefitCheckIn.objects.create(
                outcome=outcome, months=6, due_on=outcome.published_at.date()
            )
        facts = {
            "council": "barnet",
            "visibility": visibility,
            "status": status,
            "lead": "alice",
            "has_outcome": has_outcome,
            "marker": secret,
        }
        things["pilot"].append(
            Thing(f"pilot {visibility}/{status}", {"pk": pilot.pk, "pilot_pk": pilot.pk}, facts)
        )
    for council in (barnet, brent):
        facts = {"council": council.slug}
        things["council"].append(Thing(council.slug, {"slug": council.slug}, facts))
        membership = Membership.objects.filter(council=council, role="staff").first()
        things["membership"].append(
            Thing(f"staff of {council.slug}", {"slug": council.slug, "pk": membership.pk}, facts)
        )
        request = MembershipRequest.objects.create(user=people["nina"], council=council)
        things["membership_request"].append(
            Thing(f"request to {council.slug}", {"slug": council.slug, "pk": request.pk}, facts)
        )
        domain = council.email_domains.first()
        things["email_domain"].append(
            Thing(f"domain of {council.slug}", {"slug": council.slug, "pk": domain.pk}, facts)
        )
    # Brent's member reached through Barnet's admin pages is not there at all.
    carols = carol.membership
    things["membership"].append(
        Thing(
            "Brent staff through Barnet",
            {"slug": "barnet", "pk": carols.pk},
            {"council": "barnet", "foreign_child": True},
        )
    )
    # A row for the admin's audit log pages to show.
    record(Kind.DOMAIN_ADDED, actor=people["erin"], council=barnet, subject="barnet.gov.uk")
    for partnership in barnet.partnerships.all():
        things["partnership"].append(Thing(partnership.slug, {"slug": partnership.slug}))
    things["token"].append(
        Thing(
            "alice's unsubscribe link", {"token": unsubscribe_token(alice)}, {"valid_token": True}
        )
    )
    things["token"].append(
        Thing(
            "a forged link",
            {"token": unsubscribe_token(alice)[:-3] + "abc"},
            {"valid_token": False},
        )
    )
    return things


def admin_kwargs(name, params):
    """Path values for a Django admin URL, from the model its name is about."""
    kwargs = {}
    if "app_label" in params:
        kwargs["app_label"] = "ideas"
    if "content_type_id" in params:
        from django.contrib.contenttypes.models import ContentType

        idea = Idea.objects.order_by("pk").first()
        kwargs["content_type_id"] = ContentType.objects.get_for_model(Idea).pk
        kwargs["object_id"] = idea.pk
        return kwargs
    object_param = next((p for p in ("object_id", "id") if p in params), None)
    if object_param:
        model = None
        for candidate in apps.get_models():
            prefix = f"{candidate._meta.app_label}_{candidate._meta.model_name}_"
            if name.split(":", 1)[1].startswith(prefix):
                model = candidate
        if model is None and name.startswith("admin:auth_user_"):
            # UserAdmin names its password URL "auth_user_…" whatever the user model.
            model = get_user_model()
        obj = model._default_manager.order_by("pk").first() if model else None
        kwargs[object_param] = obj.pk if obj else 1
    return kwargs
