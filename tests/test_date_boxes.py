"""GOV.UK's date input (ideabank/lib/forms.py): month names, and only the wrong boxes marked."""

import datetime
import re

import pytest
from django import forms
from django.template import Context, Template

from ideabank.lib.forms import GovukDateField, date_faults


class DateForm(forms.Form):
    start_date = GovukDateField(
        label="Start date", error_messages={"invalid": "Start date must be a real date"}
    )


def typed(day, month, year):
    return DateForm({"start_date_day": day, "start_date_month": month, "start_date_year": year})


def boxes_marked(form):
    return re.findall(r'name="start_date_(\w+)"[^>]*govuk-input--error', str(form["start_date"]))


def summary_links(form):
    html = Template('{% include "includes/error_summary.html" %}').render(Context({"form": form}))
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', html)


@pytest.mark.parametrize("month", ["3", "03", "March", "march", "Mar", "MAR", " mar "])
def test_a_month_is_read_as_a_number_or_a_name(month):
    form = typed("7", month, "2030")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["start_date"] == datetime.date(2030, 3, 7)


def test_september_may_be_written_sept():
    form = typed("1", "Sept", "2030")

    assert form.is_valid() and form.cleaned_data["start_date"] == datetime.date(2030, 9, 1)


@pytest.mark.parametrize(
    "day, month, year, message, marked",
    [
        ("7", "", "2030", "Start date must include a month", ["month"]),
        ("", "", "2030", "Start date must include a day and month", ["day", "month"]),
        ("7", "3", "30", "Year must include 4 numbers", ["year"]),
        ("32", "3", "2030", "Start date must be a real date", ["day"]),
        ("7", "Marc", "2030", "Start date must be a real date", ["month"]),
        ("7", "13", "2030", "Start date must be a real date", ["month"]),
        ("7", "3", "20x0", "Start date must be a real date", ["year"]),
        # Each box is fine alone, the date is not: all three are marked.
        ("31", "2", "2030", "Start date must be a real date", ["day", "month", "year"]),
    ],
)
def test_only_the_boxes_at_fault_are_marked_and_the_summary_links_to_the_first(
    day, month, year, message, marked
):
    form = typed(day, month, year)

    assert not form.is_valid()
    assert form.errors["start_date"] == [message]
    assert boxes_marked(form) == marked
    first = "id_start_date" if marked[0] == "day" else f"id_start_date_{marked[0]}"
    assert summary_links(form) == [(first, message)]


def test_a_box_typed_as_a_name_comes_back_as_typed():
    form = typed("", "March", "2030")

    assert not form.is_valid()
    assert 'name="start_date_month" value="March"' in str(form["start_date"])


def test_an_empty_date_marks_every_box_and_links_to_the_day():
    form = typed("", "", "")

    assert not form.is_valid()
    assert boxes_marked(form) == ["day", "month", "year"]
    assert [link for link, _message in summary_links(form)] == ["id_start_date"]


def test_a_valid_date_marks_nothing():
    form = typed("7", "3", "2030")

    assert form.is_valid()
    assert boxes_marked(form) == []


def test_a_whole_date_sent_by_an_older_page_is_still_read():
    form = DateForm({"start_date": "2030-05-01"})

    assert form.is_valid() and form.cleaned_data["start_date"] == datetime.date(2030, 5, 1)


def test_date_faults_finds_nothing_wrong_when_nothing_is_typed():
    assert date_faults("", "", "") == (None, [])
