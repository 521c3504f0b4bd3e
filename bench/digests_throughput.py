"""Throughput: a whole digest run rendered and handed to a local SMTP sink.

    .venv/bin/python bench/digests_throughput.py                    # 100,000 recipients
    .venv/bin/python bench/digests_throughput.py --recipients 20000 --concurrency 4

Seeds its own PostgreSQL database, starts an aiosmtpd sink and a real
`celery -A ideabank worker`, measures the queries one batch makes at two batch
sizes, then triggers the weekly run and times it to the last message the sink
accepts, sampling the worker's memory (RSS) as it goes.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import digests_setup as bench


def queries_per_batch(sizes):
    """Statements one `send_digest_batch` makes for each batch size, over real SMTP."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from digests.models import DigestDelivery, DigestRun
    from digests.tasks import send_digest_batch

    users = get_user_model().objects.filter(membership__isnull=False).order_by("pk")
    figures = {}
    for size in sizes:
        now = timezone.now()
        run = DigestRun.objects.create(
            key=f"bench:queries:{size}", period="weekly", start=now, end=now
        )
        # One council's members: the same audiences in every batch, whatever its size.
        members = users.filter(membership__council__code="B001")[:size]
        DigestDelivery.objects.bulk_create([DigestDelivery(run=run, user=u) for u in members])
        ids = list(run.deliveries.order_by("pk").values_list("pk", flat=True))
        with CaptureQueriesContext(connection) as captured:
            summary = send_digest_batch(run.pk, ids[0], ids[-1])
        statements = [q["sql"].lstrip() for q in captured.captured_queries]
        reads = [sql for sql in statements if sql.startswith("SELECT")]
        writes = [sql for sql in statements if sql.startswith(("UPDATE", "INSERT", "DELETE"))]
        figures[size] = {
            "sent": summary["sent"],
            "reads": len(reads),
            "writes": len(writes),
            "transaction_statements": len(statements) - len(reads) - len(writes),
        }
        run.delete()
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--batch-sizes", default="50,200", help="for the query count")
    parser.add_argument("--timeout", type=int, default=1800)
    bench.add_common_arguments(parser, queue="digests-throughput")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="digests-throughput-"))
    sink = bench.Sink(workdir / "sink.tsv")
    env = bench.service_env(args, smtp_port=sink.port)
    bench.ensure_database(args.database_url)
    bench.setup_django(env)

    from digests.models import DigestDelivery

    started = time.monotonic()
    bench.reset_and_seed(args.recipients)
    bench.clear_queue(args.redis_url, args.queue)
    seeded_s = time.monotonic() - started
    print(f"seeded {args.recipients} recipients in {seeded_s:.1f}s", flush=True)
    queries = queries_per_batch([int(size) for size in args.batch_sizes.split(",")])
    print(f"queries per batch: {queries}", flush=True)
    sink.log_path.write_text("")

    worker = bench.Worker(
        env, queue=args.queue, concurrency=args.concurrency, log_path=workdir / "worker.log"
    )
    samples = []
    try:
        worker.start()
        time.sleep(5)  # let the worker boot, so its start-up is not counted as sending
        started = time.monotonic()
        first_line = bench.trigger(env).splitlines()[0]
        queued_s = time.monotonic() - started
        print(f"{first_line} (planned and queued in {queued_s:.1f}s)", flush=True)
        total = DigestDelivery.objects.count()
        while (sent := sink.count()) < total:
            if time.monotonic() - started > args.timeout:
                raise TimeoutError(f"{sent}/{total} sent after {args.timeout}s")
            samples.append((round(time.monotonic() - started, 1), sent, worker.rss_mib()))
            if len(samples) % 30 == 0:
                at, _sent, rss = samples[-1]
                print(f"  {at:.0f}s: {sent}/{total} sent, worker RSS {rss} MiB", flush=True)
            time.sleep(2)
        elapsed = time.monotonic() - started
        samples.append((round(elapsed, 1), sink.count(), worker.rss_mib()))
        # CPU per digest does not depend on what else the machine is running.
        worker_cpu_s = worker.cpu_seconds()
        sink_cpu_s = bench.cpu_seconds(sink.process.pid)
        load_average = os.getloadavg()
    finally:
        worker.stop()
        sink.stop()
        bench.clear_queue(args.redis_url, args.queue)

    sending_s = elapsed - queued_s
    children = [max(sizes[1:]) for _t, _sent, sizes in samples if len(sizes) > 1]
    quarter = max(len(children) // 4, 1)
    figures = {
        "recipients": total,
        "worker_concurrency": args.concurrency,
        "seed_s": round(seeded_s, 1),
        "plan_and_queue_s": round(queued_s, 1),
        "elapsed_s": round(elapsed, 1),
        "digests_per_s_end_to_end": round(total / elapsed, 1),
        "digests_per_s_sending": round(total / sending_s, 1),
        "queries_per_batch": queries,
        "worker_cpu_ms_per_digest": round(worker_cpu_s * 1000 / total, 2),
        "sink_cpu_ms_per_digest": round(sink_cpu_s * 1000 / total, 2),
        "load_average_at_end": load_average,
        "worker_rss_mib": {
            "main_first_last": [round(samples[0][2][0]), round(samples[-1][2][0])],
            "largest_child_first_quarter": round(max(children[:quarter])),
            "largest_child_last_quarter": round(max(children[-quarter:])),
        },
        "rss_samples": [(t, sent, [round(s) for s in sizes]) for t, sent, sizes in samples],
        "machine": bench.machine(),
    }
    print(f"digests/second (end to end): {figures['digests_per_s_end_to_end']}")
    print(f"digests/second (sending):    {figures['digests_per_s_sending']}")
    print(f"worker RSS (MiB): {figures['worker_rss_mib']}")
    print(f"CPU per digest: worker {figures['worker_cpu_ms_per_digest']} ms, ", end="")
    print(f"sink {figures['sink_cpu_ms_per_digest']} ms; load average {load_average}")
    print("RESULT " + json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
