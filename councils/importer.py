"""Load the UK list of local authorities (mySociety, CC BY 4.0) into `Council`.

`parse_councils` reads and checks the whole file without touching the
database; `import_councils` then writes it in one transaction. The file's
`local-authority-code` is the key, so a rerun updates rows in place.
"""

import csv
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Council

SHIPPED_FILE = Path(__file__).resolve().parent / "data" / "uk_local_authorities.csv"

# CSV column -> Council field. Columns not listed here (lat, long, the type's
# display name) are allowed in the file and ignored.
COLUMNS = {
    "local-authority-code": "code",
    "official-name": "official_name",
    "nice-name": "short_name",
    "gss-code": "gss_code",
    "nation": "nation",
    "region": "region",
    "local-authority-type": "authority_type",
    "county-la": "parent_county",
    "combined-authority": "combined_authority",
    "start-date": "start_date",
    "end-date": "end_date",
    "replaced-by": "replaced_by",
    "current-authority": "active",
    "gov-uk-slug": "gov_uk_slug",
    "pop-2020": "population",
}
REQUIRED_VALUES = ["local-authority-code", "official-name", "nice-name"]
DATE_COLUMNS = ["start-date", "end-date"]
BOOLEANS = {"True": True, "False": False}

# Every field the import writes after creation; the slug is set once and kept.
SYNCED_FIELDS = [name for name in COLUMNS.values() if name != "code"]

MAX_PROBLEMS_SHOWN = 20
BATCH_SIZE = 100
MAX_POPULATION = 2_147_483_647  # the largest PositiveIntegerField on every database


class InvalidFile(ValueError):
    """The file cannot be imported; `problems` says where and why."""

    def __init__(self, problems):
        self.problems = problems
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            shown.append(
                _("…and %(count)d more problems.") % {"count": len(problems) - len(shown)}
            )
        super().__init__("\n".join(shown))


@dataclass
class CouncilRow:
    line: int
    values: dict


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Councils current before this run and not after it, whether the file now
    # says so (these are also "updated") or leaves them out altogether.
    deactivated_codes: list = field(default_factory=list)

    @property
    def deactivated(self):
        return len(self.deactivated_codes)

    @property
    def changed(self):
        return bool(self.created or self.updated or self.deactivated)


def line_problem(line, message, **params):
    return _("Line %(line)d: ") % {"line": line} + message % params


# Reading and checking the file (no database access)


def parse_councils(lines):
    """Check every row of CSV text lines; return `CouncilRow`s or raise `InvalidFile`."""
    rows, problems = parse_csv(lines, COLUMNS, clean_value)
    problems += duplicate_problems(rows, "code", _("the local authority code"))
    problems += duplicate_problems(rows, "gss_code", _("the GSS code"))
    if problems:
        raise InvalidFile(problems)
    return rows


def parse_csv(lines, columns, clean):
    """Read CSV text lines that have `columns` (CSV column -> field name).

    `clean(column, value)` returns a cell's value or raises ValueError saying
    what is wrong. Returns the `CouncilRow`s that are fine and the problems of
    the rest, each naming its line; raises `InvalidFile` for a bad header.
    """
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        header = []
    except csv.Error as error:
        raise InvalidFile(
            [line_problem(1, _("the header cannot be read (%(error)s)."), error=error)]
        ) from None
    if not any(name.strip() for name in header):
        raise InvalidFile([_("The file is empty, or its first line is blank.")])
    check_header(header, columns)
    rows, problems = [], []
    try:
        for raw in reader:
            if not any(value.strip() for value in raw):
                continue  # a blank line, e.g. at the end of the file
            row, row_problems = parse_row(header, raw, reader.line_num, columns, clean)
            problems += row_problems
            if row is not None:
                rows.append(row)
    except csv.Error as error:
        problems.append(
            line_problem(reader.line_num, _("the row cannot be read (%(error)s)."), error=error)
        )
    return rows, problems


def check_header(header, columns):
    header = [name.strip() for name in header]
    missing = [name for name in columns if name not in header]
    if missing:
        raise InvalidFile(
            [
                line_problem(1, _("the column “%(column)s” is missing."), column=name)
                for name in missing
            ]
        )
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise InvalidFile(
            [
                line_problem(1, _("the column “%(column)s” appears more than once."), column=name)
                for name in repeated
            ]
        )


def parse_row(header, raw, line, columns, clean):
    if len(raw) != len(header):
        problem = line_problem(
            line,
            _("expected %(expected)d fields but found %(found)d; is the row cut short?"),
            expected=len(header),
            found=len(raw),
        )
        return None, [problem]
    cells = {name.strip(): value.strip() for name, value in zip(header, raw, strict=True)}
    values, problems = {}, []
    for column, field_name in columns.items():
        try:
            values[field_name] = clean(column, cells[column])
        except ValueError as error:
            problems.append(line_problem(line, "%(error)s", error=error))
    if problems:
        return None, problems
    return CouncilRow(line=line, values=values), []


def clean_value(column, value):
    if column in REQUIRED_VALUES and not value:
        raise ValueError(_("“%(column)s” is blank.") % {"column": column})
    if column in DATE_COLUMNS:
        return parse_date(column, value)
    if column == "current-authority":
        return parse_boolean(column, value)
    if column == "pop-2020":
        return parse_population(value)
    if column == "nation":
        return parse_choice(value, Council.Nation.values, _("unknown nation “%(value)s”."))
    if column == "local-authority-type":
        return parse_choice(
            value, Council.AuthorityType.values, _("unknown type of council “%(value)s”.")
        )
    check_length(column, value)
    if column == "gss-code":
        return value or None  # several abolished councils have no GSS code
    return value


