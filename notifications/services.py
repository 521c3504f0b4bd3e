"""Following, and telling people what happened: on their notifications page and by email."""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Delivery, delivery_of
from councils.models import Council, Partnership
from councils.visibility import audience_key
from ideas.models import Idea
from outbox.services import enqueue_email
from pilots.models import Pilot

from .models import Follow, Notification


def followable(target, user):
    """What `user` may follow of `target` ("idea", "pilot", ...): what they may see."""
    if target == "idea":
        return Idea.objects.visible_to(user)
    if target == "pilot":
        return Pilot.objects.visible_to(user)
    if target == "council":
        return Council.objects.all()
    if target == "partnership":
        return Partnership.objects.all()
    raise ValueError(target)


def follow(*, user, target, obj):
    """`user` follows `obj` (once, however often they ask); returns the Follow."""
    return Follow.objects.get_or_create(user=user, **{target: obj})[0]


def unfollow(*, user, target, obj):
    return Follow.objects.filter(user=user, **{target: obj}).delete()[0]


def is_following(user, target, obj):
    return user.is_authenticated and Follow.objects.filter(user=user, **{target: obj}).exists()


def followers_of(**target):
    """Active people who follow the idea, pilot, council or partnership given, in id order."""
    follows = Follow.objects.filter(**target, user__is_active=True).select_related(
        "user__membership"
    )
    return [follow.user for follow in follows.order_by("user_id")]


def followers_of_council(council_id):
    """Active people who follow the council, or a partnership it is in, in id order."""
    follows = Follow.objects.filter(
        Q(council_id=council_id) | Q(partnership__councils=council_id), user__is_active=True
    ).select_related("user__membership")
    return unique_people(follow.user for follow in follows)


def may_see(person, *, idea=None, pilot=None, seen=None):
    """Whether `person` may see what a notification is about (its `visible_to`).

    `seen` remembers, for one pilot, the answer for each audience: a pilot's rule reads
    only the person's council (councils/visibility.py), so a hundred followers at one
    council cost one query, not a hundred. An idea's rule also reads its author (drafts).
    """
    if idea is not None and not Idea.objects.visible_to(person).filter(pk=idea.pk).exists():
        return False
    if pilot is None:
        return True
    seen = {} if seen is None else seen
    audience = audience_key(person)
    if audience not in seen:
        seen[audience] = Pilot.objects.visible_to(person).filter(pk=pilot.pk).exists()
    return seen[audience]


def unique_people(people, *, leave_out=()):
    """Each person once, in id order, without those left out (by id)."""
    chosen = {person.pk: person for person in people if person is not None}
    for pk in leave_out:
        chosen.pop(pk, None)
    return [chosen[pk] for pk in sorted(chosen)]


@transaction.atomic
def notify(people, kind, *, message, key, url, idea=None, pilot=None, email=True):
    """Tell each of `people` who wants `kind`, and may see its idea or pilot, about an event.

    Each gets one notification per `key` however often this runs, and an email through
    the outbox if they chose "page and email" and `email` is true (False where the app
    below already sends this kind's email). Returns the notifications created.
    """
    created = []
    seen = {}
    for person in people:
        delivery = delivery_of(person, kind)
        if not person.is_active or delivery == Delivery.OFF:
            continue
        if not may_see(person, idea=idea, pilot=pilot, seen=seen):
            continue
        notification, new = Notification.objects.get_or_create(
            recipient=person,
            key=key,
            defaults={
                "kind": kind,
                "message": str(message),
                "url": url,
                "idea": idea,
                "pilot": pilot,
            },
        )
        if not new:
            continue
        created.append(notification)
        if email and delivery == Delivery.EMAIL:
            send_email(notification)
    return created


def send_email(notification):
    """The one notification email, queued in the outbox once per event and address."""
    context = {
        "notification": notification,
        "recipient": notification.recipient,
        "subject_title": str(notification.subject or ""),
        "url": settings.SITE_URL + notification.url,
        "notifications_url": settings.SITE_URL + reverse("notifications:list"),
        "preferences_url": settings.SITE_URL + reverse("accounts:profile") + "#notifications",
    }
    enqueue_email("notification", context, to=notification.recipient.email, key=notification.key)


def mark_read(*, user, pks=None):
    """Mark `user`'s unread notifications read (those in `pks`, or all); returns how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pks is not None:
        unread = unread.filter(pk__in=pks)
    return unread.update(read_at=timezone.now())
