from importlib import import_module

from celery import shared_task
from django.conf import settings


@shared_task
def clear_expired_sessions():
    """Delete expired sessions, as `manage.py clearsessions` does; nothing else removes them."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return "cleared"
