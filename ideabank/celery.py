import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ideabank.settings")

app = Celery("ideabank")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task
def heartbeat():
    """Answer "ok": proves a worker is consuming from the broker."""
    return "ok"
