"""Load council profiles from mySociety's open data (CC BY 4.0) into `CouncilProfile`.

Two files, keyed by the councils file's `local-authority-code`: the composite UK
deprivation index (score, quintile, share in deprived neighbourhoods, density)
and the similarity labels (emissions profile, rural-urban class). They are read
and checked like the councils file (`importer.parse_csv`), then written after
it; a row for a code that is not a council is counted and skipped.
"""

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .importer import InvalidFile, duplicate_problems, parse_csv
from .models import Council, CouncilProfile

DATA = Path(__file__).resolve().parent / "data"
DEPRIVATION_FILE = DATA / "uk_local_authority_deprivation.csv"
LABELS_FILE = DATA / "uk_local_authority_profiles.csv"

DEPRIVATION_COLUMNS = {
    "local-authority-code": "code",
    "la-deprivation-score": "deprivation_score",
    "la-imd-pop-quintile": "deprivation_quintile",
    "high-deprivation": "high_deprivation_share",
    "density": "density",
}
LABEL_COLUMNS = {"local-authority-code": "code", "label": "label"}
DEPRIVATION_FIELDS = [name for name in DEPRIVATION_COLUMNS.values() if name != "code"]
LABEL_FIELDS = ["emissions", "rural_urban"]
# A label reads "nation or region; Emissions: profile; Nth IMD quintile; rural-urban class".
LABEL_PARTS = 4
QUINTILE_PART = re.compile(r"[1-5](st|nd|rd|th) IMD quintile")
EMISSIONS_PREFIX = "Emissions: "


@dataclass
class ProfileSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    matched: dict = field(default_factory=dict)  # file name -> councils matched
    unknown_codes: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.created or self.updated or self.removed)


def parse_file(lines, columns, clean):
    rows, problems = parse_csv(lines, columns, clean)
    problems += duplicate_problems(rows, "code", _("the local authority code"))
    if problems:
        raise InvalidFile(problems)
    return rows


def parse_deprivation(lines):
    """Check the deprivation file; return its rows or raise `InvalidFile`."""
    return parse_file(lines, DEPRIVATION_COLUMNS, clean_deprivation)


def parse_labels(lines):
    """Check the labels file; return its rows (emissions, rural_urban) or raise `InvalidFile`."""
    rows = parse_file(lines, LABEL_COLUMNS, clean_label)
    for row in rows:
        row.values.update(row.values.pop("label"))
    return rows


def clean_code(value):
    if not value:
        raise ValueError(_("“local-authority-code” is blank."))
    return value


def clean_deprivation(column, value):
    if column == "local-authority-code":
        return clean_code(value)
    if column == "la-imd-pop-quintile":
        if value not in {"1", "2", "3", "4", "5"}:
            raise ValueError(
                _("%(column)s “%(value)s” is not a whole number from 1 to 5.")
                % {"column": column, "value": value}
            )
        return int(value)
    if column == "density" and not value:
        return None  # the newest combined authorities have no area yet
    limit = 1 if column == "high-deprivation" else math.inf
    return parse_number(column, value, limit)


def parse_number(column, value, limit):
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not 0 <= number <= limit:
        raise ValueError(
            _("%(column)s “%(value)s” is not a number in range.")
            % {"column": column, "value": value}
        )
    return number


def clean_label(column, value):
    if column == "local-authority-code":
        return clean_code(value)
    parts = value.split("; ")
    if len(parts) != LABEL_PARTS or not parts[0]:
        raise ValueError(
            _("label “%(value)s” does not have four parts separated by “; ”.") % {"value": value}
        )
    _place, emissions, quintile, rural_urban = parts
    emissions = emissions.removeprefix(EMISSIONS_PREFIX)
    if emissions not in CouncilProfile.Emissions.values:
        raise ValueError(_("unknown emissions profile “%(value)s”.") % {"value": parts[1]})
    if not QUINTILE_PART.fullmatch(quintile):
        raise ValueError(_("unknown deprivation quintile “%(value)s”.") % {"value": quintile})
    if rural_urban not in CouncilProfile.RuralUrban.values:
        raise ValueError(_("unknown rural-urban class “%(value)s”.") % {"value": rural_urban})
    return {"emissions": emissions, "rural_urban": rural_urban}


def blank_profile():
    return {**dict.fromkeys(DEPRIVATION_FIELDS), **dict.fromkeys(LABEL_FIELDS, "")}


@transaction.atomic
def import_profiles(*, deprivation_rows, label_rows):
    """Make each council's profile match the two files; return a `ProfileSummary`."""
    council_ids = dict(Council.objects.values_list("code", "pk"))
    summary = ProfileSummary()
    wanted = {}
    for name, rows in [(DEPRIVATION_FILE.name, deprivation_rows), (LABELS_FILE.name, label_rows)]:
        matched = 0
        for row in rows:
            values = dict(row.values)
            council_id = council_ids.get(values.pop("code"))
            if council_id is None:
                summary.unknown_codes.append(row.values["code"])
                continue
            wanted.setdefault(council_id, blank_profile()).update(values)
            matched += 1
        summary.matched[name] = matched
    write_profiles(wanted, summary)
    return summary


def write_profiles(wanted, summary):
    existing = CouncilProfile.objects.select_for_update().in_bulk(field_name="council_id")
    to_create, to_update = [], []
    for council_id, values in wanted.items():
        profile = existing.get(council_id)
        if profile is None:
            to_create.append(CouncilProfile(council_id=council_id, **values))
        elif any(getattr(profile, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(profile, name, value)
            to_update.append(profile)
        else:
            summary.unchanged += 1
    CouncilProfile.objects.bulk_create(to_create)
    CouncilProfile.objects.bulk_update(to_update, [*DEPRIVATION_FIELDS, *LABEL_FIELDS])
    summary.removed, _deleted = CouncilProfile.objects.exclude(council_id__in=wanted).delete()
    summary.created, summary.updated = len(to_create), len(to_update)
