from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import Council, Visibility
from councils.visibility import visibility_filter
from ideas.models import Idea, StatusEvent, Theme, TransitionNotAllowed

# The fields of the experiment card that sign-off locks and records.
CARD_FIELDS = [
    "title",
    "summary",
    "hypothesis",
    "success_measure",
    "baseline",
    "amplify_signals",
    "stop_criteria",
    "start_date",
    "end_date",
    "budget_cap",
    "max_exposure",
    "rollback_plan",
    "lead",
    "team",
    "visibility",
    "themes",
]
# The limits a manager gives "permission to fail" within.
SIGNED_LIMITS = [
    "start_date",
    "end_date",
    "budget_cap",
    "max_exposure",
    "stop_criteria",
    "rollback_plan",
]


class PilotQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Pilots the user may see (DESIGN.md visibility rule)."""
        return self.filter(visibility_filter(user))

    def awaiting_outcome(self, today):
        """Running pilots past their end date: their outcome is due."""
        return self.filter(status=Pilot.Status.RUNNING, end_date__lt=today)


class Pilot(models.Model):
    """The experiment card: a small, time-boxed test run inside signed-off limits."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        STOPPED_EARLY = "stopped_early", _("Stopped early")

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
    success_measure = models.TextField(_("how you will measure success"), max_length=2000)
    baseline = models.TextField(_("the baseline today"), max_length=2000)
    amplify_signals = models.TextField(
        _("signs that it is working and should grow"), max_length=2000, blank=True
    )
    stop_criteria = models.TextField(_("when you will stop"), max_length=2000)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    budget_cap = models.DecimalField(
        _("most it may spend (£)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    max_exposure = models.TextField(_("who or what it may affect, at most"), max_length=2000)
    rollback_plan = models.TextField(_("how you will undo it"), max_length=2000)
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)
    # Weighted full-text search document (with the outcome's learning), kept
    # current by PostgreSQL triggers (explore/migrations); always empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PilotQuerySet.as_manager()

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

    @property
    def is_card_locked(self):
        """After sign-off the card never changes; progress goes into updates."""
        return self.status != self.Status.PLANNED

    @property
    def is_closed(self):
        return self.status in {self.Status.COMPLETED, self.Status.STOPPED_EARLY}

    def signed_limits(self):
        return {
            field: str(getattr(self, field)) if getattr(self, field) is not None else ""
            for field in SIGNED_LIMITS
        }

    @transaction.atomic
    def sign_off(self, *, by):
        """A manager gives permission to fail within the card's limits; the pilot starts."""
        event = self._move(to=self.Status.RUNNING, by=by, allowed_from={self.Status.PLANNED})
        PilotSignOff.objects.create(pilot=self, signed_by=by, limits=self.signed_limits())
        return event

    def complete(self, *, by):
        self._require_outcome()
        return self._move(to=self.Status.COMPLETED, by=by, allowed_from={self.Status.RUNNING})

    @transaction.atomic
    def stop_early(self, *, by, reason):
        if not (reason or "").strip():
            raise TransitionNotAllowed(_("Say why the pilot stopped early."))
        self._require_outcome()
        self.stop_reason = reason.strip()
        self.save(update_fields=["stop_reason"])
        return self._move(
            to=self.Status.STOPPED_EARLY, by=by, note=reason, allowed_from={self.Status.RUNNING}
        )

    def _require_outcome(self):
        # The outcome is written in the same transaction, just before closing.
        if not hasattr(self, "outcome"):
            raise TransitionNotAllowed(_("A pilot cannot be closed without its outcome."))

    @transaction.atomic
    def _move(self, *, to, by, allowed_from, note=""):
        from_status = self.status
        if from_status not in allowed_from:
            raise TransitionNotAllowed(
                _("A pilot that is “%(current)s” cannot become “%(target)s”.")
                % {"current": self.get_status_display(), "target": self.Status(to).label}
            )
        now = timezone.now()
        changes = {"status": to, "updated_at": now}
        changes["started_at" if to == self.Status.RUNNING else "closed_at"] = now
        if not Pilot.objects.filter(pk=self.pk, status=from_status).update(**changes):
            raise TransitionNotAllowed(
                _("Someone else changed this pilot at the same time. Reload the page to see it.")
            )
        for field, value in changes.items():
            setattr(self, field, value)
        return PilotEvent.objects.create(
            pilot=self, actor=by, from_status=from_status, to_status=to, note=note
        )

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

    class Meta(StatusEvent.Meta):
        pass
