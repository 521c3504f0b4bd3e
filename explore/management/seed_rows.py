"""Row writing helpers for `manage.py seed_scale`: choosing, progress, COPY, and after."""

import json
import time

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max


class Chooser:
    """Fast weighted choice from a fixed list."""

    def __init__(self, rng, pairs):
        self.rng = rng
        self.values = [getattr(value, "value", value) for value, _ in pairs]
        self.cum = []
        total = 0
        for _, weight in pairs:
            total += weight
            self.cum.append(total)

    def __call__(self):
        return self.rng.choices(self.values, cum_weights=self.cum)[0]


class Progress:
    """A one-line `\\r` counter on a terminal; a single summary line otherwise."""

    def __init__(self, out, label, total, tty):
        self.out, self.label, self.total, self.tty = out, label, max(total, 1), tty
        self.done = 0
        self.started = time.monotonic()
        self.last = 0.0

    def step(self, count=1):
        self.done += count
        now = time.monotonic()
        if self.tty and (now - self.last > 0.2 or self.done >= self.total):
            self.last = now
            self.out.write(f"\r{self.line(now)}", ending="")
            self.out.flush()

    def line(self, now):
        width = 30
        filled = int(width * min(self.done, self.total) / self.total)
        rate = self.done / max(now - self.started, 1e-6)
        bar = "#" * filled + "-" * (width - filled)
        return f"{self.label:<16} [{bar}] {self.done:>9,}/{self.total:,} {rate:>9,.0f}/s"

    def finish(self):
        now = time.monotonic()
        self.out.write(("\r" if self.tty else "") + self.line(now) + f" {now - self.started:.1f}s")
        return now - self.started


class RowWriter:
    """Inserts rows (dicts keyed by field attname) into a model's table, ids included."""

    def __init__(self, command, batch_size):
        self.command = command
        self.batch_size = batch_size
        self.postgres = connection.vendor == "postgresql"
        self.timings = {}

    def write(self, model, rows, total, label):
        progress = Progress(self.command.stdout, label, total, self.command.tty)
        rows = iter(rows)
        first = next(rows, None)
        if first is not None:
            fields = [
                field
                for field in model._meta.concrete_fields
                if not getattr(field, "generated", False)
                and (field.attname in first or not field.has_db_default())
            ]
            spec = [(field, field.attname, field.get_default()) for field in fields]
            columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
            table = connection.ops.quote_name(model._meta.db_table)
            all_rows = _chain(first, rows)
            if self.postgres:
                self._copy(table, columns, spec, all_rows, progress)
            else:
                self._insert(table, columns, spec, all_rows, progress)
        self.timings[label] = (progress.done, progress.finish())

    def _copy(self, table, columns, spec, rows, progress):
        sql = f"COPY {table} ({columns}) FROM STDIN"
        # COPY takes JSON as text; everything else psycopg adapts itself.
        json_names = {name for field, name, _ in spec if isinstance(field, models.JSONField)}
        with connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(
                    [
                        json.dumps(row.get(name, default))
                        if name in json_names
                        else row.get(name, default)
                        for _, name, default in spec
                    ]
                )
                progress.step()

    def _insert(self, table, columns, spec, rows, progress):
        marks = ", ".join(["%s"] * len(spec))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (model meta)
        batch = []
        with connection.cursor() as cursor:
            for row in rows:
                batch.append(
                    [
                        field.get_db_prep_save(row.get(name, default), connection)
                        for field, name, default in spec
                    ]
                )
                if len(batch) >= self.batch_size:
                    cursor.executemany(sql, batch)
                    progress.step(len(batch))
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                progress.step(len(batch))


def _chain(first, rest):
    yield first
    yield from rest


def next_id(model):
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def reset_sequences(models):
    """Move the id sequences past the explicit ids that bulk loading wrote."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def check_search_vectors(models, out):
    """Report that the search triggers filled `search_vector` during COPY; touch any
    row they missed, so the trigger on UPDATE fills it. PostgreSQL only."""
    if connection.vendor != "postgresql":
        return
    for model in models:
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET title = title WHERE search_vector IS NULL")  # noqa: S608 (model meta)
            missed = cursor.rowcount
        out.write(f"search_vector    {table}: filled on insert, {missed:,} filled after")


def analyze(models, out):
    """VACUUM ANALYZE the loaded tables, then ANALYZE the rest."""
    started = time.monotonic()
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        # Councils and partnerships too: a planner that thinks there are 50
        # councils picks hash joins over every user.
        cursor.execute("ANALYZE")
    out.write(f"vacuum analyze   {time.monotonic() - started:.1f}s")
