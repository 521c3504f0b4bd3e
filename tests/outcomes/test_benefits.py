"""Benefits after the pilot: the projected saving's split, and the 6- and 12-month check-ins.

Time is passed to the task (`today`), as no time-freezing library is installed.
"""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ideas.models import TransitionNotAllowed
from outbox.models import OutgoingEmail
from outcomes.models import Outcome, months_after
from outcomes.services import record_benefits
from outcomes.tasks import remind_benefit_check_ins
from pilots.models import Pilot

from ..html import assert_well_formed_page
from ..pilots.factories import PilotFactory, publish
from ..pilots.helpers import has_error_summary

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def run(capture, day):
    with capture(execute=True):
        return remind_benefit_check_ins.delay(day.isoformat()).get()


def reminders():
    return [message for message in mail.outbox if "months on" in message.subject]


def test_six_and_twelve_months_fall_on_the_same_day_or_the_months_last():
    assert months_after(datetime.date(2026, 1, 31), 6) == datetime.date(2026, 7, 31)
    assert months_after(datetime.date(2025, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert months_after(datetime.date(2026, 3, 15), 12) == datetime.date(2027, 3, 15)


def test_an_outcome_that_recommends_carrying_on_gets_two_check_ins(make_pilot, alice):
    pilot = make_pilot(Pilot.Status.RUNNING)
    outcome = publish(pilot, alice, recommend=Outcome.Recommendation.WITH_CHANGES)
    published_on = timezone.localdate(outcome.published_at)
    assert [(c.months, c.due_on) for c in outcome.check_ins.all()] == [
        (6, months_after(published_on, 6)),
        (12, months_after(published_on, 12)),
    ]


def test_an_outcome_that_does_not_recommend_it_gets_none(make_pilot, alice):
    pilot = make_pilot(Pilot.Status.RUNNING)
    outcome = publish(pilot, alice, recommend=Outcome.Recommendation.NO)
    assert not outcome.check_ins.exists()


def test_an_adoptions_outcome_gets_check_ins_even_if_it_would_not_recommend_it(
    make_pilot, carol, brent
):
    source = make_pilot(Pilot.Status.COMPLETED)
    copy = PilotFactory(council=brent, lead=carol, adapted_from=source, status="running")
    outcome = publish(copy, carol, recommend=Outcome.Recommendation.NO)
    assert sorted(outcome.check_ins.values_list("months", flat=True)) == [6, 12]


def test_each_reminder_is_sent_once_at_six_months_and_once_at_twelve(
    outcome, django_capture_on_commit_callbacks
):
    days = {
        "the day before six months": datetime.date(2026, 7, 30),
        "six months": datetime.date(2026, 7, 31),
        "the day after": datetime.date(2026, 8, 1),
        "a month later": datetime.date(2026, 9, 1),
        "the day before twelve months": datetime.date(2027, 1, 30),
        "twelve months": datetime.date(2027, 1, 31),
        "a year and a month": datetime.date(2027, 3, 1),
    }
    claimed = {
        name: run(django_capture_on_commit_callbacks, day)["claimed"] for name, day in days.items()
    }

    assert claimed == {
        "the day before six months": 0,
        "six months": 1,
        "the day after": 0,
        "a month later": 0,
        "the day before twelve months": 0,
        "twelve months": 1,
        "a year and a month": 0,
    }
    sent = reminders()
    assert [message.to for message in sent] == [["alice@barnet.gov.uk"]] * 2
    assert [message.subject.split(": ")[1] for message in sent] == ["6 months on", "12 months on"]
    assert "Bin texts" in sent[0].subject
    url = reverse("outcomes:check_in", kwargs={"pilot_pk": outcome.pilot_id, "months": 6})
    assert url in sent[0].body


def test_a_reminder_is_queued_only_once_its_claim_commits(
    outcome, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        remind_benefit_check_ins.delay("2026-07-31")

    assert reminders() == []
    queued = OutgoingEmail.objects.filter(key__startswith="benefit_check_in:")
    assert list(queued.values_list("to", "status")) == [("alice@barnet.gov.uk", "pending")]
    assert len(callbacks) == 1


def test_a_check_in_answered_before_the_reminders_run_gets_none(
    outcome, alice, django_capture_on_commit_callbacks
):
    six = outcome.check_ins.get(months=6)
    record_benefits(
        check_in=six, by=alice, realised_cashable=Decimal(30), realised_cost_avoided=0, note="n"
    )
    assert run(django_capture_on_commit_callbacks, datetime.date(2026, 8, 1))["claimed"] == 0
    assert reminders() == []
    # The twelve-month check-in is still asked for.
    assert run(django_capture_on_commit_callbacks, datetime.date(2027, 2, 1))["claimed"] == 1


def test_an_answered_check_in_leaves_the_home_page_and_cannot_be_answered_twice(
    outcome, alice, client_for
):
    # Published on 31 January 2026, so the six-month check-in is due by now.
    client = client_for(alice)
    url = reverse("outcomes:check_in", kwargs={"pilot_pk": outcome.pilot_id, "months": 6})
    assert url in client.get(reverse("home")).content.decode()

    response = client.post(
        url,
        {"realised_cashable": "£1,200", "realised_cost_avoided": "300", "note": "Budget report"},
    )

    assert response.status_code == 302
    six = outcome.check_ins.get(months=6)
    assert (six.realised_cashable, six.realised_cost_avoided, six.answered_by) == (
        Decimal("1200"),
        Decimal("300"),
        alice,
    )
    assert url not in client.get(reverse("home")).content.decode()
    assert "already recorded" in client.get(url).content.decode()
    with pytest.raises(TransitionNotAllowed):
        record_benefits(
            check_in=six, by=alice, realised_cashable=1, realised_cost_avoided=1, note="again"
        )
    page = client.get(outcome.get_absolute_url()).content.decode()
    assert "£1,200" in page and "Budget report" in page


def test_the_check_in_form_keeps_what_was_typed_when_it_is_refused(outcome, alice, client_for):
    client = client_for(alice)
    url = reverse("outcomes:check_in", kwargs={"pilot_pk": outcome.pilot_id, "months": 6})
    response = client.post(url, {"realised_cashable": "-5", "realised_cost_avoided": "300"})

    assert has_error_summary(response)
    page = response.content.decode()
    assert "Cashable saving must be £0 or more" in page
    assert "Enter how you know" in page
    assert 'value="300"' in page
    assert_well_formed_page(page)
    assert outcome.check_ins.answered().count() == 0


@pytest.mark.parametrize("person", ["amir", "carol", "dan", "visitor"])
def test_only_the_lead_and_managers_record_savings(outcome, clients, person):
    url = reverse("outcomes:check_in", kwargs={"pilot_pk": outcome.pilot_id, "months": 6})
    response = clients[person].post(
        url, {"realised_cashable": "1", "realised_cost_avoided": "1", "note": "n"}
    )
    # Carol (a partner) sees the pilot but may not record; dan does not see it at all.
    expected = {"amir": 403, "carol": 403, "dan": 404, "visitor": 302}[person]
    assert response.status_code == expected
    assert outcome.check_ins.answered().count() == 0


def test_a_manager_may_record_savings(outcome, clients):
    url = reverse("outcomes:check_in", kwargs={"pilot_pk": outcome.pilot_id, "months": 6})
    response = clients["bob"].post(
        url, {"realised_cashable": "0", "realised_cost_avoided": "0", "note": "Nothing yet"}
    )
    assert response.status_code == 302
    assert outcome.check_ins.get(months=6).realised_total == 0


def test_a_lead_who_left_is_replaced_by_the_councils_managers(
    outcome, alice, brent, erin, django_capture_on_commit_callbacks
):
    alice.membership.council = brent
    alice.membership.save()
    run(django_capture_on_commit_callbacks, datetime.date(2026, 7, 31))
    assert sorted(m.to[0] for m in reminders()) == ["bob@barnet.gov.uk", "erin@barnet.gov.uk"]


# The projected saving, split


def test_the_split_adds_up_to_the_projected_saving_or_gives_it(make_pilot, alice, client_for):
    from outcomes.forms import OutcomeForm

    base = {
        "verdict": "worked",
        "expected_result": "e",
        "measured_result": "m",
        "learned": "l",
        "do_differently": "d",
        "recommend": "yes",
        "evidence_level": "2",
        "actual_cost": "100",
    }
    given_split = OutcomeForm(
        {**base, "cashable_saving": "700", "cost_avoided": ""}, ending="completed"
    )
    assert given_split.is_valid(), given_split.errors
    assert given_split.cleaned_data["yearly_saving"] == Decimal("700")
    assert given_split.cleaned_data["cost_avoided"] == 0

    wrong = OutcomeForm(
        {**base, "yearly_saving": "1000", "cashable_saving": "700", "cost_avoided": "200"},
        ending="completed",
    )
    assert not wrong.is_valid()
    errors = str(wrong.errors)
    assert "add up to the estimated saving a year (£1,000). Together they make £900." in errors

    too_big = OutcomeForm(
        {**base, "cashable_saving": "9999999999", "cost_avoided": "9999999999"}, ending="completed"
    )
    assert not too_big.is_valid()
    assert "Cashable saving and cost avoided must add up to under £10 billion" in str(
        too_big.errors["cashable_saving"]
    )

    no_split = OutcomeForm({**base, "yearly_saving": "1000"}, ending="completed")
    assert no_split.is_valid()
    assert no_split.cleaned_data["cashable_saving"] is None


def test_the_outcome_form_shows_the_benefits_in_their_own_fieldset_and_the_page_shows_them(
    make_pilot, alice, client_for
):
    pilot = make_pilot(Pilot.Status.RUNNING)
    client = client_for(alice)
    url = reverse("outcomes:write", kwargs={"pilot_pk": pilot.pk}) + "?ending=completed"
    page = client.get(url).content.decode()
    assert "What it could save" in page
    assert page.index('name="people_reached"') < page.index("What it could save")
    assert page.index("What it could save") < page.index('name="cashable_saving"')
    assert_well_formed_page(page)
    outcome = publish(
        pilot,
        alice,
        yearly_saving=Decimal(900),
        cashable_saving=Decimal(600),
        cost_avoided=Decimal(300),
        saving_basis="Two fewer crews",
    )
    page = client.get(outcome.get_absolute_url()).content.decode()
    assert "£600" in page and "£300" in page and "Two fewer crews" in page


def test_an_answered_check_in_shows_when_it_was_due_and_when_it_was_recorded(
    outcome, alice, client_for
):
    six = outcome.check_ins.get(months=6)
    record_benefits(
        check_in=six, by=alice, realised_cashable=Decimal(30), realised_cost_avoided=0, note="n"
    )
    recorded = datetime.datetime(2026, 12, 7, 12, tzinfo=datetime.UTC)
    outcome.check_ins.filter(pk=six.pk).update(answered_at=recorded)

    page = client_for(alice).get(outcome.get_absolute_url()).content.decode()

    # Published on 31 January 2026, so it was due on 31 July, and answered late.
    row = page.split("After 6 months")[1].split("</th>")[0]
    assert "Due 31 July 2026" in row
    assert "Recorded on 7 December 2026" in row
