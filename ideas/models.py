from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import Council, Visibility
from councils.visibility import membership_of, own_council_filter, visibility_filter
from ideabank.lib.choices import choice_label
from ideabank.lib.fields import person_field


class TransitionNotAllowed(Exception):
    """A status change that the workflow does not permit; the message is for the person."""


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Verdict(models.TextChoices):
    """What a pilot found (`outcomes.Outcome.verdict`). Defined here so that an idea can
    say what became of it without importing the apps above it."""

    WORKED = "worked", _("It worked")
    PARTLY_WORKED = "partly_worked", _("It partly worked")
    DID_NOT_WORK = "did_not_work", _("It did not work")
    STOPPED_EARLY = "stopped_early", _("Stopped early")
    INCONCLUSIVE = "inconclusive", _("Inconclusive")


def shared_filter(user):
    """Ideas past draft that `user` may see: their approved audience, except that withdrawn
    ideas stay with their own council (DESIGN.md "Visibility")."""
    audience = visibility_filter(user) & ~Q(status__in=[*Idea.AUTHOR_ONLY, *Idea.OWN_COUNCIL_ONLY])
    return audience | (own_council_filter(user) & ~Q(status__in=Idea.AUTHOR_ONLY))


class IdeaQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Ideas the user may see: drafts to their author alone, the rest by `shared_filter`."""
        if user.is_authenticated:
            return self.filter(shared_filter(user) | Q(author=user))
        return self.filter(shared_filter(user))

    def shared_with(self, user):
        """Submitted ideas the user may see: what the browse pages list (no drafts, not even
        the person's own, so the query can use the `idea_shared_newest` index)."""
        return self.filter(shared_filter(user))

    def awaiting_review(self):
        """Ideas a manager still has to act on."""
        return self.filter(status__in=Idea.AWAITING_REVIEW)

    def promotable(self):
        """Ideas a home page may put forward: not withdrawn, not declined."""
        return self.exclude(status__in=[Idea.Status.WITHDRAWN, Idea.Status.DECLINED])

    def reviewable_by(self, user):
        """Every non-draft idea of the council the user manages (none for anyone else)."""
        membership = membership_of(user)
        if membership is None or not membership.is_manager:
            return self.none()
        return self.filter(council_id=membership.council_id).exclude(status=Idea.Status.DRAFT)


class Idea(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        PARKED = "parked", _("On the shelf")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        PILOTING = "piloting", _("Piloting")
        PILOTED = "piloted", _("Piloted")

    # Groups of statuses the rules read (each defined once, here).
    AUTHOR_ONLY = frozenset({Status.DRAFT})  # seen by their author alone
    OWN_COUNCIL_ONLY = frozenset({Status.WITHDRAWN})  # seen by the idea's council only
    AWAITING_REVIEW = frozenset({Status.SUBMITTED, Status.IN_REVIEW})  # a manager may decide
    DECIDED = frozenset({Status.ACCEPTED, Status.DECLINED, Status.PARKED})  # a review decision

    class CostBand(models.TextChoices):
        NONE = "none", _("No cost")
        UNDER_10K = "under_10k", _("Under £10,000")
        FROM_10K_TO_50K = "10k_50k", _("£10,000 to £50,000")
        FROM_50K_TO_250K = "50k_250k", _("£50,000 to £250,000")
        OVER_250K = "over_250k", _("Over £250,000")

    class NameDisplay(models.TextChoices):
        EVERYONE = "everyone", _("Everyone who can see the idea")
        COUNCIL = "council", _("People in my council only")

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="ideas")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ideas"
    )
    title = models.CharField(_("title"), max_length=150)
    problem = models.TextField(_("the problem"), max_length=5000, blank=True)
    proposal = models.TextField(_("the change you propose"), max_length=5000, blank=True)
    expected_benefit = models.TextField(_("expected benefit"), max_length=3000, blank=True)
    who_benefits = models.CharField(_("who benefits"), max_length=300, blank=True)
    cost_band = models.CharField(
        _("rough cost"), max_length=20, choices=CostBand.choices, default=CostBand.UNDER_10K
    )
    themes = models.ManyToManyField(Theme, related_name="ideas", blank=True)
    # The author asks for an audience; the idea reaches it only once a manager of its
    # council approves it into `visibility`, which is what the visibility rule reads.
    requested_visibility = models.CharField(
        _("who would you like to see this idea"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PARTNERS,
    )
    visibility = models.CharField(
        _("who can see this idea"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.COUNCIL,
    )
    name_display = models.CharField(
        _("who can see your name"),
        max_length=10,
        choices=NameDisplay.choices,
        default=NameDisplay.EVERYONE,
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # What its pilot found, once the outcome is published ("Piloted: it did not work").
    verdict = models.CharField(max_length=15, choices=Verdict.choices, blank=True)
    # Weighted full-text search document, kept current by a PostgreSQL trigger
    # (this app's migration, SEARCH); always empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["council", "status", "submitted_at"]),
            models.Index(fields=["visibility", "status", "-created_at"]),
            # The browse pages' orders, so a page is read from an index in order
            # instead of sorting every visible row.
            models.Index(
                fields=["-created_at", "-id"],
                condition=~models.Q(status="draft"),
                name="idea_shared_newest",
            ),
            models.Index(
                fields=["-updated_at", "-id"],
                condition=~models.Q(status="draft"),
                name="idea_shared_updated",
            ),
            # Everything the visibility rule and the facet counts read, so the
            # counts come from an index-only scan, not from the whole table.
            models.Index(fields=["status", "visibility", "council", "id"], name="idea_facets"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideas:detail", kwargs={"pk": self.pk})

    # The workflow (DESIGN.md). Each verb goes through `record_transition`.
    CANNOT_BECOME = _("An idea that is “%(current)s” cannot become “%(target)s”.")
    CHANGED_MEANWHILE = _(
        "Someone else changed this idea at the same time. Reload the page to see it."
    )
    # What a manager may redact.
    TEXT_FIELDS = ["title", "problem", "proposal", "expected_benefit", "who_benefits"]

    def submit(self, *, by):
        return record_transition(
            self, to=self.Status.SUBMITTED, by=by, allowed_from={self.Status.DRAFT},
            stamps=["submitted_at"],
        )  # fmt: skip

    def withdraw(self, *, by, note=""):
        return record_transition(
            self,
            to=self.Status.WITHDRAWN,
            by=by,
            note=note,
            allowed_from={self.Status.SUBMITTED, self.Status.IN_REVIEW, self.Status.PARKED},
        )

    def start_review(self, *, by):
        return record_transition(
            self, to=self.Status.IN_REVIEW, by=by, allowed_from={self.Status.SUBMITTED}
        )

    def accept(self, *, by, feedback, audience=None):
        return self._decide(to=self.Status.ACCEPTED, by=by, feedback=feedback, audience=audience)

    def decline(self, *, by, feedback, audience=Visibility.COUNCIL):
        """Decline; the lesson is shared with `audience` (its own council unless chosen)."""
        return self._decide(to=self.Status.DECLINED, by=by, feedback=feedback, audience=audience)

    def park(self, *, by, feedback, audience=None):
        return self._decide(to=self.Status.PARKED, by=by, feedback=feedback, audience=audience)

    def return_to_review(self, *, by, note=""):
        return record_transition(
            self, to=self.Status.IN_REVIEW, by=by, note=note, allowed_from={self.Status.PARKED}
        )

    def start_piloting(self, *, by):
        """Its pilot was signed off: the idea reads "Piloting"."""
        return record_transition(
            self, to=self.Status.PILOTING, by=by, allowed_from={self.Status.ACCEPTED}
        )

    def finish_piloting(self, *, by, verdict):
        """Its pilot's outcome is published: the idea reads "Piloted: <verdict>"."""
        return record_transition(
            self,
            to=self.Status.PILOTED,
            by=by,
            allowed_from={self.Status.PILOTING},
            changes={"verdict": Verdict(verdict).value},
        )

    def change_audience(self, *, by, audience, reason, text=None):
        """A manager approves, narrows or widens who sees the idea, or redacts its text."""
        return record_audience_change(self, by=by, audience=audience, reason=reason, text=text)

    @property
    def is_editable(self):
        return self.status in {self.Status.DRAFT, self.Status.SUBMITTED}

    @property
    def is_decidable(self):
        return self.status in self.AWAITING_REVIEW

    @property
    def is_reviewable(self):
        """A manager can decide, or move it (start or resume the review)."""
        return self.status in self.AWAITING_REVIEW or self.status == self.Status.PARKED

    @property
    def audience_approved(self):
        """The audience the author asked for is the one a manager approved."""
        return self.requested_visibility == self.visibility

    @property
    def status_label(self):
        """The idea's status in words, following its pilot: the one label every page shows."""
        if self.status == self.Status.PILOTED and self.verdict:
            verdict = choice_label(Verdict, self.verdict)
            return _("Piloted: %(verdict)s") % {"verdict": verdict[:1].lower() + verdict[1:]}
        return choice_label(self.Status, self.status)

    @classmethod
    def audience_of(cls, status, visibility):
        """The audience level a row of `status` and `visibility` reaches, or None for its
        author alone: the cache scopes (explore/signals.py) read the rule through this."""
        if status in cls.AUTHOR_ONLY:
            return None
        if status in cls.OWN_COUNCIL_ONLY:
            return Visibility.COUNCIL
        return visibility

    def _decide(self, *, to, by, feedback, audience):
        if not (feedback or "").strip():
            raise TransitionNotAllowed(_("Write feedback to the author before you decide."))
        changes = {"visibility": Visibility(audience).value} if audience else {}
        return record_transition(
            self,
            to=to,
            by=by,
            note=feedback.strip(),
            allowed_from=self.AWAITING_REVIEW,
            stamps=["decided_at"],
            changes=changes,
            audience=changes.get("visibility", ""),
        )


@transaction.atomic
def record_transition(obj, *, to, by, allowed_from, note="", stamps=(), changes=None, **event):
    """Move an idea or a pilot to status `to` and record exactly one event on `obj.events`.

    The move is a conditional UPDATE on the status it had, so two clicks cannot both
    succeed; `changes` are saved with it and `stamps` set to now. A move the workflow
    does not allow raises TransitionNotAllowed with a message for the person.
    """
    from_status = obj.status
    if from_status not in allowed_from:
        raise TransitionNotAllowed(
            obj.CANNOT_BECOME
            % {"current": obj.get_status_display(), "target": obj.Status(to).label}
        )
    now = timezone.now()
    changes = {"status": to, "updated_at": now, **dict.fromkeys(stamps, now), **(changes or {})}
    if not type(obj).objects.filter(pk=obj.pk, status=from_status).update(**changes):
        raise TransitionNotAllowed(obj.CHANGED_MEANWHILE)
    for field, value in changes.items():
        setattr(obj, field, value)
    return obj.events.create(
        actor=by, from_status=from_status, to_status=to, note=note, created_at=now, **event
    )


def record_audience_change(obj, *, by, audience, reason, text=None):
    """Set who sees an idea or pilot, and redact its text, with the reason in its timeline."""
    if not (reason or "").strip():
        raise TransitionNotAllowed(_("Say why you are changing this."))
    redacted = {
        field: value for field, value in (text or {}).items() if getattr(obj, field) != value
    }
    return record_transition(
        obj,
        to=obj.status,
        by=by,
        note=reason.strip(),
        allowed_from={obj.status},
        changes={"visibility": Visibility(audience).value, **redacted},
        audience=Visibility(audience).value,
        redacted=bool(redacted),
    )


class AppendOnly(models.Model):
    """A record that is written once and never changed or deleted through the site."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError(f"{type(self).__name__} is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(f"{type(self).__name__} is append-only.")


class StatusEvent(AppendOnly):
    """One status change: who, when, from, to and the note they wrote.

    Subclasses add the object's foreign key and `from_status`/`to_status`
    with that object's status choices.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    # Set when the event changed who sees the object (to this audience) or its text.
    audience = models.CharField(max_length=10, choices=Visibility.choices, blank=True)
    redacted = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"

    @property
    def heading(self):
        """What happened, in words, for a timeline."""
        if self.from_status != self.to_status:
            return self.get_to_status_display()
        if self.redacted:
            return _("A manager edited the text, and who can see it is “%(audience)s”") % {
                "audience": self.get_audience_display()
            }
        if self.audience:
            return _("Who can see it changed to “%(audience)s”") % {
                "audience": self.get_audience_display()
            }
        return _("Sign-off asked for")


class IdeaEvent(StatusEvent):
    # PROTECT: an idea with a history cannot be deleted out from under it.
    idea = models.ForeignKey(Idea, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=12, choices=Idea.Status.choices)
    to_status = models.CharField(max_length=12, choices=Idea.Status.choices)

    @property
    def is_private_feedback(self):
        """Feedback on a declined idea is for the author and the council's managers only."""
        return self.to_status == Idea.Status.DECLINED


class ModeratedText(models.Model):
    """Something a person wrote that others read and a moderator may hide: a comment on an
    idea, pilot or outcome, or a message in a conversation about a pilot. Subclasses add
    `author` and what it is written on."""

    body = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = person_field()
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    reported_by = person_field()

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    def report(self, *, by):
        """Ask the moderators to look at it; True the first time only (one email)."""
        now = timezone.now()
        unreported = type(self)._default_manager.filter(pk=self.pk, reported_at__isnull=True)
        if not unreported.update(reported_at=now, reported_by=by):
            return False
        self.reported_at, self.reported_by = now, by
        return True

    def hide(self, *, by, reason):
        """Hide it from everyone; its writer still sees the reason."""
        if not (reason or "").strip():
            raise TransitionNotAllowed(_("Say why you are hiding this comment."))
        self.hidden_at = timezone.now()
        self.hidden_by = by
        self.hidden_reason = reason.strip()
        self.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])


class Comment(ModeratedText):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="idea_comments"
    )

    def __str__(self):
        return f"Comment {self.pk} on idea {self.idea_id}"


class Endorsement(models.Model):
    class Kind(models.TextChoices):
        SUPPORT = "support", _("I support this")
        WOULD_TRY = "would_try", _("We would try this")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="one_endorsement_per_person")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.idea_id})"


class IdeaCountQuerySet(models.QuerySet):
    def shared_with(self, user):
        """The cells of the ideas `Idea.objects.shared_with(user)` lists: the same rule,
        read from the same columns."""
        return self.filter(shared_filter(user), count__gt=0)


class IdeaCount(models.Model):
    """How many ideas share a council, audience and status (and, per theme, a theme).

    Kept exact by PostgreSQL triggers on ideas and their themes (this app's
    migration, COUNTS), so the browse page's facet counts sum a few thousand cells
    instead of counting every visible idea. A cell without a theme counts every
    idea; one with a theme counts that theme's ideas. Empty on SQLite, where the
    browse page counts the ideas themselves.
    """

    council = models.ForeignKey(
        Council, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    visibility = models.CharField(max_length=10, choices=Visibility.choices)
    status = models.CharField(max_length=12, choices=Idea.Status.choices)
    theme = models.ForeignKey(
        Theme, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    count = models.IntegerField(default=0)

    objects = IdeaCountQuerySet.as_manager()

    # Its unique key (council, visibility, status, theme), NULL themes not distinct,
    # is made on PostgreSQL by the migration: SQLite cannot express it, and has no triggers.

    def __str__(self):
        return f"{self.count} ideas"
