from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import NotificationKind
from councils.models import Council, Partnership
from ideas.models import Idea
from pilots.models import Pilot

# What a person may follow, each a foreign key on Follow of the same name.
TARGETS = ("idea", "pilot", "council", "partnership")


def one_target_only():
    """Exactly one of Follow's targets is set."""
    checks = [Q(**{f"{name}__isnull": name != chosen for name in TARGETS}) for chosen in TARGETS]
    q = checks[0]
    for check in checks[1:]:
        q |= check
    return q


class Follow(models.Model):
    """A person follows an idea, a pilot, a council or a partnership."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=one_target_only(), name="follow_one_target"),
            *[
                models.UniqueConstraint(
                    fields=["user", name],
                    condition=Q(**{f"{name}__isnull": False}),
                    name=f"follow_{name}_once",
                )
                for name in TARGETS
            ],
        ]

    def __str__(self):
        return f"{self.user} follows {self.target}"

    @property
    def target(self):
        return next(getattr(self, name) for name in TARGETS if getattr(self, f"{name}_id"))


def readable_by(user):
    """Whether `user` may still see what a notification is about (the one visibility rule)."""
    # Correlated: each of the person's few rows looks its idea and pilot up by id.
    visible_idea = Exists(Idea.objects.visible_to(user).filter(pk=OuterRef("idea_id")))
    visible_pilot = Exists(Pilot.objects.visible_to(user).filter(pk=OuterRef("pilot_id")))
    return (Q(idea__isnull=True) | visible_idea) & (Q(pilot__isnull=True) | visible_pilot)


class NotificationQuerySet(models.QuerySet):
    def for_reader(self, user):
        """`user`'s notifications about what they may still see (the one visibility rule)."""
        return self.filter(recipient=user).filter(readable_by(user))

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One entry on a person's notifications page.

    The message names no one and quotes nothing: the idea's or pilot's title is read live,
    so a title a manager redacted, or an item the reader may no longer see, never shows.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    message = models.CharField(max_length=200)
    url = models.CharField(max_length=500)
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The event it tells of, e.g. "comment:ideas.comment:12": one notification per event.
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once")
        ]
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_list"),
        ]

    def __str__(self):
        return self.message

    @property
    def subject(self):
        """The idea or pilot it is about."""
        return self.pilot if self.pilot_id else self.idea

    @property
    def is_unread(self):
        return self.read_at is None
