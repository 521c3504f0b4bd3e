import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from councils.models import Council, CouncilProfile, SimilarCouncil
from councils.profiles import DEPRIVATION_FILE, LABELS_FILE
from councils.similarity import SIMILAR_COUNT

from ..html import assert_well_formed_page

pytestmark = pytest.mark.django_db


def run_import(*args):
    out = io.StringIO()
    call_command("import_councils", *args, stdout=out)
    return out.getvalue()


def edited_copy(tmp_path, shipped, code, edit):
    """A copy of a shipped file with `edit(line)` applied to `code`'s line; returns
    the copy and that line's number."""
    lines = shipped.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, start=1) if line.startswith(code + ","))
    lines[number - 1] = edit(lines[number - 1])
    path = tmp_path / shipped.name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, number


def without(tmp_path, shipped, code):
    lines = shipped.read_text(encoding="utf-8").splitlines()
    path = tmp_path / shipped.name
    kept = [line for line in lines if not line.startswith(code + ",")]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def profiles():
    return list(CouncilProfile.objects.order_by("council_id").values())


def similar_rows():
    return list(SimilarCouncil.objects.order_by("council_id", "rank").values())


def test_the_shipped_files_are_in_the_project_not_in_shared_data():
    project_data = Council._meta.app_config.path + "/data"

    assert str(DEPRIVATION_FILE.parent) == project_data
    assert str(LABELS_FILE.parent) == project_data
    assert DEPRIVATION_FILE.is_file()
    assert LABELS_FILE.is_file()


def test_the_two_files_load_for_all_397_current_councils_and_394_have_labels():
    output = run_import()

    assert "uk_local_authority_deprivation.csv: 397 councils matched" in output
    assert "uk_local_authority_profiles.csv: 394 councils matched" in output
    current = Council.objects.active()
    assert CouncilProfile.objects.filter(council__in=current).count() == 397
    assert CouncilProfile.objects.filter(deprivation_score__isnull=False).count() == 397
    assert CouncilProfile.objects.exclude(rural_urban="").count() == 394
    unlabelled = CouncilProfile.objects.filter(rural_urban="").values_list("council__code")
    assert sorted(code for (code,) in unlabelled) == ["EMCA", "GLCA", "HYCA"]
    assert "Skipped" not in output

    barnet = CouncilProfile.objects.get(council__code="BNE")
    assert round(barnet.deprivation_score, 2) == 16.20
    assert barnet.deprivation_quintile == 4
    assert round(barnet.high_deprivation_share, 3) == 0.025
    assert round(barnet.density) == 4586
    assert barnet.emissions == CouncilProfile.Emissions.URBAN_MAINSTREAM
    assert barnet.rural_urban == CouncilProfile.RuralUrban.URBAN


def test_a_rerun_changes_nothing():
    run_import()
    before = (profiles(), similar_rows())

    output = run_import()

    assert (profiles(), similar_rows()) == before
    assert "Profiles created: 0, updated: 0, unchanged: 397, removed: 0" in output
    assert f"The {SIMILAR_COUNT} most similar councils of each council are unchanged." in output
    assert "No changes." in output


@pytest.mark.parametrize(
    ("shipped", "option", "edit", "problem"),
    [
        (
            DEPRIVATION_FILE,
            "--deprivation",
            lambda line: line.replace(",16.202091984974828,", ",lots,"),
            "la-deprivation-score “lots” is not a number in range.",
        ),
        (
            DEPRIVATION_FILE,
            "--deprivation",
            lambda line: line.rsplit(",", 3)[0],
            "expected 11 fields but found 8; is the row cut short?",
        ),
        (
            LABELS_FILE,
            "--profiles",
            lambda line: line.replace("; Urban", "; Metropolis"),
            "unknown rural-urban class “Metropolis”.",
        ),
        (
            LABELS_FILE,
            "--profiles",
            lambda line: line.replace("Emissions: Urban Mainstream; ", ""),
            "does not have four parts",
        ),
    ],
)
def test_a_malformed_row_is_refused_with_its_line_named_and_nothing_changes(
    tmp_path, shipped, option, edit, problem
):
    path, line = edited_copy(tmp_path, shipped, "BNE", edit)

    with pytest.raises(CommandError) as refusal:
        run_import(option, str(path))

    message = str(refusal.value)
    assert f"Line {line}: " in message
    assert problem in message
    assert "Nothing was changed." in message
    assert not Council.objects.exists()
    assert not CouncilProfile.objects.exists()


def test_a_refused_profile_file_leaves_an_earlier_import_as_it_was(tmp_path):
    run_import()
    before = (profiles(), similar_rows())
    path, _line = edited_copy(
        tmp_path, DEPRIVATION_FILE, "BNE", lambda line: line.replace(",4,8", ",9,8")
    )

    with pytest.raises(CommandError, match="is not a whole number from 1 to 5"):
        run_import("--deprivation", str(path))

    assert (profiles(), similar_rows()) == before


def test_a_council_left_out_of_the_labels_file_keeps_only_its_deprivation(tmp_path):
    run_import()

    output = run_import("--profiles", str(without(tmp_path, LABELS_FILE, "BNE")))

    barnet = CouncilProfile.objects.get(council__code="BNE")
    assert barnet.rural_urban == ""
    assert barnet.emissions == ""
    assert barnet.deprivation_quintile == 4
    assert "uk_local_authority_profiles.csv: 393 councils matched" in output
    assert "updated: 1" in output


def test_a_row_for_a_code_that_is_not_a_council_is_skipped_and_named(tmp_path):
    path, _line = edited_copy(tmp_path, LABELS_FILE, "BNE", lambda line: "ZZZ" + line[3:])

    output = run_import("--profiles", str(path))

    assert "Skipped, not a council in the database: ZZZ" in output
    assert "uk_local_authority_profiles.csv: 393 councils matched" in output


def test_the_credits_page_names_both_sources(client):
    response = client.get(reverse("pages:credits"))

    assert "Contains data from mySociety's Composite UK IMD, CC BY 4.0." in response.text
    assert "Contains data from mySociety's Local Authority Similarity, CC BY 4.0." in response.text
    assert "https://pages.mysociety.org/composite_uk_imd/" in response.text
    assert "https://pages.mysociety.org/local-authority-similarity/" in response.text


def test_a_councils_page_shows_its_profile_in_plain_english(client):
    run_import()

    response = client.get("/councils/cornwall/")

    assert_well_formed_page(response)
    text = " ".join(response.text.split())
    assert "In the middle fifth of UK councils for deprivation." in text
    assert "12% of people live in highly deprived neighbourhoods." in text
    assert "162 people per square kilometre" in text
    assert "Mostly rural" in text
    assert "Mostly from transport and homes" in text


def test_a_council_without_a_profile_says_so(client):
    Council.objects.create(
        code="XXX", official_name="Nowhere Council", short_name="Nowhere", slug="nowhere"
    )

    response = client.get("/councils/nowhere/")

    assert "There is no open data profile for Nowhere." in response.text
    assert "No similar councils have been worked out for Nowhere." in response.text
