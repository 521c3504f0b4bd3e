from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import Council, Visibility
from councils.visibility import membership_of, visibility_filter


class TransitionNotAllowed(Exception):
    """A status change that the workflow does not permit; the message is for the person."""


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def shared_filter(user):
    """Ideas past draft that the visibility rule lets `user` see."""
    return visibility_filter(user) & ~Q(status=Idea.Status.DRAFT)


class IdeaQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Ideas the user may see: drafts to their author alone, the rest by visibility."""
        if user.is_authenticated:
            return self.filter(shared_filter(user) | Q(author=user))
        return self.filter(shared_filter(user))

    def shared_with(self, user):
        """Submitted ideas the user may see: what the browse pages list (no drafts, not even
        the person's own, so the query can use the `idea_shared_newest` index)."""
        return self.filter(shared_filter(user))

    def awaiting_review(self):
        """Ideas a manager still has to act on."""
        return self.filter(status__in=[Idea.Status.SUBMITTED, Idea.Status.IN_REVIEW])

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
    visibility = models.CharField(
        _("who can see this idea"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PARTNERS,
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
    # Weighted full-text search document, kept current by a PostgreSQL trigger
    # (explore/migrations); always empty on SQLite.
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

    # The workflow (DESIGN.md). Each verb checks the transition, saves with a
    # conditional update (so two clicks cannot both succeed) and records one event.

    def submit(self, *, by):
        return self._move(
            to=self.Status.SUBMITTED, by=by, allowed_from={self.Status.DRAFT}, stamp="submitted_at"
        )

    def withdraw(self, *, by, note=""):
        return self._move(
            to=self.Status.WITHDRAWN,
            by=by,
            note=note,
            allowed_from={self.Status.SUBMITTED, self.Status.IN_REVIEW, self.Status.PARKED},
        )

    def start_review(self, *, by):
        return self._move(to=self.Status.IN_REVIEW, by=by, allowed_from={self.Status.SUBMITTED})

    def accept(self, *, by, feedback):
        return self._decide(to=self.Status.ACCEPTED, by=by, feedback=feedback)

    def decline(self, *, by, feedback):
        return self._decide(to=self.Status.DECLINED, by=by, feedback=feedback)

    def park(self, *, by, feedback):
        return self._decide(to=self.Status.PARKED, by=by, feedback=feedback)

    def return_to_review(self, *, by, note=""):
        return self._move(
            to=self.Status.IN_REVIEW, by=by, note=note, allowed_from={self.Status.PARKED}
        )

    @property
    def is_editable(self):
        return self.status in {self.Status.DRAFT, self.Status.SUBMITTED}

    @property
    def is_decided(self):
        return self.status in {self.Status.ACCEPTED, self.Status.DECLINED, self.Status.PARKED}

    def _decide(self, *, to, by, feedback):
        if not (feedback or "").strip():
            raise TransitionNotAllowed(_("Write feedback to the author before you decide."))
        return self._move(
            to=to,
            by=by,
            note=feedback.strip(),
            allowed_from={self.Status.SUBMITTED, self.Status.IN_REVIEW},
            stamp="decided_at",
        )

    @transaction.atomic
    def _move(self, *, to, by, allowed_from, note="", stamp=None):
        from_status = self.status
        if from_status not in allowed_from:
            raise TransitionNotAllowed(
                _("An idea that is “%(current)s” cannot become “%(target)s”.")
                % {"current": self.get_status_display(), "target": self.Status(to).label}
            )
        now = timezone.now()
        changes = {"status": to, "updated_at": now}
        if stamp:
            changes[stamp] = now
        moved = Idea.objects.filter(pk=self.pk, status=from_status).update(**changes)
        if not moved:
            raise TransitionNotAllowed(
                _("Someone else changed this idea at the same time. Reload the page to see it.")
            )
        for field, value in changes.items():
            setattr(self, field, value)
        return IdeaEvent.objects.create(
            idea=self, actor=by, from_status=from_status, to_status=to, note=note
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
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class IdeaEvent(StatusEvent):
    # PROTECT: an idea with a history cannot be deleted out from under it.
    idea = models.ForeignKey(Idea, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=12, choices=Idea.Status.choices)
    to_status = models.CharField(max_length=12, choices=Idea.Status.choices)

    class Meta(StatusEvent.Meta):
        pass

    @property
    def is_private_feedback(self):
        """Feedback on a declined idea is for the author and the council's managers only."""
        return self.to_status == Idea.Status.DECLINED


class CommentQuerySet(models.QuerySet):
    def on_ideas_visible_to(self, user):
        """Comments on ideas the user may see."""
        return self.filter(idea__in=Idea.objects.visible_to(user))


class Comment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="idea_comments"
    )
    body = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Comment {self.pk} on idea {self.idea_id}"

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    def hide(self, *, by, reason):
        """Hide the comment from everyone; its writer still sees the reason."""
        if not (reason or "").strip():
            raise TransitionNotAllowed(_("Say why you are hiding this comment."))
        self.hidden_at = timezone.now()
        self.hidden_by = by
        self.hidden_reason = reason.strip()
        self.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])


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
