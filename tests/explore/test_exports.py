"""Downloads of the lists: the same rows as the page, for each person, safe to open."""

import csv
import datetime
import io
import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

import openpyxl
import pytest
from django.urls import reverse

from audit.models import AuditEvent

from .conftest import MARKER, make_pilot
from .test_queries import add_rows

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

PREAMBLE_LINES = 4  # title, generated on, licence, a blank line
# The link of each row on a page: a heading (browse lists) or a row header (tables).
ROW_LINK = re.compile(
    r'(?:<h3 class="govuk-heading-s govuk-!-margin-bottom-1">'
    r'|<th scope="row" class="govuk-table__header">\s*)'
    r'<a class="govuk-link" href="([^"]+)">'
)
FILTERS = [
    "",
    "?theme=waste-and-recycling&sort=adopted",
    "?q=pilot",
    # The page's form rejects the last three, so the page and the file leave them out.
    "?status=completed&evidence=99&added_from=not-a-date&page=7",
]
# Each list page, its path arguments, and the name of its downloads (explore:<name>_csv).
LISTS = [
    ("explore:experiments", (), "experiments"),
    ("explore:ideas", (), "ideas"),
    ("explore:council", ("barnet",), "council"),
    ("explore:partnership", ("west-london-alliance",), "partnership"),
    ("outcomes:list", (), "outcomes"),
    ("councils:list", (), "councils"),
    ("councils:partnerships", (), "partnerships"),
]


@pytest.fixture(autouse=True)
def downloads_are_not_limited_by_default(monkeypatch):
    monkeypatch.setattr("explore.export_views.VISITOR_DOWNLOADS_PER_MINUTE", 1000)


def download_url(name, args, fmt, query=""):
    return reverse(f"explore:{name}_{fmt}", args=args) + query


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_lines(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def xlsx_lines(response):
    assert response.status_code == 200, response.status_code
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True)
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def as_text(cell):
    """A spreadsheet cell as the CSV writes it."""
    if cell is None:
        return ""
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat()
    return str(cell)


def comparable(lines):
    """Lines as text, numbers as numbers: the CSV writes 1200.00 where Excel keeps 1200."""

    def cell(value):
        text = as_text(value)
        try:
            return Decimal(text)
        except InvalidOperation:
            return text

    return [[cell(value) for value in line] for line in lines]


def data_rows(lines):
    """The header and the rows below it."""
    return lines[PREAMBLE_LINES], lines[PREAMBLE_LINES + 1 :]


def links_on_page(response):
    assert response.status_code == 200
    return ROW_LINK.findall(response.content.decode())


def links_in_file(lines):
    header, rows = data_rows(lines)
    column = header.index("Link")
    return [urlsplit(row[column]).path for row in rows]


@pytest.mark.parametrize("person", ["visitor", "carol", "dan"])
@pytest.mark.parametrize(("page_name", "args", "name"), LISTS)
def test_a_download_holds_the_rows_of_the_page_in_its_order_for_each_person(
    client_for, carol, dan, world, person, page_name, args, name
):
    client = client_for({"visitor": None, "carol": carol, "dan": dan}[person])
    page = reverse(page_name, args=args)
    for query in FILTERS:
        on_page = links_on_page(client.get(page + query))
        for fmt, read in (("csv", csv_lines), ("xlsx", xlsx_lines)):
            lines = read(client.get(download_url(name, args, fmt, query)))

            assert links_in_file([[as_text(cell) for cell in line] for line in lines]) == on_page
            if person != "carol":
                assert MARKER not in str(lines), (page_name, query, fmt)


def test_the_pages_rows_and_the_files_are_not_empty_for_a_partner(client_for, carol, world):
    """The comparison above means something: carol's lists hold rows, and her partners'."""
    client = client_for(carol)
    experiments = links_on_page(client.get(reverse("explore:experiments")))
    ideas = links_on_page(client.get(reverse("explore:ideas")))

    assert world["partners_pilot"].get_absolute_url() in experiments
    assert world["council_pilot"].get_absolute_url() not in experiments
    assert world["partners_idea"].get_absolute_url() in ideas
    assert world["draft_idea"].get_absolute_url() not in ideas


