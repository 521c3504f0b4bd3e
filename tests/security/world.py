"""The objects the security sweeps run against: Barnet's ideas and pilots in every
visibility and status, the council admin's objects, and digest links.

Every object carries `kwargs` (what fills a URL's path) and `facts` (what the
policy reads). Text fields carry a private marker naming the object, so the
canary sweep can look for it where it must not appear.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from audit.services import Kind, record
from councils.models import Membership, MembershipRequest, Visibility
from digests.services import unsubscribe_token
from evidence.models import EvidenceFile
from ideas.models import Idea
from outcomes.models import BenefitCheckIn, Outcome, OutcomeComment
from pilots.models import Message, Pilot, PilotComment, Question

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


def answered_check_in(by):
    """A check-in's answer, as `record_benefits` writes it."""
    return {
        "realised_cashable": Decimal("18500"),
        "realised_cost_avoided": Decimal("3000"),
        "answered_by": by,
        "answered_at": timezone.now(),
    }


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
    things.update({"question": [], "message": [], "pilot_comment": [], "outcome_comment": []})
    things["evidence_file"] = []
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
                {**facts, "writer": "bob"},
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
                "writer": "bob",
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
        kwargs = {"pk": pilot.pk, "pilot_pk": pilot.pk}
        # The completed pilot's check-in is answered (it may be corrected, not recorded
        # again); the stopped one's is not (it may be recorded, not corrected).
        answered = status == Pilot.Status.COMPLETED
        if has_outcome:
            outcome = OutcomeFactory(pilot=pilot, learned=f"{secret} learned")
            kwargs["outcome_pk"] = outcome.pk
            BenefitCheckIn.objects.create(
                outcome=outcome,
                months=6,
                due_on=outcome.published_at.date(),
                **answered_check_in(alice) if answered else {},
            )
        facts = {
            "council": "barnet",
            "visibility": visibility,
            "status": status,
            "lead": "alice",
            "has_outcome": has_outcome,
            "check_in_answered": has_outcome and answered,
            "marker": secret,
        }
        things["pilot"].append(Thing(f"pilot {visibility}/{status}", kwargs, facts))
        for evidence in evidence_files(pilot, secret, alice):
            on = "outcome" if evidence.outcome_id else "pilot"
            label = f"file on {on} {visibility}/{status}"
            things["evidence_file"].append(Thing(label, {"pk": evidence.pk}, facts))
    add_conversations(things, people, brent=brent)
    for council in (barnet, brent):
        facts = {"council": council.slug}
        kwargs = {"slug": council.slug, "code": council.code}
        things["council"].append(Thing(council.slug, kwargs, facts))
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


# Who asks about which of Barnet's running pilots (by visibility): Carol at Brent, and Dan
# at Leeds where he can see it, so each conversation has a third council it is hidden from.
ASKERS = [("partners", "carol"), ("councils", "carol"), ("public", "carol"), ("councils", "dan")]


def add_conversations(things, people, *, brent):
    """Questions about Barnet's pilots from other councils, and comments on pilots and
    outcomes, each carrying its own private marker."""
    pilots = {thing.label: thing for thing in things["pilot"]}
    for visibility, asker in ASKERS:
        pilot_thing = pilots[f"pilot {visibility}/running"]
        pilot = Pilot.objects.get(pk=pilot_thing.kwargs["pk"])
        user = people[asker]
        secret = marker("question", visibility, asker)
        question = Question.objects.create(
            pilot=pilot, council=user.membership.council, asker=user
        )
        message = Message.objects.create(question=question, author=user, body=f"{secret} question")
        facts = {
            **pilot_thing.facts,
            "asker": asker,
            "asker_council": user.membership.council.slug,
            "writer": asker,
            "marker": secret,
        }
        kwargs = {"pk": pilot.pk, "question_pk": question.pk}
        label = f"{asker}'s question on {visibility}/running"
        things["question"].append(Thing(label, kwargs, facts))
        things["message"].append(
            Thing(f"message in {label}", {**kwargs, "message_pk": message.pk}, facts)
        )
    # A conversation reached through another pilot's URL is not there at all.
    first = things["question"][0]
    public = pilots["pilot public/running"]
    things["question"].append(
        Thing(
            "a question through another pilot",
            {**first.kwargs, "pk": public.kwargs["pk"]},
            {**first.facts, "foreign_child": True},
        )
    )
    for pilot_thing in things["pilot"]:
        if pilot_thing.facts["status"] == Pilot.Status.DISCARDED:
            continue
        pilot = Pilot.objects.get(pk=pilot_thing.kwargs["pk"])
        secret = pilot_thing.facts["marker"]
        comment = PilotComment.objects.create(
            pilot=pilot, author=people["bob"], body=f"{secret} comment"
        )
        kwargs = {"pk": pilot.pk, "comment_pk": comment.pk}
        label = f"comment on {pilot_thing.label}"
        things["pilot_comment"].append(
            Thing(label, kwargs, {**pilot_thing.facts, "writer": "bob"})
        )
        if pilot_thing.facts["has_outcome"]:
            comment = OutcomeComment.objects.create(
                outcome=pilot.outcome, author=people["bob"], body=f"{secret} outcome comment"
            )
            kwargs = {"pilot_pk": pilot.pk, "comment_pk": comment.pk}
            label = f"comment on the outcome of {pilot_thing.label}"
            things["outcome_comment"].append(
                Thing(label, kwargs, {**pilot_thing.facts, "writer": "bob"})
            )
    council_only = things["pilot_comment"][0]
    things["pilot_comment"].append(
        Thing(
            "a council-only comment through a public pilot",
            {**council_only.kwargs, "pk": public.kwargs["pk"]},
            {**public.facts, "foreign_child": True},
        )
    )


def evidence_files(pilot, secret, uploader):
    """A file on the pilot, and one on its outcome if it has one, named and filled with
    the pilot's marker (the canary reads both the pages that list them and the files)."""
    outcomes = [None, *Outcome.objects.filter(pilot=pilot)]
    return [
        EvidenceFile.objects.create(
            pilot=pilot,
            outcome=outcome,
            file=ContentFile(f"%PDF-1.4 {secret} file".encode(), name="x"),
            name=f"{secret} report.pdf",
            extension="pdf",
            content_type="application/pdf",
            size=30,
            scan_status=EvidenceFile.ScanStatus.NOT_SCANNED,
            uploaded_by=uploader,
        )
        for outcome in outcomes
    ]


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
