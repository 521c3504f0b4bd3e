"""The outcome form's structured measure: optional, in a fieldset of its own, validated."""

from decimal import Decimal

import pytest

from outcomes.models import Outcome

from ..html import assert_well_formed_page
from .test_publish import VALID, write_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

MEASURE = {
    "measure_name": "Missed bin collections",
    "measure_unit": "per 1,000 households",
    "measure_baseline": "1,400",
    "measure_result": "10.5",
    "measure_comparison": "",
}


def test_the_form_asks_for_the_measure_in_a_fieldset_of_its_own(running, clients):
    response = clients["alice"].get(write_url(running))

    html = response.content.decode()
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">' in html
    assert "The measure, in numbers" in html
    for name in MEASURE:
        assert f'name="{name}"' in html
    assert_well_formed_page(response)


def test_the_measure_is_saved_with_the_outcome(running, clients):
    response = clients["alice"].post(write_url(running), {**VALID, **MEASURE})

    assert response.status_code == 302
    outcome = Outcome.objects.get(pilot=running)
    assert outcome.measure_name == "Missed bin collections"
    assert outcome.measure_unit == "per 1,000 households"
    assert (outcome.measure_baseline, outcome.measure_result) == (Decimal(1400), Decimal("10.5"))
    assert outcome.measure_comparison is None
    page = clients["carol"].get(outcome.get_absolute_url()).content.decode()
    assert "Missed bin collections (per 1,000 households):" in page
    assert "1,400 before, 10.5 after" in page


def test_an_outcome_without_numbers_is_published_as_before(running, clients):
    response = clients["alice"].post(write_url(running), VALID)

    assert response.status_code == 302
    outcome = Outcome.objects.get(pilot=running)
    assert (outcome.measure_name, outcome.measure_result) == ("", None)
    assert not outcome.has_measure


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ({"measure_unit": "days"}, "measure_name", "Enter what was measured, or leave every"),
        ({"measure_name": "Days"}, "measure_result", "Enter the result, or leave every part"),
        ({**MEASURE, "measure_baseline": "about 14"}, "measure_baseline", "Baseline must be a"),
        ({**MEASURE, "measure_comparison": "1e5"}, "measure_comparison", "must be a number"),
        ({**MEASURE, "measure_result": "NaN"}, "measure_result", "must be a number"),
        ({**MEASURE, "measure_comparison": "1" + "0" * 10}, "measure_comparison", "under 10"),
        ({**MEASURE, "measure_result": "1.23456"}, "measure_result", "at most 4 decimal places"),
    ],
)
def test_a_half_given_or_wrong_measure_is_refused_and_nothing_is_lost(
    running, clients, given, field, message
):
    response = clients["alice"].post(write_url(running), {**VALID, **given})

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'href="#id_{field}"' in html
    assert message in html
    assert "Most missed bins were access problems" in html  # the rest of the form is kept
    for value in given.values():
        if value:
            assert f'value="{value}"' in html
    assert not Outcome.objects.filter(pilot=running).exists()
    assert response.context["measure_form"].errors
