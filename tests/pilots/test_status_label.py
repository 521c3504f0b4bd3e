"""A pilot's status in words (Pilot.status_label), as pages and downloads show it."""

import datetime

import pytest

from pilots.models import Pilot

TODAY = datetime.date(2026, 12, 8)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("pilots.models.timezone.localdate", lambda: TODAY)


def signed_off(start_date):
    return Pilot(status=Pilot.Status.RUNNING, start_date=start_date)


def test_a_pilot_that_starts_later_this_year_says_the_day_and_month():
    assert signed_off(datetime.date(2026, 12, 21)).status_label == "Signed off, starts 21 December"


def test_a_pilot_that_starts_next_year_says_the_year_too():
    label = signed_off(datetime.date(2027, 1, 11)).status_label

    assert label == "Signed off, starts 11 January 2027"


def test_a_running_pilot_says_running():
    assert signed_off(TODAY).status_label == "Running"


def test_a_card_sent_for_sign_off_says_so():
    card = Pilot(status=Pilot.Status.PLANNED, start_date=TODAY, sign_off_requested_at=TODAY)

    assert card.status_label == "Waiting for sign-off"
