import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outcomes.models import Outcome
from pilots.models import Pilot, pilot_filter


def stored_name(instance, filename):
    """A random name in storage: the uploaded name is never part of a path."""
    return f"evidence/{uuid.uuid4().hex}"


class EvidenceFileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A file is seen by whoever can see its pilot (and so its outcome)."""
        return self.filter(pilot_filter(user, prefix="pilot__"))

    def listed(self):
        """Files a page lists: all but those removed because a virus was found."""
        return self.exclude(scan_status=EvidenceFile.ScanStatus.INFECTED)

    def downloadable(self):
        """Files that may be downloaded: checked, or stored where no scanner is set up."""
        return self.filter(scan_status__in=EvidenceFile.DOWNLOADABLE)


class EvidenceFile(models.Model):
    """A report, business case or picture attached to a pilot or to its outcome."""

    class ScanStatus(models.TextChoices):
        CLEAN = "clean", _("Checked for viruses")
        NOT_SCANNED = "not_scanned", _("Not checked for viruses")
        AWAITING_SCAN = "awaiting_scan", _("Waiting for a virus check")
        INFECTED = "infected", _("Removed: a virus was found")

    DOWNLOADABLE = frozenset({ScanStatus.CLEAN, ScanStatus.NOT_SCANNED})

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="evidence_files")
    # Set for a file attached to the outcome (always the outcome of `pilot`).
    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence_files"
    )
    file = models.FileField(upload_to=stored_name, max_length=200)
    name = models.CharField(_("file name"), max_length=150)
    extension = models.CharField(max_length=5)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    scan_status = models.CharField(max_length=15, choices=ScanStatus.choices)
    scanned_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = EvidenceFileQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["pilot", "outcome", "uploaded_at"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("evidence:download", kwargs={"pk": self.pk})

    @property
    def is_downloadable(self):
        return self.scan_status in self.DOWNLOADABLE
