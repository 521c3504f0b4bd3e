"""The experiment card form refuses impossible limits, in GOV.UK words, and changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from pilots.models import Pilot

from ..html import assert_well_formed_page
from .helpers import card_as_posted, has_error_summary

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def edit(client, pilot, data):
    return client.post(reverse("pilots:edit", kwargs={"pk": pilot.pk}), data)


def test_the_card_form_has_one_h1_and_labelled_inputs(make_pilot, clients):
    pilot = make_pilot()

    response = clients["alice"].get(reverse("pilots:edit", kwargs={"pk": pilot.pk}))

    assert response.status_code == 200
    assert_well_formed_page(response)


def test_a_negative_budget_cap_is_refused_and_changes_nothing(make_pilot, clients):
    pilot = make_pilot(budget_cap=Decimal("5000.00"), title="Text reminders")

    response = edit(
        clients["alice"], pilot, card_as_posted(pilot, budget_cap="-1", title="Changed")
    )

    assert response.status_code == 200
    assert has_error_summary(response)
    assert "<title>Error:" in response.content.decode()
    assert "The most it may spend must be £0 or more" in response.content.decode()
    pilot.refresh_from_db()
    assert (pilot.budget_cap, pilot.title) == (Decimal("5000.00"), "Text reminders")


def test_an_end_date_before_the_start_date_is_refused_and_changes_nothing(make_pilot, clients):
    pilot = make_pilot()
    before = (pilot.start_date, pilot.end_date)

    response = edit(
        clients["alice"],
        pilot,
        card_as_posted(pilot, start_date="2030-05-01", end_date="2030-04-30"),
    )

    assert has_error_summary(response)
    assert "End date must be the same as or after the start date" in response.content.decode()
    assert '<a href="#id_end_date">' in response.content.decode()
    pilot.refresh_from_db()
    assert (pilot.start_date, pilot.end_date) == before


def test_a_date_that_is_not_a_real_date_is_refused(make_pilot, clients):
    pilot = make_pilot()

    response = edit(clients["alice"], pilot, card_as_posted(pilot, end_date="2030-02-31"))

    assert "End date must be a real date" in response.content.decode()


def test_an_empty_required_field_says_what_to_enter(make_pilot, clients):
    pilot = make_pilot()

    response = edit(clients["alice"], pilot, card_as_posted(pilot, rollback_plan=""))

    assert "Enter how you will undo it" in response.content.decode()
    assert Pilot.objects.get(pk=pilot.pk).rollback_plan == pilot.rollback_plan


def test_amounts_are_accepted_as_people_type_them(make_pilot, clients):
    pilot = make_pilot()

    edit(clients["alice"], pilot, card_as_posted(pilot, budget_cap="£12,500.50"))

    assert Pilot.objects.get(pk=pilot.pk).budget_cap == Decimal("12500.50")


def test_the_lead_must_be_a_member_of_the_pilots_council(make_pilot, clients, carol):
    pilot = make_pilot()

    response = edit(clients["bob"], pilot, card_as_posted(pilot, lead=str(carol.pk)))

    assert "Select a lead from your council" in response.content.decode()
    assert Pilot.objects.get(pk=pilot.pk).lead_id == pilot.lead_id


def test_the_database_refuses_a_negative_budget_or_an_end_before_the_start(make_pilot):
    from django.db import IntegrityError, transaction

    pilot = make_pilot()
    with pytest.raises(IntegrityError), transaction.atomic():
        Pilot.objects.filter(pk=pilot.pk).update(budget_cap=Decimal("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Pilot.objects.filter(pk=pilot.pk).update(
            end_date=pilot.start_date - datetime.timedelta(days=1)
        )


def test_the_budget_shows_whole_pounds_after_a_pound_sign(make_pilot, clients):
    pilot = make_pilot(budget_cap=Decimal("2500.00"))
    html = clients["alice"].get(reverse("pilots:edit", kwargs={"pk": pilot.pk})).content.decode()

    field = html[html.index('name="budget_cap"') - 300 : html.index('name="budget_cap"') + 200]
    assert '<div class="govuk-input__prefix" aria-hidden="true">£</div>' in field
    assert 'value="2500"' in field and "2500.00" not in field
    # Pence stay when there are some.
    Pilot.objects.filter(pk=pilot.pk).update(budget_cap=Decimal("2500.50"))
    html = clients["alice"].get(reverse("pilots:edit", kwargs={"pk": pilot.pk})).content.decode()
    assert 'value="2500.50"' in html


def as_boxes(data, field, day, month, year):
    """`data` with `field` sent as GOV.UK's Day, Month and Year boxes, as the page sends it."""
    data = {key: value for key, value in data.items() if key != field}
    return {**data, f"{field}_day": day, f"{field}_month": month, f"{field}_year": year}


def test_the_card_asks_for_dates_in_day_month_and_year_boxes(make_pilot, clients):
    pilot = make_pilot(start_date=datetime.date(2030, 5, 1))

    html = clients["alice"].get(reverse("pilots:edit", kwargs={"pk": pilot.pk})).content.decode()

    assert 'type="date"' not in html
    start = html.split("Start date</legend>")[1].split("</fieldset>")[0]
    assert 'class="govuk-date-input"' in start
    for label, name, value in (
        ("Day", "day", "1"),
        ("Month", "month", "5"),
        ("Year", "year", "2030"),
    ):
        assert f'for="id_start_date{"" if name == "day" else "_" + name}">{label}</label>' in start
        assert f'name="start_date_{name}" value="{value}"' in start
    assert 'id="id_start_date"' in start and 'inputmode="numeric"' in start


def test_dates_typed_in_the_boxes_are_saved(make_pilot, clients):
    pilot = make_pilot()
    data = as_boxes(card_as_posted(pilot), "start_date", "7", "3", "2030")
    data = as_boxes(data, "end_date", "30", "04", "2030")

    response = edit(clients["alice"], pilot, data)

    assert response.status_code == 302
    pilot.refresh_from_db()
    assert (pilot.start_date, pilot.end_date) == (
        datetime.date(2030, 3, 7),
        datetime.date(2030, 4, 30),
    )


@pytest.mark.parametrize(
    "day, month, year, message, first_wrong_box",
    [
        ("31", "2", "2030", "Start date must be a real date", "id_start_date"),
        ("7", "", "2030", "Start date must include a month", "id_start_date_month"),
        ("", "", "2030", "Start date must include a day and month", "id_start_date"),
        ("7", "3", "30", "Year must include 4 numbers", "id_start_date_year"),
        ("7", "Marc", "2030", "Start date must be a real date", "id_start_date_month"),
        ("", "", "", "Enter the start date", "id_start_date"),
    ],
)
def test_a_date_that_is_not_real_is_refused_and_shown_as_typed(
    make_pilot, clients, day, month, year, message, first_wrong_box
):
    pilot = make_pilot(title="Text reminders")
    before = pilot.start_date
    data = as_boxes(card_as_posted(pilot, title="Changed"), "start_date", day, month, year)

    response = edit(clients["alice"], pilot, data)

    html = response.content.decode()
    assert response.status_code == 200 and has_error_summary(response)
    assert f'<a href="#{first_wrong_box}">{message}</a>' in html
    start = html.split("Start date</legend>")[1].split("</fieldset>")[0]
    assert "govuk-input--error" in start
    for name, value in (("day", day), ("month", month), ("year", year)):
        assert f'name="start_date_{name}" value="{value}"' in start or not value
    pilot.refresh_from_db()
    assert (pilot.start_date, pilot.title) == (before, "Text reminders")
