"""Closing an account: the retention promise in the privacy notice, kept in one place.

The person's own rows in later apps (their council membership, requests to join,
digest settings) belong to those apps: accounts sends `account_closing` and each
app clears its own tables (councils.signals, digests.signals).
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils import timezone

from audit.services import Kind, council_of, forget_person, record
from outbox.services import forget_addresses

from .models import NOTIFICATION_FIELDS, PAGE_FIELDS, User
from .signals import account_closing

# RFC 2606 reserves .invalid: an address there can never receive email.
CLOSED_EMAIL = "closed-{pk}@closed.invalid"


@transaction.atomic
def close_account(*, person, by):
    """Delete the person's name, email address, job title, sign-in and settings, and end
    their sessions everywhere; what they wrote stays, under a neutral label.

    Raises ValidationError if their council would be left without a council admin or
    a manager. Closing a closed account again does nothing.
    """
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.is_closed:
        return person
    # The number only: the name and address are what closing deletes.
    record(
        Kind.ACCOUNT_CLOSED, actor=by, council=council_of(person), subject=f"account {person.pk}"
    )
    account_closing.send(sender=User, person=person, by=by)
    # Unsent email must not go out; sent copies hold the address and what was said.
    addresses = EmailAddress.objects.filter(user=person)
    emails = [person.email, *addresses.values_list("email", flat=True)]
    forget_addresses(addresses=emails)
    names = [person.full_name, *emails]

    addresses.delete()
    Authenticator.objects.filter(user=person).delete()
    person.groups.clear()
    person.user_permissions.clear()
    person.email = CLOSED_EMAIL.format(pk=person.pk)
    person.full_name = ""
    person.job_title = ""
    person.set_unusable_password()
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    for name in [*NOTIFICATION_FIELDS, *PAGE_FIELDS]:
        setattr(person, name, False)
    person.closed_at = timezone.now()
    person.closed_by = by
    person.save(
        update_fields=[
            "email",
            "full_name",
            "job_title",
            "password",
            "is_active",
            "is_staff",
            "is_superuser",
            *NOTIFICATION_FIELDS,
            *PAGE_FIELDS,
            "closed_at",
            "closed_by",
        ]
    )
    # The audit log keeps its rows, under the label a closed account has everywhere.
    forget_person(person=person, names=names)
    # Their sessions need not be found (a scan of every session's data): each stops
    # working at once, as the person is inactive and the session holds a hash of the
    # old password; `accounts.tasks.clear_expired_sessions` deletes them once expired.
    return person
