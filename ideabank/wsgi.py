import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ideabank.settings")
application = get_wsgi_application()

# gunicorn runs no system checks: refuse to serve on unsafe production settings
# (ideabank.lib.checks), so a worker fails to boot and gunicorn stops with the reason.
from ideabank.lib.checks import refuse_unsafe_settings  # noqa: E402  (needs settings loaded)

refuse_unsafe_settings()
