"""What a test of on-commit work looks at: the tasks queued, not explore's cache refresh."""

from explore.sections import replace_content_version


def tasks_queued(callbacks):
    """The on-commit callbacks but explore's list-cache refresh, which any content save adds."""
    return [callback for callback in callbacks if callback is not replace_content_version]