def test_a_visitor_and_dan_never_get_barnets_private_rows(client_for, dan, world):
    for person in (None, dan):
        client = client_for(person)
        for page_name, args, name in LISTS:
            lines = csv_lines(client.get(download_url(name, args, "csv", f"?q={MARKER}")))

            # The address in the "generated from" line repeats the search: leave it out.
            assert MARKER not in str(lines[PREAMBLE_LINES:]), page_name
            assert world["council_pilot"].get_absolute_url() not in str(lines)


def test_the_file_says_what_it_is_when_it_was_made_and_its_licence(client, world):
    lines = csv_lines(client.get(download_url("experiments", (), "csv", "?theme=x")))

    assert lines[0] == ["Experiments"]
    assert lines[1][0].startswith("Generated on ")
    assert lines[1][0].endswith("/browse/experiments/download.csv?theme=x")
    assert "Open Government Licence v3.0" in lines[2][0]
    assert lines[3] == []
    assert lines[4][:3] == ["Experiment", "Link", "Status"]


def test_a_member_is_told_some_rows_may_not_be_public(client_for, carol, world):
    lines = csv_lines(client_for(carol).get(download_url("ideas", (), "csv")))

    assert lines[2][0].startswith("Some rows may be shared with councils only")


def test_each_row_of_a_members_file_says_who_can_see_it(client_for, alice, world):
    lines = csv_lines(client_for(alice).get(download_url("experiments", (), "csv")))
    header, rows = data_rows(lines)
    who = {row[0]: row[header.index("Who can see it")] for row in rows}

    assert who["Text reminders before bin day"] == "Everyone, including the public"
    assert who[world["partners_pilot"].title] == "Staff of Barnet and its partner councils"
    assert who[world["council_pilot"].title] == "Staff of Barnet"
    lines = csv_lines(client_for(alice).get(download_url("ideas", (), "csv")))
    assert "Who can see it" in lines[PREAMBLE_LINES]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text(
    client, alice, world, start
):
    title = f'{start}HYPERLINK("https://evil.example","Click")'
    make_pilot(alice.membership.council, alice, title=title, summary=f"{start}1+1")
    csv_rows = data_rows(csv_lines(client.get(download_url("experiments", (), "csv"))))[1]
    xlsx_rows = data_rows(xlsx_lines(client.get(download_url("experiments", (), "xlsx"))))[1]

    summary = data_rows(csv_lines(client.get(download_url("experiments", (), "csv"))))[0]
    summary = summary.index("Summary")
    for rows in (csv_rows, xlsx_rows):
        row = next(row for row in rows if "HYPERLINK" in str(row[0]))
        # XML reads a carriage return back as a line feed; the apostrophe stays first.
        assert row[0].replace("\n", "\r") == ("'" + title).replace("\n", "\r")
        assert row[summary].replace("\n", "\r") == f"'{start}1+1".replace("\n", "\r")


def test_an_excel_file_has_the_same_lines_as_the_csv(client_for, carol, world):
    client = client_for(carol)
    for page_name, args, name in LISTS:
        from_csv = csv_lines(client.get(download_url(name, args, "csv")))
        from_xlsx = xlsx_lines(client.get(download_url(name, args, "xlsx")))

        # All but the "generated from" line, whose address ends .csv or .xlsx.
        assert from_xlsx[0] == from_csv[0]
        assert comparable(from_xlsx[2:]) == comparable(from_csv[2:])
        assert len(from_csv) > PREAMBLE_LINES + 1, page_name


