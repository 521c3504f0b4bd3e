"""What goes into a digest: what other councils shared with a person in a period, then
(managers only) what at their own council needs their attention.

Every query starts from the same `visible_to(user)` as the pages. What a person
sees depends only on their council, their role and their preferences (drafts,
the one per-person exception, never appear in a digest), so people who share
an `Audience` share one digest: it is built and rendered once per batch.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.utils.translation import gettext as _

from councils.models import Membership, Partnership, Visibility
from councils.visibility import visible_council_ids
from ideas.models import Idea
from ideas.permissions import author_label
from outcomes.models import Outcome
from pilots.models import Pilot

from .models import DigestPreference

REVIEW_QUEUE_LIMIT = 10


@dataclass(frozen=True)
class Audience:
    council_id: int
    scope: str
    theme_ids: tuple
    review_queue: bool
    overdue_pilots: bool


def audience_of(user):
    """The audience a council member belongs to (`user.membership` must be loaded)."""
    membership = user.membership
    preference = getattr(user, "digest_preference", None)
    if preference is None:
        preference = DigestPreference(user=user)
        theme_ids = ()
    else:
        theme_ids = [theme.pk for theme in preference.themes.all()]
    return audience_from(
        council_id=membership.council_id,
        is_manager=membership.is_manager,
        preference=preference,
        theme_ids=theme_ids,
    )


def audience_from(*, council_id, is_manager, preference, theme_ids):
    """The audience of a member of `council_id` with these preferences and chosen themes."""
    return Audience(
        council_id=council_id,
        scope=preference.scope,
        theme_ids=tuple(sorted(theme_ids)),
        review_queue=is_manager and preference.include_review_queue,
        overdue_pilots=is_manager and preference.include_overdue_pilots,
    )


def audiences_due(users):
    """The members among `users` grouped by audience: {audience: [user id, …]} in id order.

    Reads plain values, not model instances: a run plans for every member at once.
    Gives the same audience as `audience_of` for each person.
    """
    defaults = DigestPreference()
    fields = ("scope", "include_review_queue", "include_overdue_pilots")
    rows = users.order_by("pk").values_list(
        "pk",
        "membership__council_id",
        "membership__role",
        "digest_preference__pk",
        *(f"digest_preference__{name}" for name in fields),
    )
    themes = defaultdict(list)
    chosen = DigestPreference.themes.through.objects.filter(digestpreference__user__in=users)
    for preference_id, theme_id in chosen.values_list("digestpreference_id", "theme_id"):
        themes[preference_id].append(theme_id)
    is_manager = {role: Membership(role=role).is_manager for role in Membership.Role.values}
    groups = defaultdict(list)
    for user_id, council_id, role, preference_id, *values in rows.iterator(chunk_size=5000):
        preference = SimpleNamespace(**dict(zip(fields, values, strict=True)))
        audience = audience_from(
            council_id=council_id,
            is_manager=is_manager[role],
            preference=defaults if preference_id is None else preference,
            theme_ids=themes.get(preference_id, ()),
        )
        groups[audience].append(user_id)
    return groups


@dataclass
class Item:
    kind: str
    title: str
    url: str
    when: object
    council: object
    detail: str = ""
    verdict: str = ""


@dataclass
class CouncilGroup:
    council: object
    items: list = field(default_factory=list)


@dataclass
class PartnershipGroup:
    name: str
    councils: list = field(default_factory=list)


@dataclass
class Digest:
    """Other councils' news (`groups`), then the reader's own council's to-dos."""

    groups: list
    review_queue: list
    review_queue_count: int
    overdue_pilots: list

    @property
    def news_count(self):
        return sum(len(council.items) for group in self.groups for council in group.councils)

    @property
    def attention_count(self):
        return self.review_queue_count + len(self.overdue_pilots)

    @property
    def item_count(self):
        return self.news_count + self.attention_count


