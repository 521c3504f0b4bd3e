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


class User(AbstractUser):
    """A person who signs in with their email address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)

    # Email notifications, each of which the person can turn off on their profile.
    notify_idea_submitted = models.BooleanField(
        _("a new idea is submitted for my review"), default=True
    )
    notify_idea_decided = models.BooleanField(_("a decision is made on my idea"), default=True)
    notify_idea_comment = models.BooleanField(_("someone comments on my idea"), default=True)
    notify_pilot_adopted = models.BooleanField(
        _("another council adopts a pilot I lead"), default=True
    )
    notify_pilot_overdue = models.BooleanField(
        _("a pilot passes its end date without an outcome"), default=True
    )
    notify_pilot_created = models.BooleanField(
        _("a pilot card is started from my idea, or for me to lead"), default=True
    )
    notify_sign_off_requested = models.BooleanField(
        _("a pilot card is waiting for my sign-off"), default=True
    )
    notify_pilot_signed_off = models.BooleanField(
        _("a pilot from my idea, or that I lead, is signed off"), default=True
    )
    notify_pilot_stopped_early = models.BooleanField(
        _("a pilot from my idea, or that I lead, stops early"), default=True
    )
    notify_pilot_closed = models.BooleanField(
        _("a pilot from my idea, or that I lead, closes with its outcome"), default=True
    )
    notify_adopted_outcome = models.BooleanField(
        _("a pilot my council adopted publishes its outcome"), default=True
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
