"""The production settings, with three timings shortened for the rehearsal (test_rehearsal.py).

Beat fires every scheduled job every 2 seconds, so two beats are seen to overlap on
every job within the test; and the outbox hands a killed worker's email to another
after 30 seconds instead of 5 minutes. 30 seconds is safe here only because a send
to the local sink takes milliseconds, even on 2 CPUs shared with the rest of the test
run; at 10 seconds a worker starved of CPU once let its claim lapse and the email went
twice (in production the claim must outlast the send task's 60-second hard limit).

An email whose task the killed worker took unstarted is queued again after 45
seconds instead of 10 minutes. At 30, on a loaded machine the burst's own queue was
still older than that: the sweeper queued what was left of it (some 200 emails) a
second time, and the worker then spent its time skipping emails already sent.
"""

from ideabank.settings import *  # noqa: F403
from ideabank.settings import CELERY_BEAT_SCHEDULE as PRODUCTION_SCHEDULE

OUTBOX_CLAIM_TIMEOUT = 30
OUTBOX_QUEUE_TIMEOUT = 45
CELERY_BEAT_SCHEDULE = {
    name: {**entry, "schedule": 2.0} for name, entry in PRODUCTION_SCHEDULE.items()
}
