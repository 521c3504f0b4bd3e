"""CPU per digest in one process: `send_digest_batch` over real SMTP to the bench sink.

    .venv/bin/python bench/digests_cpu.py --database-url postgres://…/ideabank_cpu

Seeds its own database (as the throughput benchmark does), then sends the same
2,000 digests three times in batches of 100, in this process, and prints the CPU
time per digest. CPU time depends much less than wall time on what else the
machine runs, so two versions of the code can be compared on a busy machine.
"""

import argparse
import contextlib
import cProfile
import os
import tempfile
import time
from pathlib import Path

import digests_setup as bench


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", metavar="FILE", help="write cProfile stats of the sends here")
    bench.add_common_arguments(parser, queue="digests-cpu")
    args = parser.parse_args(argv)

    sink = bench.Sink(Path(tempfile.mkdtemp(prefix="digests-cpu-")) / "sink.tsv")
    env = bench.service_env(args, smtp_port=sink.port)
    bench.ensure_database(args.database_url)
    bench.setup_django(env)

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from digests.models import DigestDelivery, DigestRun
    from digests.tasks import send_digest_batch

    bench.reset_and_seed(args.recipients)
    people = get_user_model().objects.filter(digest_preference__isnull=False)
    people = list(people.order_by("membership__council_id", "pk")[: args.recipients])
    per_digest = []
    try:
        for attempt in range(args.runs):
            now = timezone.now()
            run = DigestRun.objects.create(
                key=f"cpu:{attempt}",
                period="weekly",
                start=now - timezone.timedelta(days=8),
                end=now,
            )
            DigestDelivery.objects.bulk_create([DigestDelivery(run=run, user=u) for u in people])
            ids = list(run.deliveries.order_by("pk").values_list("pk", flat=True))
            profiler = (
                cProfile.Profile(time.process_time) if args.profile else contextlib.nullcontext()
            )
            cpu, wall = time.process_time(), time.monotonic()
            with profiler:
                sent = sum(
                    send_digest_batch(run.pk, ids[i], ids[min(i + 100, len(ids)) - 1])["sent"]
                    for i in range(0, len(ids), 100)
                )
            cpu, wall = time.process_time() - cpu, time.monotonic() - wall
            if args.profile:
                profiler.dump_stats(f"{args.profile}.{attempt + 1}")
            per_digest.append(cpu * 1000 / sent)
            print(
                f"run {attempt + 1}: {sent} sent, {per_digest[-1]:.2f} ms CPU per digest, "
                f"{sent / wall:.1f} digests/s, load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    finally:
        sink.stop()
    print(f"median: {sorted(per_digest)[len(per_digest) // 2]:.2f} ms CPU per digest")


if __name__ == "__main__":
    main()
