import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from digests.models import DigestDelivery, Frequency
from digests.services import preview_run, start_digest_run
from digests.tasks import send_digest_batch


class Command(BaseCommand):
    help = "Start the digest run for the last full day or week, or preview it with --dry-run."

    def add_arguments(self, parser):
        parser.add_argument(
            "--period", choices=[Frequency.DAILY, Frequency.WEEKLY], default=Frequency.WEEKLY
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count recipients and print one sample."
        )

    def handle(self, *args, period, dry_run, **options):
        now = timezone.now()
        if dry_run:
            key, counts, sample = preview_run(period=period, now=now)
            self.stdout.write(
                f"{key}: {len(counts)} recipients, {sum(counts.values())} items in all "
                "(dry run: nothing sent)"
            )
            if sample is not None:
                self.stdout.write(f"\nSample for {sample.to[0]}\nSubject: {sample.subject}\n")
                self.stdout.write(sample.body)
            return
        run, batches = start_digest_run(period=period, now=now)
        if not batches:
            self.stdout.write(f"{run.key}: already started or nobody to send to; nothing queued.")
            return
        total = run.deliveries.count()
        self.stdout.write(f"{run.key}: {total} digests in {len(batches)} batches")
        counted_at = float("-inf")
        for number, (first_id, last_id) in enumerate(batches, start=1):
            send_digest_batch.delay(run.pk, first_id, last_id)
            # Counting a big run's rows after every batch would slow the workers it feeds.
            if number == len(batches) or time.monotonic() - counted_at >= 1:
                counted_at = time.monotonic()
                sent = run.deliveries.filter(status=DigestDelivery.Status.SENT).count()
                self.stdout.write(f"  batch {number}/{len(batches)} queued; {sent}/{total} sent")
        self.stdout.write(self.style.SUCCESS(f"{run.key}: all batches queued"))
