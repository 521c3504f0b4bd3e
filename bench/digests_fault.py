"""Fault test: a digest run while the Celery worker is SIGKILLed at random moments.

    .venv/bin/python bench/digests_fault.py                 # 10,000 recipients, 6 kills
    .venv/bin/python bench/digests_fault.py --recipients 2000 --kills 5

Uses its own PostgreSQL database (created if missing, emptied each run), its own
Celery queue on a Redis database, an aiosmtpd sink, and a real
`celery -A ideabank worker` that is killed (the whole process group, SIGKILL) at
random moments while it sends, then restarted. The sweeper runs as beat would.
Afterwards it counts what the sink received per recipient, triggers the same
period again, and prints the figures.

A kill between the moment a message's final dot is written and the moment its
row's COMMIT is written leaves a delivered message and a pending row, so the
message is sent again: no sender can know whether an SMTP server took a message
it was killed sending (docs/performance.md, "Where a SIGKILL can land"). The
figures count such a copy as "resent after a kill", not as a duplicate, only if
the sink saw it all: the first copy was the last message on a connection that
was cut off (no QUIT) and the copy carries the same Message-ID. Any other extra
copy is a duplicate: an outbox fault. Exit status 0 only if nothing was lost,
there were no duplicates and the second trigger sent nothing.
"""

import argparse
import atexit
import json
import random
import signal
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import digests_setup as bench


def count_copies(lines, quit_connections):
    """Extra copies per kind: "resent_after_kill" (see the module's docstring) and "duplicates".

    `lines` are the sink's (recipient, Message-ID, connection) in the order received.
    """
    last_on_connection = {connection: index for index, (*_, connection) in enumerate(lines)}
    cut_off_last = {
        index
        for connection, index in last_on_connection.items()
        if connection not in quit_connections
    }
    copies = defaultdict(list)
    for index, (recipient, message_id, _connection) in enumerate(lines):
        copies[recipient].append((index, message_id))
    counts = {"resent_after_kill": 0, "duplicates": 0}
    for received in copies.values():
        _last, final_message_id = received[-1]
        for index, message_id in received[:-1]:
            in_flight = index in cut_off_last and message_id == final_message_id
            counts["resent_after_kill" if in_flight else "duplicates"] += 1
    return counts


