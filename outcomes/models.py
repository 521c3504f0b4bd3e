from calendar import monthrange

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import Council, Visibility
from councils.visibility import VisibleOnceManager, own_council_filter
from ideabank.lib.choices import choice_label
from ideabank.lib.fields import money_field, person_field
from ideas.models import Theme, Verdict
from pilots.models import CommentWithMentions, Pilot, pilot_filter

from .measure import StructuredMeasure


class OutcomeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An outcome is seen by whoever can see its pilot."""
        return self.filter(pilot_filter(user, prefix="pilot__"))

    def newest_first(self):
        """Newest published first, with the pilot and council each row names."""
        return self.select_related("pilot__council").order_by("-published_at", "-pk")


class Outcome(StructuredMeasure):
    """The safe-to-fail record of what a pilot found, whatever the result."""

    Verdict = Verdict

    class Recommendation(models.TextChoices):
        YES = "yes", _("Yes")
        WITH_CHANGES = "with_changes", _("Yes, with changes")
        NO = "no", _("No")

    class EvidenceLevel(models.IntegerChoices):
        # Nesta Standards of Evidence.
        LEVEL_1 = 1, _("Level 1: we can describe what we did and why it matters")
        LEVEL_2 = 2, _("Level 2: we captured data that shows change")
        LEVEL_3 = 3, _("Level 3: we can show we caused the change, using a comparison group")
        LEVEL_4 = 4, _("Level 4: an independent evaluation confirms the impact")
        LEVEL_5 = 5, _("Level 5: it has been repeated elsewhere with the same results")

    pilot = models.OneToOneField(Pilot, on_delete=models.PROTECT, related_name="outcome")
    verdict = models.CharField(_("what happened"), max_length=15, choices=Verdict.choices)
    expected_result = models.TextField(_("what you expected"), max_length=3000)
    measured_result = models.TextField(_("what you measured"), max_length=3000)
    learned = models.TextField(_("what you learned"), max_length=5000)
    do_differently = models.TextField(_("what you would do differently"), max_length=5000)
    recommend = models.CharField(
        _("would you recommend another council tries it?"),
        max_length=15,
        choices=Recommendation.choices,
    )
    evidence_level = models.PositiveSmallIntegerField(
        _("evidence level"),
        choices=EvidenceLevel.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    actual_cost = money_field(_("actual cost (£)"))
    yearly_saving = money_field(_("estimated saving a year (£)"), null=True, blank=True)
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    # --- benefits: the projected saving split, and its basis (issue 17) -----------------
    cashable_saving = money_field(_("cashable saving a year (£)"), null=True, blank=True)
    cost_avoided = money_field(_("cost avoided a year (£)"), null=True, blank=True)
    saving_basis = models.TextField(
        _("how the saving was worked out"), max_length=2000, blank=True
    )
    # --- end benefits ------------------------------------------------------------------
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    objects = VisibleOnceManager.from_queryset(OutcomeQuerySet)()

    class Meta:
        ordering = ["-published_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(evidence_level__gte=1, evidence_level__lte=5),
                name="evidence_level_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_cost__gte=0), name="outcome_cost_not_negative"
            ),
            # The split, when given, adds up to the projected saving.
            models.CheckConstraint(
                condition=models.Q(cashable_saving__isnull=True, cost_avoided__isnull=True)
                | models.Q(
                    cashable_saving__isnull=False,
                    cost_avoided__isnull=False,
                    yearly_saving=models.F("cashable_saving") + models.F("cost_avoided"),
                ),
                name="outcome_saving_split_adds_up",
            ),
        ]
        indexes = [models.Index(fields=["-published_at"]), models.Index(fields=["verdict"])]

    def __str__(self):
        return f"Outcome of {self.pilot}"

    def get_absolute_url(self):
        return reverse("outcomes:detail", kwargs={"pilot_pk": self.pilot_id})

    @property
    def verdict_label(self):
        """What happened, in words: the verdict tag on every list and page."""
        return choice_label(Verdict, self.verdict)

    @property
    def asks_for_benefits(self):
        """Recommended to carry on (or an adoption's outcome): its lead reports what it saved."""
        recommended = self.recommend in {self.Recommendation.YES, self.Recommendation.WITH_CHANGES}
        return recommended or self.pilot.adapted_from_id is not None


def months_after(day, months):
    """The same day `months` later, or the month's last day if it has fewer days."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


class BenefitCheckInQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A check-in is seen by whoever can see its outcome's pilot."""
        return self.filter(pilot_filter(user, prefix="outcome__pilot__"))

    def due(self, today):
        """Not answered yet, and due by `today` (`BenefitCheckIn.is_due`, for many rows)."""
        return self.unanswered().filter(due_on__lte=today)

    def unanswered(self):
        return self.filter(answered_at__isnull=True)

    def awaiting_reminder(self, today):
        """Due, and its lead has not been asked yet."""
        return self.due(today).filter(reminded_at__isnull=True)

    def answered(self):
        return self.filter(answered_at__isnull=False)

    def to_record_by(self, membership):
        """Check-ins this member may record (`can_record_benefits`): their council's pilots
        they lead, or all of them for a manager."""
        rows = self.filter(outcome__pilot__council_id=membership.council_id)
        if membership.is_manager:
            return rows
        return rows.filter(outcome__pilot__lead_id=membership.user_id)


class BenefitCheckIn(models.Model):
    """What a pilot's change has actually saved, asked of its lead 6 and 12 months on.

    One row per check-in, kept once answered: together they are the history.
    """

    AFTER_MONTHS = (6, 12)

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="check_ins")
    months = models.PositiveSmallIntegerField(_("months after the outcome"))
    due_on = models.DateField(_("due on"))
    reminded_at = models.DateTimeField(null=True, blank=True)
    realised_cashable = money_field(_("cashable saving so far (£)"), null=True, blank=True)
    realised_cost_avoided = money_field(_("cost avoided so far (£)"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=3000, blank=True)
    answered_by = person_field()
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = BenefitCheckInQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("benefit check-in")
        constraints = [
            models.UniqueConstraint(fields=["outcome", "months"], name="one_check_in_per_month"),
        ]
        indexes = [
            models.Index(
                fields=["due_on"],
                condition=models.Q(answered_at__isnull=True),
                name="check_in_unanswered_by_due",
            )
        ]

    def __str__(self):
        return f"{self.months}-month check-in on {self.outcome}"

    @property
    def realised_total(self):
        if self.answered_at is None:
            return None
        return (self.realised_cashable or 0) + (self.realised_cost_avoided or 0)

    def is_due(self, today):
        """Whether it may be answered yet: from its due date on, never before."""
        return self.due_on <= today

    def mark_reminded(self, now):
        """Claim the one reminder; False if it was sent already or the check-in is answered."""
        claimed = BenefitCheckIn.objects.filter(
            pk=self.pk, reminded_at__isnull=True, answered_at__isnull=True
        ).update(reminded_at=now)
        return bool(claimed)


class OutcomeComment(CommentWithMentions):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="comments")

    def __str__(self):
        return f"Comment {self.pk} on the outcome of pilot {self.outcome_id}"


class ExperimentCountQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The cells of the pilots `user` may see, except adoptions of other councils.

        The rule is `pilot_filter` itself, read from the cells' columns: with no
        lineage to follow (`depth=0`), an adoption passes only in the person's own
        council. Whether anyone else sees one depends on its source, which a cell
        cannot know: count those with `adoptions_counted_live`.
        """
        return self.filter(pilot_filter(user, depth=0), count__gt=0)


def adoptions_counted_live(pilots, user):
    """The pilots of `pilots` that `ExperimentCount.objects.visible_to(user)` leaves out."""
    return pilots.filter(adapted_from__isnull=False).exclude(own_council_filter(user))


class ExperimentCount(models.Model):
    """How many pilots share a council, audience, status, lineage and outcome (and theme).

    Kept exact by PostgreSQL triggers on pilots, their themes and outcomes
    (this app's migration, COUNTS), so the experiments page's facet counts
    sum cells instead of counting every visible pilot. A cell without a theme
    counts every pilot; one with a theme counts that theme's pilots. Empty on
    SQLite, where the page counts the pilots themselves.
    """

    council = models.ForeignKey(
        Council, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    visibility = models.CharField(max_length=10, choices=Visibility.choices)
    status = models.CharField(max_length=15, choices=Pilot.Status.choices)
    # NULL for an original, True for an adoption, so that `pilot_filter`'s
    # `adapted_from__isnull` reads the cells as it reads the pilots.
    adapted_from = models.BooleanField(null=True)
    verdict = models.CharField(max_length=15, choices=Verdict.choices, null=True)
    evidence_level = models.PositiveSmallIntegerField(null=True)
    theme = models.ForeignKey(
        Theme, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    count = models.IntegerField(default=0)

    objects = ExperimentCountQuerySet.as_manager()

    # Its unique key (every column but the count, NULLs not distinct) is made on
    # PostgreSQL by the migration: SQLite cannot express it, and has no triggers.

    def __str__(self):
        return f"{self.count} pilots"
