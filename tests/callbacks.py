"""What a test of on-commit work looks at: the tasks queued, not explore's cache refresh."""

from explore.sections import replace_content_version


def tasks_queued(callbacks):
    """The on-commit callbacks but those every content save adds: explore's list-cache
    refresh, and the notifications app's hand-off of the event to its own task."""
    return [
        callback
        for callback in callbacks
        if callback is not replace_content_version
        and getattr(callback, "__module__", "") != "notifications.receivers"
    ]
