from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


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

    # Set by accounts.services.close_account; what the person wrote stays, unnamed.
    closed_at = models.DateTimeField(_("account closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

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
