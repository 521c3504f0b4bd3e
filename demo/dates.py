"""The demo's dates. The models' own methods stamp every record with the moment
load_demo runs; these put each story on days that happened in order, a few records in
the periods the next digests cover, and what followed (notifications, "last changed")
on the days of what it follows."""

import datetime

from django.apps import apps
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from digests.services import period_bounds
from ideas.models import Idea, IdeaEvent
from notifications.models import Notification
from outcomes.models import Outcome
from pilots.models import Pilot, PilotEvent, PilotSignOff, PilotUpdate

WEEKLY_NEWS = ["Chatbot for missed bin reports", "Night-time noise patrol pilot"]
DAILY_NEWS = ["Missed bin web form with callback", "Shared fleet booking"]


def date_for_digests(now):
    """Move a few outcomes and pilot starts into the periods the next digests cover."""
    for period, titles in [("weekly", WEEKLY_NEWS), ("daily", DAILY_NEWS)]:
        _key, start, _end = period_bounds(period, now)
        moment = start + datetime.timedelta(hours=10)
        Outcome.objects.filter(pilot__title__in=titles).update(published_at=moment)
        # A closed pilot keeps its real start: moved here, it would start after it closed.
        Pilot.objects.filter(
            title__in=titles, started_at__isnull=False, closed_at__isnull=True
        ).update(started_at=moment)
        # Nor does a pilot close after its outcome is published (a pilot closed today).
        for pilot in Pilot.objects.filter(title__in=titles, closed_at__gt=moment):
            Pilot.objects.filter(pk=pilot.pk).update(closed_at=moment)
            pilot.events.filter(to_status=pilot.status).update(created_at=moment)
            IdeaEvent.objects.filter(idea=pilot.idea_id, to_status=Idea.Status.PILOTED).update(
                created_at=moment
            )


def date_stories(since):
    """Put each story whose pilot has started on days that happened in order.

    The models' own methods stamp every record with the moment load_demo runs, so a
    pilot that ran in the autumn read "signed off today", and an idea "submitted today"
    had an outcome published months ago. Its idea now goes weeks before the pilot's
    start, the sign-off on the start date, and the close on the end date (or today).
    Only what the methods stamped (at or after `since`) moves: a date a story chose, as
    the benefits story's published_at that its check-ins follow, stays. Nothing is
    moved past now. update() runs no signals or save logic.
    """
    now, today, day = timezone.now(), timezone.localdate(), datetime.timedelta(days=1)
    for pilot in Pilot.objects.filter(start_date__lt=today):
        start = at_ten(pilot.start_date, now)
        close = at_ten(min(pilot.end_date, today), now)
        if pilot.idea_id:
            Idea.objects.filter(pk=pilot.idea_id).update(
                created_at=start - 42 * day,
                submitted_at=start - 35 * day,
                decided_at=start - 14 * day,
            )
            moments = {
                Idea.Status.SUBMITTED: start - 35 * day,
                Idea.Status.IN_REVIEW: start - 21 * day,
                Idea.Status.ACCEPTED: start - 14 * day,
                Idea.Status.PILOTING: start,
                Idea.Status.PILOTED: close,
            }
            move_events(IdeaEvent.objects.filter(idea=pilot.idea_id), since, moments)
        Pilot.objects.filter(pk=pilot.pk).update(
            created_at=start - 10 * day,
            # Only the stamps its story set: None stays None.
            sign_off_requested_at=pilot.sign_off_requested_at and start - 3 * day,
            started_at=pilot.started_at and start,
            closed_at=pilot.closed_at and close,
        )
        moments = {
            Pilot.Status.PLANNED: start - 3 * day,  # asked for sign-off
            Pilot.Status.DISCARDED: start - day,
            Pilot.Status.RUNNING: start,
            Pilot.Status.COMPLETED: close,
            Pilot.Status.STOPPED_EARLY: close,
        }
        move_events(PilotEvent.objects.filter(pilot=pilot), since, moments)
        PilotSignOff.objects.filter(pilot=pilot).update(signed_at=start)
        Outcome.objects.filter(pilot=pilot, published_at__gte=since).update(published_at=close)


def move_events(events, since, moments):
    """Each event that moved to a status in `moments` happened at that moment."""
    for status, moment in moments.items():
        events.filter(to_status=status, created_at__gte=since).update(created_at=moment)


def at_ten(day, now):
    """10:00 local time on `day`, or now if that is still to come."""
    return min(timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))), now)


# The field that says when each kind of record a notification is about happened.
WHEN = ("published_at", "sign_off_requested_at", "created_at")


def date_what_followed():
    """Notifications on the day of what they tell of, and each idea's and pilot's "last
    changed" on the day of its last event, so that nothing reads "today" that a story
    placed months ago. A notification's key names its record ("outcome:outcomes.outcome:7")."""
    for notification in Notification.objects.only("key"):
        _kind, label, pk = notification.key.split(":")[:3]
        record = apps.get_model(label).objects.filter(pk=pk).first()
        when = record and next(
            (getattr(record, name) for name in WHEN if getattr(record, name, None)), None
        )
        if when:
            Notification.objects.filter(pk=notification.pk).update(created_at=when)
    Idea.objects.update(updated_at=last_of(IdeaEvent.objects.filter(idea=OuterRef("pk"))))
    Pilot.objects.update(
        updated_at=Greatest(
            last_of(PilotEvent.objects.filter(pilot=OuterRef("pk"))),
            last_of(PilotUpdate.objects.filter(pilot=OuterRef("pk"))),
        )
    )


def last_of(records):
    """When the last of `records` was made, or, if there are none, when the row was."""
    latest = records.order_by("-created_at").values("created_at")[:1]
    return Coalesce(Subquery(latest), "created_at")
