import csv
import io

import pytest
from django.core.management import CommandError, call_command

from councils import importer
from councils.importer import SHIPPED_FILE
from councils.models import Council

from ..factories import CouncilFactory

pytestmark = pytest.mark.django_db


def run_import(path=None):
    out = io.StringIO()
    args = [str(path)] if path else []
    call_command("import_councils", *args, stdout=out)
    return out.getvalue()


def shipped_rows():
    with SHIPPED_FILE.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        return reader.fieldnames, list(reader)


def write_rows(tmp_path, fieldnames, rows):
    path = tmp_path / "councils.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)
    return path


def shipped_with(tmp_path, code, **changes):
    """A copy of the shipped file with one council's columns changed."""
    fieldnames, rows = shipped_rows()
    for row in rows:
        if row["local-authority-code"] == code:
            row.update(changes)
    return write_rows(tmp_path, fieldnames, rows)


def shipped_lines(*codes):
    """The header and the raw lines for `codes`, in that order."""
    lines = SHIPPED_FILE.read_text(encoding="utf-8").splitlines()
    by_code = {line.split(",", 1)[0]: line for line in lines[1:]}
    return [lines[0], *(by_code[code] for code in codes)]


def write_lines(tmp_path, lines):
    path = tmp_path / "councils.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot():
    return list(Council.objects.order_by("code").values())


def test_the_shipped_file_loads_397_current_and_73_former_councils():
    output = run_import()

    assert Council.objects.filter(active=True).count() == 397
    assert Council.objects.filter(active=False).count() == 73
    assert "Created: 470" in output


def test_the_shipped_file_maps_every_column():
    run_import()

    barnet = Council.objects.get(code="BNE")
    assert barnet.official_name == "London Borough of Barnet"
    assert barnet.short_name == "Barnet"
    assert barnet.slug == "barnet"
    assert barnet.gss_code == "E09000003"
    assert barnet.nation == Council.Nation.ENGLAND
    assert barnet.region == "London"
    assert barnet.authority_type == Council.AuthorityType.LONDON_BOROUGH
    assert barnet.combined_authority == "GLA"
    assert barnet.population == 399007
    assert barnet.active


def test_an_abolished_council_records_its_end_date_and_replacement():
    run_import()

    old = Council.objects.get(code="NYK")
    assert not old.active
    assert old.end_date.isoformat() == "2023-04-01"
    assert old.replaced_by == "NYE"


def test_an_abolished_council_sharing_a_name_gets_its_code_in_the_slug():
    run_import()

    assert Council.objects.get(code="NYE").slug == "north-yorkshire"
    assert Council.objects.get(code="NYK").slug == "north-yorkshire-nyk"
    assert Council.objects.get(code="SMT").slug == "somerset"
    assert Council.objects.get(code="SOM").slug == "somerset-som"


def test_councils_without_a_gss_code_store_null():
    run_import()

    assert Council.objects.filter(gss_code__isnull=True).count() == 25
    assert not Council.objects.filter(gss_code="").exists()


def test_a_second_run_reports_no_changes_and_changes_nothing():
    run_import()
    before = snapshot()

    output = run_import()

    assert snapshot() == before
    assert "Created: 0" in output
    assert "Updated: 0" in output
    assert "Unchanged: 470" in output
    assert "Marked inactive: 0" in output
    assert "No changes." in output


def import_again_with(tmp_path, code, **changes):
    """Import the shipped file, then a copy with `code`'s columns changed."""
    run_import()
    output = run_import(shipped_with(tmp_path, code, **changes))
    return Council.objects.get(code=code), output


def test_a_changed_row_is_updated_and_keeps_its_slug(tmp_path):
    changes = {"official-name": "Barnet Council", "nice-name": "Barnet Town"}

    barnet, output = import_again_with(tmp_path, "BNE", **changes)

    assert barnet.official_name == "Barnet Council"
    assert barnet.short_name == "Barnet Town"
    assert barnet.slug == "barnet"
    assert "Updated: 1" in output
    assert "Unchanged: 469" in output


def test_a_council_no_longer_current_in_the_file_is_marked_inactive(tmp_path):
    changes = {"current-authority": "False", "end-date": "2026-04-01"}

    adur, output = import_again_with(tmp_path, "ADU", **changes)

    assert not adur.active
    assert adur.end_date.isoformat() == "2026-04-01"
    assert "Marked inactive: 1 (ADU)" in output


def test_a_council_missing_from_the_file_is_marked_inactive(tmp_path):
    stray = CouncilFactory(code="ZZZ", short_name="Nowhere", slug="nowhere")

    output = run_import()

    stray.refresh_from_db()
    assert not stray.active
    assert "Marked inactive: 1 (ZZZ)" in output


def test_an_existing_council_is_updated_in_place_by_its_code(barnet, alice):
    run_import()

    barnet.refresh_from_db()
    assert barnet.population == 399007
    assert barnet.slug == "barnet"
    assert alice.membership.council_id == barnet.pk
    assert Council.objects.filter(code="BNE").count() == 1


