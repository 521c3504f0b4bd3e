"""The production settings, with two timings shortened for the rehearsal (test_rehearsal.py).

Beat fires every scheduled job every 2 seconds, so two beats are seen to overlap on
every job within the test; and the outbox hands a killed worker's email to another
after 30 seconds instead of 5 minutes. 30 seconds is safe here only because a send
to the local sink takes milliseconds, even on 2 CPUs shared with the rest of the test
run; at 10 seconds a worker starved of CPU once let its claim lapse and the email went
twice (in production the claim must outlast the send task's 60-second hard limit).
"""

from ideabank.settings import *  # noqa: F403
from ideabank.settings import CELERY_BEAT_SCHEDULE as PRODUCTION_SCHEDULE

OUTBOX_CLAIM_TIMEOUT = 30
OUTBOX_QUEUE_TIMEOUT = 30
CELERY_BEAT_SCHEDULE = {
    name: {**entry, "schedule": 2.0} for name, entry in PRODUCTION_SCHEDULE.items()
}
