"""The audience part of the visibility rule (DESIGN.md "Visibility"), defined once.

`visibility_filter` says who an approved audience level reaches;
`own_council_filter` selects the rows of the person's own council. Ideas and
pilots build their `visible_to(user)` QuerySet methods from these two and add
what depends on their status (drafts, withdrawn ideas, planned cards) and, for
pilots, their lineage; nothing else decides who sees what.
"""

from collections import OrderedDict
from threading import Lock

from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Council, Partnership, Visibility

# Who an audience level reaches, in words a file or page can show beside a row.
AUDIENCE_IN_WORDS = {
    Visibility.COUNCIL: _("Staff of %(council)s"),
    Visibility.PARTNERS: _("Staff of %(council)s and its partner councils"),
    Visibility.COUNCILS: _("Staff of any council"),
    Visibility.PUBLIC: _("Everyone, including the public"),
}


def audience_in_words(level, council_name):
    """`level` as `Idea.audience_of` or `Pilot.audience_of` give it (None: its author only)."""
    if level is None:
        return str(_("Only its author"))
    return str(AUDIENCE_IN_WORDS[level]) % {"council": council_name}


# Cache scopes (explore/sections.py): every audience, and every council's members.
EVERYONE, MEMBERS = "all", "members"
# A council's partners are the same for all its members, so every signed-in page reads
# them from the cache. A change to a partnership forgets them (councils/signals.py) at
# once and again after it commits; a copy that still escaped lasts no longer than this.
PARTNERS_SECONDS = 60


def membership_of(user):
    """The user's membership, or None for visitors and people without a council."""
    if not user.is_authenticated:
        return None
    try:
        return user.membership
    except user._meta.model.membership.RelatedObjectDoesNotExist:
        return None


def partners_key(council_id):
    return f"council-partners-{council_id}"


def partner_council_ids(council):
    """Ids of the councils that share a partnership with `council`, itself included."""
    ids = cache.get(partners_key(council.pk))
    if ids is None:
        ids = set(Council.objects.partners_of(council).values_list("pk", flat=True))
        ids.add(council.pk)
        cache.set(partners_key(council.pk), ids, PARTNERS_SECONDS)
    return set(ids)


def forget_partners(*, partnership_ids=(), council_ids=()):
    """Forget the cached partners of `council_ids` and of every council in `partnership_ids`,
    now and once the transaction commits (a page read between the two may have cached
    the partners as they were)."""
    councils = set(council_ids)
    if partnership_ids:
        members = Partnership.councils.through.objects.filter(partnership_id__in=partnership_ids)
        councils.update(members.values_list("council_id", flat=True))
    keys = [partners_key(pk) for pk in councils]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def visible_council_ids(user):
    """For each visibility level, the council ids whose content the user may see.

    `None` means "every council"; an empty set means none.
    """
    membership = membership_of(user)
    if membership is None:
        return {
            Visibility.COUNCIL: set(),
            Visibility.PARTNERS: set(),
            Visibility.COUNCILS: set(),
            Visibility.PUBLIC: None,
        }
    cache = getattr(user, "_visible_council_ids", None)
    if cache is None:
        cache = {
            Visibility.COUNCIL: {membership.council_id},
            Visibility.PARTNERS: partner_council_ids(membership.council),
            Visibility.COUNCILS: None,
            Visibility.PUBLIC: None,
        }
        user._visible_council_ids = cache  # one lookup per request
    return cache


def visibility_filter(user, *, prefix=""):
    """A Q object selecting rows (with `council` and `visibility` fields) the user may see.

    `prefix` reaches the fields through a relation, e.g. `prefix="pilot__"`.
    """
    q = Q(pk__in=[])
    for level, council_ids in visible_council_ids(user).items():
        if council_ids is None:
            q |= Q(**{f"{prefix}visibility": level})
        elif council_ids:
            q |= Q(**{f"{prefix}visibility": level, f"{prefix}council_id__in": council_ids})
    return q


