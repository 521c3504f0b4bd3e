"""Settings for the digest benchmarks: the project's, plus knobs the scripts set by env."""

import os

from kombu import Exchange, Queue

from ideabank.settings import *  # noqa: F403

# The fault run sets these low so the sweeper re-queues a killed worker's rows quickly.
DIGEST_CLAIM_TIMEOUT = int(os.environ.get("DIGEST_CLAIM_TIMEOUT", "60"))
DIGEST_QUEUE_TIMEOUT = int(os.environ.get("DIGEST_QUEUE_TIMEOUT", "900"))
DIGEST_BATCH_SIZE = int(os.environ.get("DIGEST_BATCH_SIZE", "100"))
# A queue of its own, so a benchmark never takes (or leaves) another run's tasks.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("DIGEST_BENCH_QUEUE", "celery")
CELERY_TASK_QUEUES = [
    Queue(
        CELERY_TASK_DEFAULT_QUEUE,
        Exchange(CELERY_TASK_DEFAULT_QUEUE),
        routing_key=CELERY_TASK_DEFAULT_QUEUE,
    )
]
CELERY_TASK_ROUTES = {}