def build_digest(user, audience, *, start, end, today):
    """The digest for `user` (one member of `audience`) covering [start, end).

    News comes from other councils only: the reader's own council is not news to them,
    and the email says it holds what other councils shared.
    """
    own_council_id = audience.council_id
    ideas = (
        Idea.objects.visible_to(user)
        .filter(submitted_at__gte=start, submitted_at__lt=end)
        .exclude(council_id=own_council_id)
        .exclude(visibility=Visibility.COUNCIL)
        .exclude(status__in=[Idea.Status.DRAFT, Idea.Status.WITHDRAWN])
        .select_related("council", "author")
    )
    launched = (
        Pilot.objects.visible_to(user)
        .filter(started_at__gte=start, started_at__lt=end)
        .exclude(council_id=own_council_id)
        .select_related("council")
    )
    adoptions = (
        Pilot.objects.visible_to(user)
        .filter(adapted_from__isnull=False, created_at__gte=start, created_at__lt=end)
        .exclude(council_id=own_council_id)
        .select_related("council", "adapted_from__council")
    )
    outcomes = (
        Outcome.objects.visible_to(user)
        .filter(published_at__gte=start, published_at__lt=end)
        .exclude(pilot__council_id=own_council_id)
        .select_related("pilot__council")
    )
    partners = visible_council_ids(user)[Visibility.PARTNERS] - {own_council_id}
    # A council in no partnership has no partners to hear from: its people hear
    # from every council instead (the preferences page says so, and hides the choice).
    if audience.scope == DigestPreference.Scope.PARTNERSHIPS and partners:
        ideas = ideas.filter(council_id__in=partners)
        launched = launched.filter(council_id__in=partners)
        adoptions = adoptions.filter(council_id__in=partners)
        outcomes = outcomes.filter(pilot__council_id__in=partners)
    if audience.theme_ids:
        ideas = ideas.filter(themes__in=audience.theme_ids).distinct()
        launched = launched.filter(themes__in=audience.theme_ids).distinct()
        adoptions = adoptions.filter(themes__in=audience.theme_ids).distinct()
        outcomes = outcomes.filter(pilot__themes__in=audience.theme_ids).distinct()

    items = [
        Item(
            kind=_("New idea"),
            title=idea.title,
            url=idea.get_absolute_url(),
            when=idea.submitted_at,
            council=idea.council,
            detail=_("Shared by %(author)s") % {"author": author_label(user, idea)},
        )
        for idea in ideas
    ]
    items += [
        Item(
            kind=_("Pilot started"),
            title=pilot.title,
            url=pilot.get_absolute_url(),
            when=pilot.started_at,
            council=pilot.council,
        )
        for pilot in launched
    ]
    adoptions = list(adoptions)
    # Name the source pilot only to people who may see it.
    visible_sources = set(
        Pilot.objects.visible_to(user)
        .filter(pk__in=[pilot.adapted_from_id for pilot in adoptions])
        .values_list("pk", flat=True)
    )
    items += [
        Item(
            kind=_("Pilot adopted"),
            title=pilot.title,
            url=pilot.get_absolute_url(),
            when=pilot.created_at,
            council=pilot.council,
            detail=(
                _("Adapted from “%(title)s” at %(council)s")
                % {
                    "title": pilot.adapted_from.title,
                    "council": pilot.adapted_from.council.short_name,
                }
                if pilot.adapted_from_id in visible_sources
                else _("Adapted from another council’s pilot")
            ),
        )
        for pilot in adoptions
    ]
    # Every verdict is shown the same way: a pilot that did not work teaches as much.
    items += [
        Item(
            kind=_("Outcome published"),
            title=outcome.pilot.title,
            url=outcome.get_absolute_url(),
            when=outcome.published_at,
            council=outcome.pilot.council,
            verdict=outcome.get_verdict_display(),
            detail=outcome.learned,
        )
        for outcome in outcomes
    ]

    review_queue, review_queue_count = [], 0
    if audience.review_queue:
        waiting = Idea.objects.reviewable_by(user).awaiting_review().order_by("submitted_at")
        review_queue = list(waiting.select_related("author", "council")[:REVIEW_QUEUE_LIMIT])
        review_queue_count = (
            len(review_queue) if len(review_queue) < REVIEW_QUEUE_LIMIT else waiting.count()
        )
    overdue = []
    if audience.overdue_pilots:
        overdue = list(
            Pilot.objects.visible_to(user)
            .filter(council_id=own_council_id)
            .awaiting_outcome(today)
            .select_related("council")
            .order_by("end_date")
        )
    return Digest(
        groups=group_items(items, council_id=own_council_id),
        review_queue=[
            Item(
                kind=_("Waiting for review"),
                title=idea.title,
                url=idea.get_absolute_url(),
                when=idea.submitted_at,
                council=idea.council,
                detail=_("Submitted by %(author)s") % {"author": author_label(user, idea)},
            )
            for idea in review_queue
        ],
        review_queue_count=review_queue_count,
        overdue_pilots=[
            Item(
                kind=_("Outcome overdue"),
                title=pilot.title,
                url=pilot.get_absolute_url(),
                when=pilot.end_date,
                council=pilot.council,
            )
            for pilot in overdue
        ],
    )


def group_items(items, *, council_id):
    """Items grouped by the reader's partnerships, then council; newest first in each council."""
    partnership_of = {}
    for partnership in Partnership.objects.filter(councils=council_id).prefetch_related(
        "councils"
    ):
        for council in partnership.councils.all():
            partnership_of.setdefault(council.pk, partnership.name)
    groups = {}
    for item in sorted(items, key=lambda item: item.when, reverse=True):
        name = partnership_of.get(item.council.pk, _("Other councils"))
        councils = groups.setdefault(name, {})
        councils.setdefault(item.council.pk, CouncilGroup(council=item.council)).items.append(item)

    def order(name):
        # Partner councils first, by partnership name; everyone else last.
        return (name == _("Other councils"), name)

    return [
        PartnershipGroup(name=name, councils=list(groups[name].values()))
        for name in sorted(groups, key=order)
    ]
