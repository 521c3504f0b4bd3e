"""Celery tasks of the explore app."""

from celery import shared_task

from . import open_data


@shared_task(
    acks_late=True, reject_on_worker_lost=True, soft_time_limit=25 * 60, time_limit=28 * 60
)
def write_open_data_file():
    """Beat, every night: the bulk file of public outcomes, written again."""
    return {"outcomes": open_data.write_outcomes_file()}
