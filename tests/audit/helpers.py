from django.utils import timezone

from audit.models import AuditEvent


def only_event():
    """The one row written: a second row for the same event is a defect."""
    events = list(AuditEvent.objects.all())
    assert len(events) == 1, [str(event) for event in events]
    event = events[0]
    assert abs(timezone.now() - event.created_at) < timezone.timedelta(minutes=1)
    return event
