from .celery import app as celery_app
from .lib import checks  # noqa: F401  (registers the site's system checks)

__all__ = ("celery_app",)
