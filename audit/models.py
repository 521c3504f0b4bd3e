"""The audit log of security events: one append-only row per event.

Hand-written rather than django-auditlog or django-pghistory: those record
changes to model rows, and most of what is recorded here changes no row of ours
(a sign-in, a failed sign-in, a rejected two-step verification code). One small table and
one function (`audit.services.record`) cover every event, like pretix's
`log_action` (STYLE.md).

The app sits below accounts and imports no app of the project: the council is
kept as an id and its name at the time, the actor as a nullable foreign key and
a label, so rows outlive the people, councils and objects they mention. When a
person's account closes, their name leaves the labels and the row stays.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ideabank.lib.fields import person_field


class AuditEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Platform admins read every event; council admins their own council's."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        # The reverse one-to-one from councils; audit may not import councils.
        membership = getattr(user, "membership", None)
        if membership is not None and membership.is_council_admin:
            return self.filter(council_id=membership.council_id)
        return self.none()


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        MFA_FAILED = "mfa_failed", _("Two-step verification code rejected")
        MFA_ADDED = "mfa_added", _("Two-step verification set up")
        MFA_REMOVED = "mfa_removed", _("Two-step verification turned off")
        ROLE_CHANGED = "role_changed", _("Role changed")
        MEMBER_REMOVED = "member_removed", _("Member removed")
        REQUEST_APPROVED = "request_approved", _("Request to join approved")
        REQUEST_DECLINED = "request_declined", _("Request to join declined")
        DOMAIN_ADDED = "domain_added", _("Email domain added")
        DOMAIN_REMOVED = "domain_removed", _("Email domain removed")
        ACCOUNT_CLOSED = "account_closed", _("Account closed")
        PILOT_SIGNED_OFF = "pilot_signed_off", _("Pilot signed off")
        EVIDENCE_REMOVED = "evidence_removed", _("Evidence file removed")
        SAVINGS_CORRECTED = "savings_corrected", _("Savings figures corrected")
        ADMIN_ADDED = "admin_added", _("Added in the admin site")
        ADMIN_CHANGED = "admin_changed", _("Changed in the admin site")
        ADMIN_DELETED = "admin_deleted", _("Deleted in the admin site")
        EXPORT = "export", _("List downloaded")

    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    kind = models.CharField(_("what happened"), max_length=30, choices=Kind.choices)
    actor = person_field(_("who"))
    actor_label = models.CharField(_("who (at the time)"), max_length=200, blank=True)
    subject = models.CharField(_("to whom or what"), max_length=200, blank=True)
    # The person the subject names, if it names one: their name goes from it when
    # their account closes (audit.services.forget_person).
    subject_person = person_field(_("whom"))
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    council_id = models.BigIntegerField(_("council id"), null=True, blank=True)
    council_name = models.CharField(_("council (at the time)"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["council_id", "-created_at"], name="audit_council_recent"),
            models.Index(fields=["-created_at"], name="audit_recent"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.actor_label or '-'}"
