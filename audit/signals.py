"""Security events other apps announce with signals: allauth's sign-in and MFA
signals, Django's failed sign-in, a pilot's sign-off (pilots may not be imported
here, so its model is named by label) and every add, change and deletion made in
the admin site (ideabank.lib.admin)."""

from allauth.account.signals import user_logged_in
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from ideabank.lib import admin

from .services import Kind, council_of, person_named_by, record

# Recovery codes come and go with the TOTP authenticator (allauth adds and
# removes them in the same step): one row for the step, not two.
PAIRED_TYPES = {"recovery_codes"}
# The names the account pages use; allauth's own name for TOTP is "TOTP Authenticator".
AUTHENTICATOR_NAMES = {"totp": _("Authenticator app")}


def on_signed_in(sender, request, user, **kwargs):
    record(Kind.SIGNED_IN, actor=user, council=council_of(user), request=request)


def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django passes the credentials with the password masked. The address typed is
    # not kept: only the account it names, if there is one.
    typed = credentials.get("email") or credentials.get("username") or ""
    person = (
        get_user_model()._default_manager.filter(email__iexact=typed).first() if typed else None
    )
    record(
        Kind.SIGN_IN_FAILED,
        actor=person,
        council=council_of(person),
        detail="" if person else "no such account",
        request=request,
    )


def on_mfa_failed(sender, request, user, **kwargs):
    record(Kind.MFA_FAILED, actor=user, council=council_of(user), request=request)


def on_authenticator(kind):
    def receiver(sender, request, user, authenticator, **kwargs):
        if authenticator.type in PAIRED_TYPES:
            return
        record(
            kind,
            actor=user,
            council=council_of(user),
            subject=str(
                AUTHENTICATOR_NAMES.get(authenticator.type, authenticator.get_type_display())
            ),
            request=request,
        )

    return receiver


def on_pilot_signed_off(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    pilot = instance.pilot
    record(
        Kind.PILOT_SIGNED_OFF,
        actor=instance.signed_by,
        council=pilot.council,
        subject=pilot.title,
    )


ADMIN_KINDS = {
    admin.ADDED: Kind.ADMIN_ADDED,
    admin.CHANGED: Kind.ADMIN_CHANGED,
    admin.DELETED: Kind.ADMIN_DELETED,
}
# Objects that belong to a council through these, in this order (a comment through
# its idea, an outcome through its pilot); councils may not be imported here.
OWNERS = ("council", "pilot", "idea")


def council_of_object(obj):
    """The council `obj` is, or belongs to directly, through its owner or its person; or None."""
    if obj._meta.label == "councils.Council":
        return obj
    for name in OWNERS:
        owner = getattr(obj, name, None)
        if owner is not None:
            return council_of_object(owner)
    return council_of(person_named_by(obj))


def on_changed_in_admin(sender, request, obj, action, message, **kwargs):
    what = f"{obj._meta.verbose_name} {obj.pk}"
    record(
        ADMIN_KINDS[action],
        request=request,
        council=council_of_object(obj),
        subject=obj,
        detail=f"{what}: {message}" if message else what,
    )


def connect():
    user_logged_in.connect(on_signed_in, dispatch_uid="audit-signed-in")
    user_login_failed.connect(on_sign_in_failed, dispatch_uid="audit-sign-in-failed")
    mfa_signals.authentication_failed.connect(on_mfa_failed, dispatch_uid="audit-mfa-failed")
    mfa_signals.authenticator_added.connect(
        on_authenticator(Kind.MFA_ADDED), dispatch_uid="audit-mfa-added", weak=False
    )
    mfa_signals.authenticator_removed.connect(
        on_authenticator(Kind.MFA_REMOVED), dispatch_uid="audit-mfa-removed", weak=False
    )
    post_save.connect(
        on_pilot_signed_off, sender="pilots.PilotSignOff", dispatch_uid="audit-pilot-signed-off"
    )
    admin.changed_in_admin.connect(on_changed_in_admin, dispatch_uid="audit-changed-in-admin")
