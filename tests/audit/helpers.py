from django.utils import timezone

from audit.models import AuditEvent


def only_event(**expected):
    """The one row written, with the `expected` field values: a second row for the same
    event is a defect."""
    events = list(AuditEvent.objects.all())
    assert len(events) == 1, [str(event) for event in events]
    event = events[0]
    assert abs(timezone.now() - event.created_at) < timezone.timedelta(minutes=1)
    written = {name: getattr(event, name) for name in expected}
    assert written == expected, f"written {written}, expected {expected}"
    return event
