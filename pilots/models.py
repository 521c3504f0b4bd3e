from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from councils.models import Council, Visibility
from councils.visibility import (
    VisibleOnceManager,
    audience_in_words,
    membership_of,
    own_council_filter,
    visibility_filter,
)
from ideabank.lib.choices import choice_label
from ideabank.lib.fields import money_field
from ideas.models import (
    Idea,
    ModeratedText,
    StatusEvent,
    Theme,
    TransitionNotAllowed,
    Verdict,
    record_audience_change,
    record_transition,
)

# The card's written case, first on the card and in every list of its fields below.
CASE_FIELDS = [
    "title",
    "summary",
    "hypothesis",
    "success_measure",
    "baseline",
    "amplify_signals",
    "stop_criteria",
]
# The fields of the experiment card that sign-off locks and records.
CARD_FIELDS = [
    *CASE_FIELDS,
    "start_date",
    "end_date",
    "budget_cap",
    "max_exposure",
    "rollback_plan",
    "lead",
    "team",
    "themes",
]
# Card text a manager cannot sign off while it is empty.
REQUIRED_CARD_TEXT = [
    "title",
    "summary",
    "hypothesis",
    "success_measure",
    "baseline",
    "stop_criteria",
    "max_exposure",
    "rollback_plan",
]
# How many adoptions deep the visibility rule follows a lineage; a deeper adoption is
# refused (pilots/services.py), so the rule never has to guess. Each level adds one
# join on the source's primary key to every query that uses the rule.
MAX_LINEAGE = 3
# The limits a manager gives "permission to fail" within.
SIGNED_LIMITS = [
    "start_date",
    "end_date",
    "budget_cap",
    "max_exposure",
    "stop_criteria",
    "rollback_plan",
]


def pilot_filter(user, *, prefix="", depth=MAX_LINEAGE):
    """A Q object selecting the pilots `user` may see (DESIGN.md "Visibility").

    Their own council sees its pilots (but not discarded cards); anyone else needs the
    approved audience of a signed-off pilot and, for an adoption, to see the pilot it
    was adapted from, checked live up the lineage. `prefix` reaches the pilot through a
    relation, e.g. `prefix="pilot__"` for outcomes.
    """
    # Built once per person and request: the rule's conditions, one set per lineage
    # level, take milliseconds of Python to build, and a browse page asks three times.
    built = getattr(user, "_pilot_filters", None)
    if built is None:
        built = user._pilot_filters = {}
    if (prefix, depth) not in built:
        built[(prefix, depth)] = build_pilot_filter(user, prefix=prefix, depth=depth)
    return built[(prefix, depth)]


def build_pilot_filter(user, *, prefix, depth):
    """The rule itself, the lineage followed as a join to each source in turn: one flat
    condition, which PostgreSQL can stop checking once a page has its rows, instead
    of a subquery per level, which it ran as a hash of the whole table per level.

    For a pilot with no source the joined source's columns are NULL, but the condition
    never depends on them then: `adapted_from IS NULL` already holds.
    """
    p = prefix
    own = own_council_filter(user, prefix=p) & ~Q(**{f"{p}status": Pilot.Status.DISCARDED})
    audience = visibility_filter(user, prefix=p) & ~Q(**{f"{p}status__in": Pilot.UNSIGNED})
    source_seen = Q(**{f"{p}adapted_from__isnull": True})
    if depth > 0:
        source_seen |= build_pilot_filter(user, prefix=f"{p}adapted_from__", depth=depth - 1)
    return own | (audience & source_seen)


class PilotQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Pilots the user may see (`pilot_filter`)."""
        return self.filter(pilot_filter(user))

    def awaiting_outcome(self, today):
        """Running pilots past their end date: their outcome is due."""
        return self.filter(Pilot.awaiting_outcome_filter(today))

    def did_not_work(self):
        """Pilots whose outcome says it did not work, or that were stopped early."""
        failed = [Verdict.DID_NOT_WORK, Verdict.STOPPED_EARLY]
        return self.filter(
            Q(outcome__verdict__in=failed) | Q(status=Pilot.Status.STOPPED_EARLY),
            outcome__isnull=False,
        )

    def waiting_for_sign_off(self):
        """Planned cards whose lead asked a manager to sign them off."""
        return self.filter(status=Pilot.Status.PLANNED, sign_off_requested_at__isnull=False)


class Pilot(models.Model):
    """The experiment card: a small, time-boxed test run inside signed-off limits."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        STOPPED_EARLY = "stopped_early", _("Stopped early")
        DISCARDED = "discarded", _("Discarded")

    # Seen by the pilot's own council only (none at all once discarded).
    UNSIGNED = frozenset({Status.PLANNED, Status.DISCARDED})

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="pilots")
    idea = models.ForeignKey(
        Idea, on_delete=models.PROTECT, null=True, blank=True, related_name="pilots"
    )
    adapted_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="adoptions"
    )
    title = models.CharField(_("title"), max_length=150)
    summary = models.TextField(_("summary"), max_length=3000)
    hypothesis = models.TextField(
        _("hypothesis"),
        max_length=3000,
        help_text=_("We believe that … We will know we are right when …"),
    )
    success_measure = models.TextField(_("how we will measure success"), max_length=2000)
    baseline = models.TextField(_("the baseline today"), max_length=2000)
    amplify_signals = models.TextField(
        _("signs that it is working and should grow"), max_length=2000, blank=True
    )
    stop_criteria = models.TextField(_("when we will stop"), max_length=2000)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    budget_cap = money_field(_("most it may spend (£)"))
    max_exposure = models.TextField(_("who or what it may affect, at most"), max_length=2000)
    rollback_plan = models.TextField(_("how we will undo it"), max_length=2000)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="led_pilots"
    )
    team = models.CharField(_("team"), max_length=500, blank=True)
    themes = models.ManyToManyField(Theme, related_name="pilots", blank=True)
    visibility = models.CharField(
        _("who can see this pilot"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PARTNERS,
    )
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.PLANNED)
    stop_reason = models.TextField(_("why it stopped early"), blank=True)
    sign_off_requested_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)
    # Weighted full-text search document (with the outcome's learning), kept
    # current by PostgreSQL triggers (pilots' and outcomes' migrations, SEARCH); always
    # empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = VisibleOnceManager.from_queryset(PilotQuerySet)()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="pilot_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(budget_cap__gte=0), name="pilot_budget_not_negative"
            ),
            # A council adopts a given pilot once: a double-submitted form
            # cannot create two copies.
            models.UniqueConstraint(
                fields=["adapted_from", "council"],
                condition=models.Q(adapted_from__isnull=False),
                name="one_adoption_per_council",
            ),
            # An idea becomes one pilot (a discarded card makes way for a new one).
            models.UniqueConstraint(
                fields=["idea"],
                condition=models.Q(idea__isnull=False) & ~models.Q(status="discarded"),
                name="one_pilot_per_idea",
            ),
        ]
        indexes = [
            models.Index(fields=["council", "status"]),
            models.Index(fields=["status", "end_date"]),
            models.Index(fields=["visibility", "-created_at"]),
            # The browse pages' orders (see Idea's indexes).
            models.Index(fields=["-created_at", "-id"], name="pilot_newest"),
            models.Index(fields=["-updated_at", "-id"], name="pilot_updated"),
            # What the visibility rule and the facet counts read (see Idea's "idea_facets").
            models.Index(fields=["visibility", "council", "status", "id"], name="pilot_facets"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pilots:detail", kwargs={"pk": self.pk})

    CANNOT_BECOME = _("A pilot that is “%(current)s” cannot become “%(target)s”.")
    CHANGED_MEANWHILE = _(
        "Someone else changed this pilot at the same time. Reload the page to see it."
    )
    # What a manager may redact.
    TEXT_FIELDS = [*CASE_FIELDS, "max_exposure", "rollback_plan", "team"]

    @property
    def is_card_locked(self):
        """After sign-off the card never changes; progress goes into updates."""
        return self.status != self.Status.PLANNED

    @property
    def is_closed(self):
        return self.status in {self.Status.COMPLETED, self.Status.STOPPED_EARLY}

    @property
    def is_signed_off(self):
        return self.status not in self.UNSIGNED

    @property
    def chosen_audience_in_words(self):
        """Who the card's chosen audience reaches once signed off ("Staff of Barnet and its
        partner councils"); a discarded card, only its council."""
        level = Visibility.COUNCIL if self.status == self.Status.DISCARDED else self.visibility
        return audience_in_words(level, self.council.short_name)

    @classmethod
    def audience_of(cls, status, visibility):
        """The audience level a pilot of `status` and `visibility` reaches before its lineage
        is checked, or None for no one (see `pilot_filter`; the cache scopes read this)."""
        if status == cls.Status.DISCARDED:
            return None
        if status in cls.UNSIGNED:
            return Visibility.COUNCIL
        return visibility

    @classmethod
    def awaiting_outcome_filter(cls, today):
        """Running pilots past their end date: the one definition of "outcome due"."""
        return Q(status=cls.Status.RUNNING, end_date__lt=today)

    @property
    def start_is_ahead(self):
        """Its start date is still to come."""
        return self.start_date > timezone.localdate()

    @property
    def start_has_passed(self):
        """Its start date was before today (a card not yet signed off starts late)."""
        return self.start_date < timezone.localdate()

    @property
    def starts_later(self):
        """Signed off, with its start date still to come."""
        return self.status == self.Status.RUNNING and self.start_is_ahead

    @property
    def status_label(self):
        """The status in words: a signed-off pilot that starts later says when (with the
        year when it is not this one, as a download read next year needs)."""
        if self.starts_later:
            this_year = self.start_date.year == timezone.localdate().year
            when = date_format(self.start_date, "j F" if this_year else "j F Y")
            return _("Signed off, starts %(date)s") % {"date": when}
        if self.status == self.Status.PLANNED and self.sign_off_requested_at:
            return _("Waiting for sign-off")
        return choice_label(self.Status, self.status)

    @property
    def status_tag_label(self):
        """The status for its tag, whose hyphens never end a line ("sign-" over "off").
        The label itself keeps plain hyphens, for downloads and search."""
        return self.status_label.replace("-", "\N{NON-BREAKING HYPHEN}")

    def signed_limits(self):
        return {
            field: str(getattr(self, field)) if getattr(self, field) is not None else ""
            for field in SIGNED_LIMITS
        }

    def sign_off_gaps(self, today=None):
        """What stops a manager signing off this card, in words for them (none: it may)."""
        today = today or timezone.localdate()
        gaps = [
            _("The card has no “%(part)s” yet")
            % {"part": self._meta.get_field(field).verbose_name}
            for field in REQUIRED_CARD_TEXT
            if not (getattr(self, field) or "").strip()
        ]
        if self.end_date < today:
            gaps.append(_("The end date has passed. Change the time box before you sign off."))
        return gaps

    @transaction.atomic
    def sign_off(self, *, by, audience=None, today=None):
        """A manager gives permission to fail within the card's limits and chooses who sees
        the pilot; it runs, and its idea reads "Piloting". An incomplete card is refused.

        `today` is the day of the sign-off, for records of pilots signed off in the past.
        A card whose start date has passed starts that day, as the sign-off page says: the
        signed limits never show a pilot running before anyone agreed to it.
        """
        gaps = self.sign_off_gaps(today)
        if gaps:
            raise TransitionNotAllowed(" ".join(str(gap) for gap in gaps))
        changes = {"started_at": timezone.now()}
        today = today or timezone.localdate()
        if self.start_date < today:
            changes["start_date"] = today
        if audience:
            changes["visibility"] = Visibility(audience).value
        event = record_transition(
            self,
            to=self.Status.RUNNING,
            by=by,
            allowed_from={self.Status.PLANNED},
            changes=changes,
            audience=changes.get("visibility", self.visibility),
        )
        PilotSignOff.objects.create(pilot=self, signed_by=by, limits=self.signed_limits())
        if self.idea_id and self.idea.status == Idea.Status.ACCEPTED:
            self.idea.start_piloting(by=by)
        return event

    def ask_for_sign_off(self, *, by):
        """The lead asks the council's managers to sign the card off."""
        if self.sign_off_requested_at is not None:
            raise TransitionNotAllowed(_("Sign-off has already been asked for."))
        return record_transition(
            self,
            to=self.Status.PLANNED,
            by=by,
            allowed_from={self.Status.PLANNED},
            stamps=["sign_off_requested_at"],
        )

    def discard(self, *, by, reason):
        """A planned card nobody will run: kept in the timeline, gone from every list."""
        if not (reason or "").strip():
            raise TransitionNotAllowed(_("Say why you are discarding this card."))
        return record_transition(
            self,
            to=self.Status.DISCARDED,
            by=by,
            note=reason.strip(),
            allowed_from={self.Status.PLANNED},
        )

    def complete(self, *, by):
        self._require_outcome()
        return record_transition(
            self,
            to=self.Status.COMPLETED,
            by=by,
            allowed_from={self.Status.RUNNING},
            stamps=["closed_at"],
        )

    @transaction.atomic
    def stop_early(self, *, by, reason):
        if not (reason or "").strip():
            raise TransitionNotAllowed(_("Say why the pilot stopped early."))
        self._require_outcome()
        return record_transition(
            self,
            to=self.Status.STOPPED_EARLY,
            by=by,
            note=reason,
            allowed_from={self.Status.RUNNING},
            stamps=["closed_at"],
            changes={"stop_reason": reason.strip()},
        )

    def change_audience(self, *, by, audience, reason, text=None):
        """A manager narrows or widens who sees the pilot, or redacts its text."""
        return record_audience_change(self, by=by, audience=audience, reason=reason, text=text)

    def _require_outcome(self):
        # The outcome is written in the same transaction, just before closing.
        if not hasattr(self, "outcome"):
            raise TransitionNotAllowed(_("A pilot cannot be closed without its outcome."))

    def mark_overdue_notified(self):
        """Claim the one overdue notice; False if it was already sent."""
        claimed = Pilot.objects.filter(pk=self.pk, overdue_notified_at__isnull=True).update(
            overdue_notified_at=timezone.now()
        )
        return bool(claimed)


class PilotSignOff(models.Model):
    """Permission to fail: who signed the card off, when, and the limits as they were."""

    pilot = models.OneToOneField(Pilot, on_delete=models.CASCADE, related_name="sign_off_record")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(default=timezone.now)
    limits = models.JSONField()

    def __str__(self):
        return f"Sign-off of pilot {self.pilot_id}"


class PilotUpdate(models.Model):
    """Progress on a running pilot, written by its team."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pilot_updates"
    )
    body = models.TextField(_("update"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Update {self.pk} on pilot {self.pilot_id}"


class PilotEvent(StatusEvent):
    pilot = models.ForeignKey(Pilot, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=15, choices=Pilot.Status.choices)
    to_status = models.CharField(max_length=15, choices=Pilot.Status.choices)


class CommentWithMentions(ModeratedText):
    """A comment on a pilot or an outcome: `@name` mentions of the writer's colleagues
    resolve to `mentioned` (pilots/mentions.py)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    mentioned = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)

    class Meta(ModeratedText.Meta):
        abstract = True


class PilotComment(CommentWithMentions):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="comments")

    def __str__(self):
        return f"Comment {self.pk} on pilot {self.pilot_id}"


class QuestionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Conversations the user may read: members of the asker's council and of the
        pilot's, while they may still see the pilot."""
        return self.filter(pilot_filter(user, prefix="pilot__")).between_councils_of(user)

    def between_councils_of(self, user):
        """Conversations the user's council is part of, as asker or as the pilot's: what
        `visible_to` leaves of a pilot the user may already see (its page, whose query
        has just applied the pilot's rule, need not build it a second time)."""
        membership = membership_of(user)
        if membership is None:
            return self.none()
        councils = Q(council_id=membership.council_id) | Q(pilot__council_id=membership.council_id)
        return self.filter(councils)

    def asked_since(self, user, since):
        """The questions `user` asked from `since` on: what the rate limit counts."""
        return self.filter(asker=user, created_at__gte=since)


class Question(models.Model):
    """A conversation between someone at another council and the team behind a pilot
    ("Ask Barnet about this pilot"), relayed by the site so nobody's address is shown.
    Its messages are the question and the replies."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="questions")
    # The asker's council at the time: it and the pilot's council read the conversation.
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pilot_questions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["asker", "created_at"])]

    def __str__(self):
        return f"Question {self.pk} about pilot {self.pilot_id}"

    def get_absolute_url(self):
        return reverse("pilots:question", kwargs={"pk": self.pilot_id, "question_pk": self.pk})


class Message(ModeratedText):
    """One message in a conversation about a pilot: the question, or a reply."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self):
        return f"Message {self.pk} about pilot question {self.question_id}"