def own_council_filter(user, *, prefix=""):
    """A Q object selecting rows of the user's own council (none without a council)."""
    membership = membership_of(user)
    if membership is None:
        return Q(pk__in=[])
    return Q(**{f"{prefix}council_id": membership.council_id})


def audience_scopes(council_id, visibility):
    """Who an approved audience reaches, as the cache scope names of explore/sections.py:
    EVERYONE, MEMBERS or "council-<id>" for each council that sees it.

    The same table as `visible_council_ids`, read the other way round.
    """
    if visibility == Visibility.PUBLIC:
        return {EVERYONE}
    if visibility == Visibility.COUNCILS:
        return {MEMBERS}
    if visibility == Visibility.PARTNERS:
        return {f"council-{pk}" for pk in partner_council_ids(Council(pk=council_id))}
    if visibility == Visibility.COUNCIL:
        return {f"council-{council_id}"}
    return {EVERYONE}  # anything unforeseen reaches everyone


def audience_key(user):
    """A name shared by everyone who sees exactly what `user` sees, for caching a page part.

    The rule above depends only on a person's council, so all members of one
    council see the same content, and everyone without a council sees only what is public.
    """
    membership = membership_of(user)
    return f"council-{membership.council_id}" if membership else "public"


def rule_inputs(user):
    """All that `visibility_filter` and `own_council_filter` read of `user`: people with the
    same inputs get the same conditions, so a rule built from those two alone (the
    pilots' and outcomes') resolves to the same query for them."""
    membership = membership_of(user)
    levels = visible_council_ids(user).items()
    return (
        membership and membership.council_id,
        tuple((level, None if ids is None else frozenset(ids)) for level, ids in levels),
    )


class ResolvedRules:
    """The most recently used resolved querysets, by model and `rule_inputs`, for the
    process. A resolved queryset holds no row, only conditions on council ids, which
    are part of its key; it is never handed out, only copies of it."""

    # A council's members share one entry per model; each holds about 42 KiB (tracemalloc),
    # so 512 is about 21 MB a process: every council's pilots rule in a national service.
    SIZE = 512

    def __init__(self):
        self._kept = OrderedDict()
        self._lock = Lock()

    def get(self, key, resolve):
        with self._lock:
            queryset = self._kept.get(key)
            if queryset is not None:
                self._kept.move_to_end(key)
                return queryset
        queryset = resolve()
        with self._lock:
            self._kept[key] = queryset
            while len(self._kept) > self.SIZE:
                self._kept.popitem(last=False)
        return queryset

    def clear(self):
        with self._lock:
            self._kept.clear()


RESOLVED_RULES = ResolvedRules()


class VisibleOnceManager(models.Manager):
    """A manager whose `visible_to(user)` resolves the rule once per process and audience.

    Django turns a Q object into joins and conditions again for every query it filters,
    and the pilots' rule (four levels of lineage) takes about 5 ms of Python to resolve
    against 0.1 ms to copy once resolved; a pilot page asks for it several times. So
    `Model.objects.visible_to(user)` keeps the resolved queryset (on the user object
    for the request, and in RESOLVED_RULES for the process, by `rule_inputs`) and hands
    out copies. The model's `visible_to` must read only `visibility_filter` and
    `own_council_filter` of the user (pilots and outcomes do). A related manager
    (`idea.pilots`) has filtered already and resolves afresh.
    """

    def visible_to(self, user):
        if type(self) is not self.model._meta.default_manager.__class__ or self._db:
            return self.get_queryset().visible_to(user)
        kept = getattr(user, "_visible_querysets", None)
        if kept is None:
            kept = user._visible_querysets = {}
        if self.model not in kept:
            kept[self.model] = RESOLVED_RULES.get(
                (self.model, rule_inputs(user)), lambda: self.get_queryset().visible_to(user)
            )
        return kept[self.model].all()