def test_a_new_council_whose_name_is_taken_gets_its_code_in_the_slug():
    CouncilFactory(code="XYZ", short_name="Barnet look-alike", slug="barnet")

    run_import()

    assert Council.objects.get(code="BNE").slug == "barnet-bne"


def test_progress_is_not_written_when_the_output_is_not_a_terminal():
    output = run_import()

    assert "\r" not in output


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_counted_on_a_terminal():
    out = Terminal()

    call_command("import_councils", stdout=out)

    assert "\rImporting councils: 100 of 470" in out.getvalue()
    assert "\rImporting councils: 470 of 470\n" in out.getvalue()


def test_a_partial_file_lists_only_the_first_councils_it_marks_inactive(tmp_path):
    run_import()

    output = run_import(write_lines(tmp_path, shipped_lines("BNE")))

    assert Council.objects.filter(active=True).count() == 1
    assert "Marked inactive: 396 (" in output
    assert "and 376 more)" in output


def test_a_failure_part_way_through_leaves_the_database_as_it_was(monkeypatch):
    run_import()
    CouncilFactory(code="ZZZ", short_name="Nowhere", slug="nowhere")
    Council.objects.filter(code="BNE").update(population=1)
    before = snapshot()

    def fail(rows, summary):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(importer, "retire_missing", fail)
    with pytest.raises(RuntimeError):
        run_import()

    assert snapshot() == before


def assert_refused(path, *fragments):
    """Run the import on `path`, expect a refusal naming `fragments`, and nothing changed."""
    before = snapshot()
    with pytest.raises(CommandError) as refusal:
        run_import(path)
    message = str(refusal.value)
    for fragment in fragments:
        assert fragment in message
    assert "Nothing was changed" in message
    assert snapshot() == before
    return message


def test_a_file_with_a_missing_column_is_refused(tmp_path):
    run_import()
    fieldnames, rows = shipped_rows()
    fieldnames.remove("gss-code")
    for row in rows:
        del row["gss-code"]
    path = write_rows(tmp_path, fieldnames, rows)

    assert_refused(path, "Line 1", "“gss-code” is missing")


# Shipped lines with one changed: the codes, which line, what changes, what the refusal names.
ONE_LINE_CHANGED = [
    (["BNE", "BEN", "LDS"], 3, {"E08000035": "E09000003"}, ["E09000003", "line 2"]),
    (["BNE", "BEN", "LDS"], 3, {"LDS,": "BEN,", "E08000035": "E08999999"}, ["“BEN”", "line 3"]),
    (["LDS"], 1, {"2005-06-08": "2005-13-45"}, ["start-date", "2005-13-45"]),
    (["BNE", "LDS"], 2, {",England,": ",Mars,"}, ["unknown nation “Mars”"]),
    (["BNE"], 1, {",LBO,": ",PARISH,"}, ["unknown type of council “PARISH”"]),
]


@pytest.mark.parametrize(
    ("codes", "index", "replacements", "fragments"),
    ONE_LINE_CHANGED,
    ids=[
        "a duplicate gss code, naming both lines",
        "a duplicate code, naming both lines",
        "a bad date",
        "an unknown nation",
        "an unknown type of council",
    ],
)
def test_a_file_with_a_bad_line_is_refused(tmp_path, codes, index, replacements, fragments):
    run_import()
    lines = shipped_lines(*codes)
    for old, new in replacements.items():
        lines[index] = lines[index].replace(old, new)

    assert_refused(write_lines(tmp_path, lines), f"Line {index + 1}", *fragments)


def test_a_file_with_a_truncated_row_is_refused(tmp_path):
    run_import()
    lines = shipped_lines("BNE", "BEN", "LDS")
    lines[2] = lines[2][:40]
    path = write_lines(tmp_path, lines)

    assert_refused(path, "Line 3", "expected 18 fields")


def test_a_file_whose_gss_code_belongs_to_a_council_not_in_it_is_refused(tmp_path):
    CouncilFactory(code="ZZZ", short_name="Nowhere", slug="nowhere", gss_code="E09000003")
    path = write_lines(tmp_path, shipped_lines("BNE"))

    assert_refused(path, "Line 2", "E09000003", "ZZZ")


def test_every_problem_in_the_file_is_reported_at_once(tmp_path):
    lines = shipped_lines("BNE", "BEN", "LDS")
    lines[1] = lines[1].replace(",England,", ",Mars,")
    lines[3] = lines[3].replace(",MD,", ",XX,")

    message = assert_refused(write_lines(tmp_path, lines), "Line 2", "Line 4")

    assert Council.objects.count() == 0
    assert "Mars" in message
    assert "XX" in message


def test_an_empty_file_is_refused(tmp_path):
    assert_refused(write_lines(tmp_path, []), "empty")


def test_a_file_that_does_not_exist_is_refused(tmp_path):
    with pytest.raises(CommandError) as refusal:
        run_import(tmp_path / "missing.csv")

    assert "Cannot read" in str(refusal.value)
    assert Council.objects.count() == 0
