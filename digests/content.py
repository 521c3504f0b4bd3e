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

from django.db.models import Q
from django.utils.translation import gettext as _

from councils.models import Membership, Partnership, Visibility
from councils.visibility import visible_council_ids
from ideas.models import Idea
from ideas.permissions import author_label
from outcomes.models import Outcome
from pilots.models import Pilot
from pilots.signals import followed_by

from .models import DigestPreference

REVIEW_QUEUE_LIMIT = 10


@dataclass(frozen=True)
class Audience:
    council_id: int
    scope: str
    theme_ids: tuple
    review_queue: bool
    overdue_pilots: bool
    # What the person follows, ((target, id), …): people who follow nothing share a digest.
    followed: tuple = ()


def follows_of(users):
    """{user id: ((target, id), …)} for `users`, from whichever app keeps who follows what."""
    found = defaultdict(set)
    for _receiver, follows in followed_by.send(sender=None, users=users):
        for user_id, targets in (follows or {}).items():
            found[user_id].update(targets)
    return {user_id: tuple(sorted(targets)) for user_id, targets in found.items()}


def audience_of(user, *, followed=None):
    """The audience a council member belongs to (`user.membership` must be loaded).

    `followed` is what the person follows (`follows_of`), when the caller read it for a
    whole batch at once; otherwise it is read here."""
    membership = user.membership
    preference = getattr(user, "digest_preference", None)
    if preference is None:
        # The defaults, not tied to `user`: binding it would cache this unsaved row
        # on the user, and the next call would read themes from it and fail.
        preference = DigestPreference()
        theme_ids = ()
    else:
        theme_ids = [theme.pk for theme in preference.themes.all()]
    return audience_from(
        council_id=membership.council_id,
        is_manager=membership.is_manager,
        preference=preference,
        theme_ids=theme_ids,
        followed=followed
        if followed is not None
        else follows_of(type(user).objects.filter(pk=user.pk)).get(user.pk, ()),
    )


def audience_from(*, council_id, is_manager, preference, theme_ids, followed=()):
    """The audience of a member of `council_id` with these preferences and chosen themes."""
    return Audience(
        council_id=council_id,
        scope=preference.scope,
        theme_ids=tuple(sorted(theme_ids)),
        review_queue=is_manager and preference.include_review_queue,
        overdue_pilots=is_manager and preference.include_overdue_pilots,
        followed=followed,
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
    follows = follows_of(users)
    groups = defaultdict(list)
    for user_id, council_id, role, preference_id, *values in rows.iterator(chunk_size=5000):
        preference = SimpleNamespace(**dict(zip(fields, values, strict=True)))
        audience = audience_from(
            council_id=council_id,
            is_manager=is_manager[role],
            preference=defaults if preference_id is None else preference,
            theme_ids=themes.get(preference_id, ()),
            followed=follows.get(user_id, ()),
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

    @classmethod
    def about(cls, thing, *, kind, when, **more):
        """An item about an idea or a pilot: its title, its page and its council."""
        return cls(
            kind=kind,
            title=thing.title,
            url=thing.get_absolute_url(),
            when=when,
            council=thing.council,
            **more,
        )


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
    """The digest for `user` (one member of `audience`) covering [start, end)."""
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
            .filter(council_id=audience.council_id)
            .awaiting_outcome(today)
            .select_related("council")
            .order_by("end_date")
        )
    return Digest(
        groups=group_items(news_items(user, audience, start, end), council_id=audience.council_id),
        review_queue=idea_items(
            user, review_queue, kind=_("Waiting for review"), byline=_("Submitted by %(author)s")
        ),
        review_queue_count=review_queue_count,
        overdue_pilots=[
            Item.about(pilot, kind=_("Outcome overdue"), when=pilot.end_date) for pilot in overdue
        ],
    )


def heard_from(queryset, audience, councils, *, via=""):
    """The rows of `queryset` from `councils` (None: any), on the audience's themes, and
    whatever of it the reader follows.

    News comes from other councils only: the reader's own council is not news to them,
    and the email says it holds what other councils shared. `via` is the path to the
    row's pilot ("pilot__" for an outcome), or "" for an idea or a pilot.
    """
    news = queryset.exclude(**{f"{via}council_id": audience.council_id})
    if councils is not None:
        news = news.filter(**{f"{via}council_id__in": councils})
    if audience.theme_ids:
        news = news.filter(**{f"{via}themes__in": audience.theme_ids}).distinct()
    followed = followed_filter(audience.followed, via=via, pilots=via or queryset.model is Pilot)
    if followed is None:
        return news
    return queryset.filter(Q(pk__in=news.values("pk")) | followed)


def followed_filter(followed, *, via, pilots):
    """A Q selecting rows about what is followed: a followed council's ideas and pilots, and
    a followed pilot (or the pilot of a followed idea), its adoptions and its outcome."""
    ids = defaultdict(list)
    for target, pk in followed:
        ids[target].append(pk)
    if not ids:
        return None
    q = Q(**{f"{via}council_id__in": ids["council"]})
    if pilots:
        q |= Q(**{f"{via}pk__in": ids["pilot"]}) | Q(**{f"{via}idea_id__in": ids["idea"]})
        q |= Q(**{f"{via}adapted_from_id__in": ids["pilot"]})
    return q


def news_items(user, audience, start, end):
    """Ideas shared, pilots started and adopted, and outcomes published in [start, end)."""
    councils = visible_council_ids(user)[Visibility.PARTNERS] - {audience.council_id}
    # A council in no partnership has no partners to hear from: its people hear
    # from every council instead (the preferences page says so, and hides the choice).
    if audience.scope != DigestPreference.Scope.PARTNERSHIPS or not councils:
        councils = None
    pilots = Pilot.objects.visible_to(user).select_related("council")
    ideas, launched, adoptions = (
        heard_from(rows, audience, councils)
        for rows in (
            # Shared, so no drafts; withdrawn ideas stay with their council, never news.
            Idea.objects.shared_with(user)
            .filter(submitted_at__gte=start, submitted_at__lt=end)
            .exclude(visibility=Visibility.COUNCIL)
            .select_related("council", "author"),
            pilots.filter(started_at__gte=start, started_at__lt=end),
            pilots.filter(
                adapted_from__isnull=False, created_at__gte=start, created_at__lt=end
            ).select_related("adapted_from__council"),
        )
    )
    outcomes = heard_from(
        Outcome.objects.visible_to(user)
        .filter(published_at__gte=start, published_at__lt=end)
        .select_related("pilot__council"),
        audience,
        councils,
        via="pilot__",
    )
    items = idea_items(user, ideas, kind=_("New idea"), byline=_("Shared by %(author)s"))
    items += [
        Item.about(pilot, kind=_("Pilot started"), when=pilot.started_at) for pilot in launched
    ]
    items += adoption_items(user, list(adoptions))
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
    return items


def idea_items(user, ideas, *, kind, byline):
    """Items about ideas; `byline` names the author as `author_label` does for `user`."""
    return [
        Item.about(
            idea,
            kind=kind,
            when=idea.submitted_at,
            detail=byline % {"author": author_label(user, idea)},
        )
        for idea in ideas
    ]


def adoption_items(user, adoptions):
    """Pilots adopted from another; the source pilot is named only to people who may see it."""
    visible_sources = set(
        Pilot.objects.visible_to(user)
        .filter(pk__in=[pilot.adapted_from_id for pilot in adoptions])
        .values_list("pk", flat=True)
    )
    return [
        Item.about(
            pilot,
            kind=_("Pilot adopted"),
            when=pilot.created_at,
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
