"""The GOV.UK select writes its options itself (ideabank/templatetags/govuk_forms.py)."""

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

TRICKY = [
    ("", gettext_lazy("All councils")),
    ("brent", "Brent (12)"),
    ('a"b', "Quotes \" and ' and <b>tags</b> & ampersands"),
    ("safe", mark_safe("<em>Already safe</em>")),  # noqa: S308 (a constant)
    (7, "A number as the value"),
]


def option_as_django_writes_it(value, label, selected):
    return format_html(
        '\n  <option value="{}"{}>{}</option>', str(value), " selected" if selected else "", label
    )


def test_options_are_escaped_as_django_escapes_them():
    html = forms.Select(choices=TRICKY).render("council", 'a"b')

    expected = "".join(
        option_as_django_writes_it(value, label, value == 'a"b') for value, label in TRICKY
    )
    assert expected in html
    assert "<b>" not in html
    assert "<em>Already safe</em>" in html


def test_only_the_chosen_option_is_selected():
    html = forms.Select(choices=TRICKY).render("council", "brent")

    assert html.count(" selected") == 1
    assert '<option value="brent" selected>Brent (12)</option>' in html


def test_groups_are_written_around_their_options():
    choices = [("London & South", [("brent", "Brent"), ("ealing", "Ealing")]), ("", "None")]

    html = forms.Select(choices=choices).render("council", "ealing")

    assert '<optgroup label="London &amp; South">' in html
    assert html.index("<optgroup") < html.index('value="brent"') < html.index("</optgroup>")
    assert '<option value="ealing" selected>Ealing</option>' in html