def parse_date(column, value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            _("%(column)s “%(value)s” is not a date in the form YYYY-MM-DD.")
            % {"column": column, "value": value}
        ) from None


def parse_boolean(column, value):
    if value not in BOOLEANS:
        raise ValueError(
            _("%(column)s must be True or False, not “%(value)s”.")
            % {"column": column, "value": value}
        )
    return BOOLEANS[value]


def parse_population(value):
    if not value:
        return None
    try:
        population = round(float(value))
    except (ValueError, OverflowError):
        population = -1
    if not 0 <= population <= MAX_POPULATION:
        raise ValueError(_("pop-2020 “%(value)s” is not a number of people.") % {"value": value})
    return population


def parse_choice(value, allowed, message):
    if value not in allowed:
        raise ValueError(message % {"value": value})
    return value


def check_length(column, value):
    max_length = Council._meta.get_field(COLUMNS[column]).max_length
    if len(value) > max_length:
        raise ValueError(
            _("%(column)s is longer than %(max)d characters.")
            % {"column": column, "max": max_length}
        )


def duplicate_problems(rows, field_name, label):
    first_line = {}
    problems = []
    for row in rows:
        value = row.values[field_name]
        if value is None:
            continue
        if value in first_line:
            problems.append(
                line_problem(
                    row.line,
                    _("%(label)s “%(value)s” is also on line %(first)d."),
                    label=label,
                    value=value,
                    first=first_line[value],
                )
            )
        else:
            first_line[value] = row.line
    return problems


# Writing to the database


def plan_slugs(rows, existing):
    """A slug for each new code: its name, or name-code where the name is taken.

    Current councils claim a shared name first (North Yorkshire, Somerset), so
    the abolished one gets the suffix. Existing councils keep their slug.
    """
    by_slug = defaultdict(list)
    for row in rows:
        if row.values["code"] not in existing:
            by_slug[slugify(row.values["short_name"])].append(row.values)
    taken = {council.slug for council in existing.values()}
    slugs = {}
    for base, group in by_slug.items():
        group.sort(key=lambda values: (not values["active"], values["code"]))
        for index, values in enumerate(group):
            code = values["code"]
            plain = base and index == 0 and base not in taken
            slugs[code] = base if plain else slugify(f"{base}-{code}")
            taken.add(slugs[code])
    return slugs


def check_gss_codes_are_free(rows, existing):
    """A GSS code in the file must not belong to a council the file does not mention."""
    codes_in_file = {row.values["code"] for row in rows}
    held_by = {
        council.gss_code: council
        for council in existing.values()
        if council.gss_code and council.code not in codes_in_file
    }
    problems = [
        line_problem(
            row.line,
            _("the GSS code “%(gss)s” belongs to %(name)s (%(code)s), which is not in the file."),
            gss=row.values["gss_code"],
            name=held_by[row.values["gss_code"]].short_name,
            code=held_by[row.values["gss_code"]].code,
        )
        for row in rows
        if row.values["gss_code"] in held_by
    ]
    if problems:
        raise InvalidFile(problems)


def apply_row(council, values):
    """Copy the row onto `council`; return True if anything changed."""
    changed = False
    for name in SYNCED_FIELDS:
        if getattr(council, name) != values[name]:
            setattr(council, name, values[name])
            changed = True
    return changed


def import_councils(rows, *, progress=None):
    """Create, update and retire councils to match checked `rows`; return an `ImportSummary`."""
    try:
        return write_councils(rows, progress=progress)
    except IntegrityError as error:
        raise InvalidFile(
            [_("The file clashes with councils already stored: %(error)s") % {"error": error}]
        ) from error


@transaction.atomic
def write_councils(rows, *, progress=None):
    existing = Council.objects.select_for_update().in_bulk(field_name="code")
    check_gss_codes_are_free(rows, existing)
    slugs = plan_slugs(rows, existing)
    summary = ImportSummary()
    for start in range(0, len(rows), BATCH_SIZE):
        write_batch(rows[start : start + BATCH_SIZE], existing, slugs, summary)
        if progress:
            progress(min(start + BATCH_SIZE, len(rows)), len(rows))
    retire_missing(rows, summary)
    return summary


def write_batch(rows, existing, slugs, summary):
    to_create, to_update = [], []
    for row in rows:
        values = row.values
        council = existing.get(values["code"])
        if council is None:
            to_create.append(Council(**values, slug=slugs[values["code"]]))
            continue
        was_active = council.active
        if apply_row(council, values):
            to_update.append(council)
            if was_active and not council.active:
                summary.deactivated_codes.append(council.code)
        else:
            summary.unchanged += 1
    Council.objects.bulk_create(to_create)
    Council.objects.bulk_update(to_update, SYNCED_FIELDS)
    summary.created += len(to_create)
    summary.updated += len(to_update)


def retire_missing(rows, summary):
    """Councils no longer in the file at all stop being current."""
    codes_in_file = [row.values["code"] for row in rows]
    missing = Council.objects.active().exclude(code__in=codes_in_file)
    codes = list(missing.values_list("code", flat=True))
    if codes:
        Council.objects.filter(code__in=codes).update(active=False)
    summary.deactivated_codes += codes
