from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ideabank.lib.fields import person_field


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


def notification_switch(label):
    """An email the person gets unless they turn it off on their profile."""
    return models.BooleanField(label, default=True)


def page_switch(label):
    """An entry on the person's notifications page unless they turn it off."""
    return models.BooleanField(label, default=True)


class User(AbstractUser):
    """A person who signs in with their email address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)

    # Email notifications, each of which the person can turn off on their profile.
    notify_idea_submitted = notification_switch(_("a new idea is submitted for my review"))
    notify_idea_decided = notification_switch(_("a decision is made on my idea"))
    notify_idea_comment = notification_switch(_("someone comments on my idea"))
    notify_pilot_adopted = notification_switch(_("another council adopts a pilot I lead"))
    notify_pilot_overdue = notification_switch(_("a pilot passes its end date without an outcome"))
    notify_pilot_created = notification_switch(
        _("a pilot card is started from my idea, or for me to lead")
    )
    notify_sign_off_requested = notification_switch(_("a pilot card is waiting for my sign-off"))
    notify_pilot_signed_off = notification_switch(
        _("a pilot from my idea, or that I lead, is signed off")
    )
    notify_pilot_stopped_early = notification_switch(
        _("a pilot from my idea, or that I lead, stops early")
    )
    notify_pilot_closed = notification_switch(
        _("a pilot from my idea, or that I lead, closes with its outcome")
    )
    notify_adopted_outcome = notification_switch(
        _("a pilot my council adopted publishes its outcome")
    )
    notify_mention = notification_switch(_("someone mentions me in a comment"))
    notify_question = notification_switch(
        _("someone asks about a pilot I lead, or answers my question")
    )

    # Whether each kind of notification shows on the notifications page (NOTIFICATION_KINDS).
    page_idea_decided = page_switch(_("decisions on my ideas"))
    page_comment = page_switch(_("comments on my ideas and on what I follow"))
    page_mention = page_switch(_("mentions of me"))
    page_sign_off_requested = page_switch(_("pilot cards waiting for my sign-off"))
    page_outcome = page_switch(_("outcomes of pilots I follow or my council adopted"))
    page_question = page_switch(_("questions about my pilots"))

    # Set by accounts.services.close_account; what the person wrote stays, unnamed.
    closed_at = models.DateTimeField(_("account closed"), null=True, blank=True)
    closed_by = person_field(_("closed by"))

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_closed(self):
        return self.closed_at is not None

    @property
    def display_name(self):
        if self.is_closed:
            return gettext("a former member of staff")
        return self.full_name or self.email.split("@")[0]


# Every email switch on `User`, in the order the profile page shows them; closing an
# account turns them all off. Derived, so a new switch needs no list kept beside it.
NOTIFICATION_FIELDS = [
    field.name for field in User._meta.fields if field.name.startswith("notify_")
]
# Every notifications-page switch on `User`; closing an account turns them off too.
PAGE_FIELDS = [field.name for field in User._meta.fields if field.name.startswith("page_")]


class NotificationKind(models.TextChoices):
    """What a notification is about; each kind is "off", "page only" or "page and email"."""

    DECISION = "decision", _("Decisions on my ideas")
    COMMENT = "comment", _("Comments on my ideas and on what I follow")
    MENTION = "mention", _("When someone mentions me")
    SIGN_OFF = "sign_off", _("Pilot cards waiting for my sign-off (managers)")
    OUTCOME = "outcome", _("Outcomes of pilots I follow or my council adopted")
    QUESTION = "question", _("Questions about my pilots, and answers to my questions")


class Delivery(models.TextChoices):
    OFF = "off", _("Off")
    PAGE = "page", _("Notifications page only")
    EMAIL = "email", _("Notifications page and email")


# Each kind's two switches: its notifications page switch and its email switch. The
# email switches of decisions, comments, sign-off requests and adopted outcomes are the
# ones the ideas, pilots and outcomes apps already read before they email.
NOTIFICATION_KINDS = {
    NotificationKind.DECISION: ("page_idea_decided", "notify_idea_decided"),
    NotificationKind.COMMENT: ("page_comment", "notify_idea_comment"),
    NotificationKind.MENTION: ("page_mention", "notify_mention"),
    NotificationKind.SIGN_OFF: ("page_sign_off_requested", "notify_sign_off_requested"),
    NotificationKind.OUTCOME: ("page_outcome", "notify_adopted_outcome"),
    NotificationKind.QUESTION: ("page_question", "notify_question"),
}


def delivery_of(user, kind):
    """How `user` hears about `kind`: off, on the page only, or on the page and by email."""
    page, email = NOTIFICATION_KINDS[kind]
    if getattr(user, email):
        return Delivery.EMAIL
    return Delivery.PAGE if getattr(user, page) else Delivery.OFF


def set_delivery(user, kind, delivery):
    """Set both of `kind`'s switches on `user` (unsaved) from one choice."""
    page, email = NOTIFICATION_KINDS[kind]
    setattr(user, page, delivery != Delivery.OFF)
    setattr(user, email, delivery == Delivery.EMAIL)