def test_an_excel_file_is_named_and_sent_as_a_spreadsheet(client, world):
    response = client.get(download_url("experiments", (), "xlsx"))
    body(response)

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert re.fullmatch(
        r'attachment; filename="experiments-\d{4}-\d\d-\d\d\.xlsx"',
        response["Content-Disposition"],
    )
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("person", ["visitor", "dan", "alice"])
def test_a_download_makes_the_same_few_queries_with_10_or_100_rows(
    client_for, alice, dan, theme, django_assert_max_num_queries, person
):
    client = client_for({"visitor": None, "dan": dan, "alice": alice}[person])
    client.get(reverse("home"))  # the session's once-a-minute write happens here
    for total in (10, 100):
        add_rows(total // 2 if total == 10 else total - 10, alice, dan, theme)
        for _page_name, args, name in LISTS:
            for fmt in ("csv", "xlsx"):
                # The session and person, the audit row, the rows, their themes.
                with django_assert_max_num_queries(8):
                    response = client.get(download_url(name, args, fmt, "?sort=adopted"))
                    body(response)


def test_a_members_download_is_recorded_in_the_audit_log_with_its_filters(
    client_for, carol, world
):
    body(client_for(carol).get(download_url("experiments", (), "xlsx", "?theme=waste")))

    event = AuditEvent.objects.get(kind=AuditEvent.Kind.EXPORT)
    assert event.actor == carol
    assert event.council_id == carol.membership.council_id
    assert event.subject == "Experiments (XLSX)"
    assert event.detail == "theme=waste"


def test_a_visitors_download_is_not_recorded_but_stops_after_a_few_a_minute(
    client, world, monkeypatch
):
    monkeypatch.setattr("explore.export_views.VISITOR_DOWNLOADS_PER_MINUTE", 3)
    url = download_url("outcomes", (), "csv")
    for _number in range(3):
        assert client.get(url).status_code == 200

    response = client.get(url)

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "You have made too many requests" in response.content.decode()
    assert "Wait a minute and try again" in response.content.decode()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).exists()


def test_a_visitors_download_stops_where_the_pages_stop(client, alice, monkeypatch):
    monkeypatch.setattr("explore.export_views.VISITOR_ROWS", 2)
    for number in range(3):
        make_pilot(alice.membership.council, alice, title=f"Public pilot {number}")

    lines = csv_lines(client.get(download_url("experiments", (), "csv")))

    assert len(data_rows(lines)[1]) == 2


@pytest.mark.parametrize(
    "query",
    [
        "?sort=price&evidence=abc&status=nope&council=x-y",
        "?q=" + "a" * 500 + "&added_to=31/02/2026&page=-1",
        "?nation=Atlantis&include_former=maybe&authority_type=zz&region=nowhere",
        "?theme[]=1&theme=2&partnership=" + "p" * 300,
    ],
)
def test_a_bad_query_string_is_left_out_never_an_error(client_for, dan, world, query):
    client = client_for(dan)
    for page_name, args, name in LISTS:
        for fmt in ("csv", "xlsx"):
            response = client.get(download_url(name, args, fmt, query))

            assert response.status_code == 200, (page_name, fmt, query)
            body(response)


def test_a_null_character_in_the_query_string_is_refused_with_400(client_for, dan, world):
    response = client_for(dan).get(download_url("experiments", (), "csv", "?council=x%00y"))

    assert response.status_code == 400


def test_a_download_of_an_unknown_council_is_not_found(client, db):
    assert client.get(download_url("council", ("nowhere",), "csv")).status_code == 404


@pytest.mark.parametrize(("page_name", "args", "name"), LISTS)
def test_each_list_page_links_to_its_downloads_with_its_filters(
    client, world, page_name, args, name
):
    html = client.get(reverse(page_name, args=args) + "?sort=newest").content.decode()

    for fmt in ("csv", "xlsx"):
        url = download_url(name, args, fmt, "?sort=newest")
        assert f'href="{url}"' in html, (page_name, fmt)
    assert "Download as CSV" in html
    assert "Download as Excel (XLSX)" in html


@pytest.mark.parametrize(
    ("page_name", "what"),
    [
        ("explore:experiments", "experiment"),
        ("explore:did_not_work", "pilot that did not work"),
        ("councils:partnerships", "partnership"),
    ],
)
def test_the_download_links_say_what_they_hold_in_a_sentence_to_a_screen_reader(
    client, world, page_name, what
):
    html = client.get(reverse(page_name)).content.decode()

    hidden = f'<span class="govuk-visually-hidden">: every {what} in this list</span>'
    assert f"Download as CSV{hidden}" in html
    assert f"Download as Excel (XLSX){hidden}" in html
    assert f"({what})" not in html
