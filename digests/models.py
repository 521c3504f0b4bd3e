from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ideas.models import Theme


class Frequency(models.TextChoices):
    OFF = "off", _("Never: do not send me digests")
    DAILY = "daily", _("Every morning")
    WEEKLY = "weekly", _("Every Monday morning")


class DigestPreference(models.Model):
    """How often a person wants a digest and what it should cover."""

    class Scope(models.TextChoices):
        PARTNERSHIPS = "partnerships", _("My council and our partner councils")
        ALL = "all", _("All councils I can see")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    frequency = models.CharField(
        _("How often do you want a digest?"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )
    scope = models.CharField(
        _("Which councils should it cover?"),
        max_length=15,
        choices=Scope.choices,
        default=Scope.PARTNERSHIPS,
    )
    themes = models.ManyToManyField(Theme, related_name="+", blank=True)
    include_review_queue = models.BooleanField(_("Ideas waiting for my review"), default=True)
    include_overdue_pilots = models.BooleanField(
        _("Pilots that have passed their end date without an outcome"), default=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("digest setting")
        verbose_name_plural = _("digest settings")

    def __str__(self):
        return f"{self.user}: {self.frequency}"

    @classmethod
    def for_user(cls, user):
        """The person's preferences, created with the defaults the first time they are needed."""
        preference, _created = cls.objects.get_or_create(user=user)
        return preference


def due_for_digest(users, period):
    """Council members whose digest comes at `period`; weekly is the default for members."""
    wanted = Q(digest_preference__frequency=period)
    if period == Frequency.WEEKLY:
        wanted |= Q(digest_preference__isnull=True)
    return users.filter(wanted, is_active=True, membership__isnull=False)


class DigestRun(models.Model):
    """One period's digests; the unique key makes a second trigger do nothing."""

    key = models.CharField(max_length=30, unique=True)
    period = models.CharField(max_length=10, choices=Frequency.choices)
    start = models.DateTimeField()
    end = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("digest run")
        verbose_name_plural = _("digest runs")

    def __str__(self):
        return self.key


class DigestDelivery(models.Model):
    """The outbox row for one person's digest in one run."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    run = models.ForeignKey(DigestRun, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["run", "pk"]
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [
            models.UniqueConstraint(fields=["run", "user"], name="one_digest_per_person_per_run")
        ]
        indexes = [models.Index(fields=["status", "claimed_at"])]

    def __str__(self):
        return f"{self.run} → {self.user_id} ({self.status})"