def main(argv=None):
    # Killed by the test's timeout: stop the worker and the sink on the way out.
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--claim-timeout", type=int, default=5, help="DIGEST_CLAIM_TIMEOUT, s")
    # A SIGKILLed worker can take a prefetched batch with it: Redis gives it back
    # only after its visibility timeout (an hour), and the sweeper re-queues its
    # never-claimed rows after DIGEST_QUEUE_TIMEOUT (15 minutes in production).
    # Here the sweeper does it sooner, so a run cannot stall for 15 minutes.
    parser.add_argument("--queue-timeout", type=int, default=20, help="DIGEST_QUEUE_TIMEOUT, s")
    parser.add_argument(
        "--max-delay", type=float, default=0.5, help="longest random wait before each kill, s"
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed for kill moments")
    parser.add_argument("--timeout", type=int, default=900, help="give up after this long")
    bench.add_common_arguments(parser, queue="digests-fault")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    chance = random.Random(seed)

    workdir = Path(tempfile.mkdtemp(prefix="digests-fault-"))
    sink = bench.Sink(workdir / "sink.tsv")
    atexit.register(sink.stop)  # also if the set-up below fails
    env = bench.service_env(
        args,
        smtp_port=sink.port,
        extra={
            "DIGEST_CLAIM_TIMEOUT": str(args.claim_timeout),
            "DIGEST_QUEUE_TIMEOUT": str(args.queue_timeout),
        },
    )
    bench.ensure_database(args.database_url)
    bench.setup_django(env)

    from digests.models import DigestDelivery, DigestRun
    from digests.tasks import requeue_stale_digests

    started = time.monotonic()
    bench.reset_and_seed(args.recipients)
    bench.clear_queue(args.redis_url, args.queue)
    print(f"seeded {args.recipients} recipients in {time.monotonic() - started:.1f}s", flush=True)

    worker = bench.Worker(
        env, queue=args.queue, concurrency=args.concurrency, log_path=workdir / "worker.log"
    )
    pending = DigestDelivery.objects.filter(status=DigestDelivery.Status.PENDING)
    last_sweep = [0.0]

    def sweep():
        # Beat runs the sweeper every few minutes; here as often as the claim timeout allows.
        if time.monotonic() - last_sweep[0] >= args.claim_timeout / 2:
            last_sweep[0] = time.monotonic()
            requeue_stale_digests()

    kill_log = []
    try:
        worker.start()
        started = time.monotonic()
        print(bench.trigger(env).splitlines()[0], flush=True)
        # Each kill comes after a random number of messages from the worker now running
        # (at least one, so it is sending, not booting; at most a share of what is left,
        # so every kill lands before the run ends), plus a random fraction of a second so
        # it lands anywhere in a message's lifecycle.
        total = args.recipients
        while len(kill_log) < args.kills:
            start_count = sink.count()
            share = max(total - start_count, 0) // (args.kills - len(kill_log) + 1)
            target = start_count + chance.randint(1, max(share, 1))
            bench.wait_for(
                lambda target=target: sink.count() >= target or not pending.exists(),
                timeout=600,
                tick=sweep,
            )
            if not pending.exists():
                break
            time.sleep(chance.uniform(0, args.max_delay))
            at = sink.count()
            worker.kill()
            kill_log.append(at)
            print(f"kill {len(kill_log)}: SIGKILL after {at} messages", flush=True)
            worker.start()
        bench.wait_for(lambda: not pending.exists(), timeout=args.timeout, tick=sweep)
        elapsed = time.monotonic() - started
        time.sleep(2)  # let anything in flight land in the sink

        lines = sink.lines()
        received = Counter(recipient for recipient, _message_id, _connection in lines)
        copies = count_copies(lines, sink.quit_connections())
        run = DigestRun.objects.get()
        expected = set(run.deliveries.values_list("user__email", flat=True))
        statuses = Counter(run.deliveries.values_list("status", flat=True))

        # The same period again: the run exists, so nothing is queued or sent.
        second_output = bench.trigger(env).strip()
        before = sink.count()
        time.sleep(5)
        requeue_stale_digests()
        time.sleep(2)
        second_sent = sink.count() - before
    finally:
        worker.stop()
        bench.clear_queue(args.redis_url, args.queue)

    figures = {
        "recipients": len(expected),
        "delivered": sum(1 for email in expected if received[email] >= 1),
        "messages": sum(received.values()),
        "lost": sum(1 for email in expected if received[email] == 0),
        "duplicates": copies["duplicates"],
        "resent_after_kill": copies["resent_after_kill"],
        "connections_cut_off": len({line[2] for line in lines} - sink.quit_connections()),
        "unexpected": sum(1 for email in received if email not in expected),
        "rows": dict(statuses),
        "kills": len(kill_log),
        "killed_after_messages": kill_log,
        "worker_starts": worker.starts,
        "elapsed_s": round(elapsed, 1),
        "second_trigger_sent": second_sent,
        "second_trigger_output": second_output,
        "concurrency": args.concurrency,
        "claim_timeout_s": args.claim_timeout,
        "queue_timeout_s": args.queue_timeout,
        "seed": seed,
        "machine": bench.machine(),
    }
    for name in ("recipients", "delivered", "lost", "duplicates", "kills", "elapsed_s"):
        print(f"{name:>12}: {figures[name]}")
    print(f"resent after a kill between the final dot and COMMIT: {figures['resent_after_kill']}")
    print(f"second trigger: {second_sent} sent ({second_output})")
    print("RESULT " + json.dumps(figures), flush=True)
    ok = (
        figures["lost"] == 0
        and figures["duplicates"] == 0
        and figures["unexpected"] == 0
        and second_sent == 0
        and len(kill_log) >= min(args.kills, 5)
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
