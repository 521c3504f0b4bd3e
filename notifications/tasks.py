"""Notifications are worked out off the request, on the notifications queue."""

from celery import shared_task
from django.apps import apps
from django.contrib.auth import get_user_model

from . import events

HANDLERS = {
    "idea_decided": events.idea_decided,
    "idea_commented": events.idea_commented,
    "pilot_commented": events.pilot_commented,
    "people_mentioned": events.people_mentioned,
    "sign_off_requested": events.sign_off_requested,
    "outcome_published": events.outcome_published,
    "question_asked": events.question_asked,
    "question_answered": events.question_answered,
}


@shared_task
def tell(handler, model_label, pk, people=None):
    """Load the object an event is about and tell whoever should hear of it; return how many."""
    obj = apps.get_model(model_label).objects.filter(pk=pk).first()
    if obj is None:
        return 0
    extra = {}
    if people is not None:
        extra["people"] = list(get_user_model().objects.filter(pk__in=people))
    return len(HANDLERS[handler](obj, **extra))
