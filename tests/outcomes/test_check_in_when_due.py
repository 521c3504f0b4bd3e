"""A check-in is answered once it is due, never before; once answered, it is corrected,
not recorded again. The people who answer it are told which, not refused."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ideas.models import TransitionNotAllowed
from outcomes.models import Outcome, months_after
from outcomes.services import record_benefits, schedule_check_ins
from pilots.models import Pilot

from ..html import assert_well_formed_page
from ..pilots.factories import publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

FIGURES = {"realised_cashable": "1200", "realised_cost_avoided": "300", "note": "Budget report"}


def published_months_ago(make_pilot, alice, months):
    """Alice's outcome, published `months` ago, with its check-ins scheduled from then."""
    outcome = publish(make_pilot(Pilot.Status.RUNNING), alice, recommend="yes")
    published = months_after(timezone.localdate(), -months)
    outcome.published_at = datetime.datetime.combine(
        published, datetime.time(12), tzinfo=datetime.UTC
    )
    outcome.save(update_fields=["published_at"])
    outcome.check_ins.all().delete()
    schedule_check_ins(outcome)
    return outcome


def check_in_url(outcome, months):
    return reverse("outcomes:check_in", kwargs={"pilot_pk": outcome.pilot_id, "months": months})


def date_text(day):
    return f"{day.day} {day:%B %Y}"


def assert_told_with_a_link(page, says, link):
    """A finished task: a page that says so and where to go, not the 403 page."""
    assert page.status_code == 200
    assert_well_formed_page(page)
    assert says in page.text
    assert f'href="{link}"' in page.text
    assert "You cannot access this page" not in page.text


@pytest.fixture
def just_published(make_pilot, alice):
    return published_months_ago(make_pilot, alice, 0)


def test_a_check_in_is_due_from_its_day_and_not_the_day_before(just_published):
    six = just_published.check_ins.get(months=6)

    assert not six.is_due(six.due_on - datetime.timedelta(days=1))
    assert six.is_due(six.due_on)
    assert six.is_due(six.due_on + datetime.timedelta(days=1))


def test_the_six_month_check_in_cannot_be_recorded_on_the_day_the_outcome_is_published(
    just_published, clients
):
    url = check_in_url(just_published, 6)
    due_on = just_published.check_ins.get(months=6).due_on

    page = clients["alice"].get(url)

    assert page.status_code == 200
    assert_well_formed_page(page)
    assert (
        f"You can record savings after 6 months from {date_text(due_on)}. We will email you then."
        in " ".join(page.text.split())
    )
    assert 'name="realised_cashable"' not in page.text

    refused = clients["alice"].post(url, FIGURES)

    assert refused.status_code == 200
    assert "too early to record the savings after 6 months" in refused.text
    assert not just_published.check_ins.answered().exists()


def test_a_manager_is_told_the_lead_will_be_emailed(just_published, clients):
    page = clients["bob"].get(check_in_url(just_published, 12))

    assert "We will email the pilot’s lead then." in page.text
    assert "We will email you then." not in page.text


def test_the_twelve_month_check_in_stays_closed_eight_months_on(make_pilot, alice, clients):
    outcome = published_months_ago(make_pilot, alice, 8)

    six = clients["alice"].get(check_in_url(outcome, 6))
    twelve = clients["alice"].post(check_in_url(outcome, 12), FIGURES)

    assert 'name="realised_cashable"' in six.text
    assert "too early to record the savings after 12 months" in twelve.text
    assert not outcome.check_ins.answered().exists()


def test_the_service_refuses_a_check_in_before_it_is_due(just_published, alice):
    six = just_published.check_ins.get(months=6)

    with pytest.raises(TransitionNotAllowed, match="not due yet"):
        record_benefits(
            check_in=six, by=alice, realised_cashable=Decimal(0), realised_cost_avoided=0
        )

    six.refresh_from_db()
    assert six.answered_at is None


def test_the_outcome_page_links_only_the_check_ins_that_are_due(make_pilot, alice, clients):
    outcome = published_months_ago(make_pilot, alice, 8)
    twelve = outcome.check_ins.get(months=12)

    page = clients["alice"].get(outcome.get_absolute_url()).text

    assert check_in_url(outcome, 6) in page
    assert check_in_url(outcome, 12) not in page
    assert f"You can record savings after 12 months from {date_text(twelve.due_on)}." in page
    # Only the people who answer check-ins are shown them.
    assert "Savings still to record" not in clients["carol"].get(outcome.get_absolute_url()).text


def test_an_answered_check_in_says_it_is_recorded_and_links_to_correct_it(outcome, alice, clients):
    six = record_benefits(
        check_in=outcome.check_ins.get(months=6),
        by=alice,
        realised_cashable=Decimal(1500),
        realised_cost_avoided=Decimal(0),
        note="Finance report",
    )
    correct = reverse(
        "outcomes:correct_check_in", kwargs={"pilot_pk": outcome.pilot_id, "months": 6}
    )

    page = clients["bob"].get(check_in_url(outcome, 6))
    again = clients["alice"].post(check_in_url(outcome, 6), FIGURES)

    assert_told_with_a_link(page, "The savings after 6 months are already recorded", correct)
    assert again.status_code == 200
    six.refresh_from_db()
    assert (six.realised_cashable, six.note) == (Decimal(1500), "Finance report")


@pytest.mark.parametrize("person", ["amir", "carol"])
def test_people_who_do_not_answer_check_ins_are_still_refused(outcome, clients, person):
    assert clients[person].get(check_in_url(outcome, 6)).status_code == 403
    assert clients[person].get(check_in_url(outcome, 12)).status_code == 403


def test_a_published_outcome_is_not_written_again_and_the_page_says_so(running, alice, clients):
    outcome = publish(running, alice, learned="Texts work.")
    url = reverse("outcomes:write", kwargs={"pilot_pk": running.pk})

    page = clients["bob"].get(url)
    again = clients["alice"].post(url, {"verdict": "did_not_work", "learned": "Another story."})

    assert_told_with_a_link(
        page, "This pilot’s outcome is already published", outcome.get_absolute_url()
    )
    assert again.status_code == 200
    assert list(Outcome.objects.filter(pilot=running).values_list("learned", flat=True)) == [
        "Texts work."
    ]
    # Anyone else who can see the pilot may still not write it.
    assert clients["carol"].get(url).status_code == 403
    assert clients["amir"].get(url).status_code == 403
