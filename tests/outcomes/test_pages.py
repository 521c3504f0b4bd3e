import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import Visibility
from outcomes.models import Outcome
from pilots.models import Pilot

from ..factories import CouncilFactory, UserFactory
from ..html import assert_well_formed_page
from ..pilots.factories import OutcomeFactory, PilotFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

LIST_URL = reverse("outcomes:list")


def make_outcomes(count):
    verdicts = list(Outcome.Verdict)
    for n in range(count):
        pilot = PilotFactory(
            council=CouncilFactory(),
            lead=UserFactory(),
            status=Pilot.Status.COMPLETED,
            visibility=[Visibility.PUBLIC, Visibility.COUNCILS][n % 2],
        )
        OutcomeFactory(pilot=pilot, verdict=verdicts[n % len(verdicts)])


@pytest.mark.parametrize("person", ["dan", "visitor"])
def test_the_outcome_list_needs_the_same_queries_for_5_and_50_rows(
    clients, person, django_assert_max_num_queries
):
    make_outcomes(5)
    clients[person].get(LIST_URL)
    with CaptureQueriesContext(connection) as few:
        clients[person].get(LIST_URL)
    make_outcomes(45)

    with django_assert_max_num_queries(len(few)):
        response = clients[person].get(LIST_URL)

    assert len(response.context["outcomes"]) == 25


def test_the_outcome_list_shows_only_outcomes_of_pilots_the_person_may_see(make_pilot, clients):
    for visibility in Visibility:
        make_pilot(Pilot.Status.COMPLETED, visibility=visibility, title=f"Barnet {visibility}")

    seen = {o.pilot.title for o in clients["carol"].get(LIST_URL).context["outcomes"]}

    assert seen == {"Barnet partners", "Barnet councils", "Barnet public"}


def test_the_outcome_page_leads_with_verdict_evidence_and_cost(make_pilot, clients):
    pilot = make_pilot(Pilot.Status.STOPPED_EARLY, stop_reason="Complaints passed the limit.")
    Outcome.objects.filter(pilot=pilot).update(
        verdict=Outcome.Verdict.STOPPED_EARLY, evidence_level=1, actual_cost="2500"
    )

    response = clients["carol"].get(reverse("outcomes:detail", kwargs={"pilot_pk": pilot.pk}))

    html = response.content.decode()
    headline = html.split('class="govuk-body-l app-outcome-headline">')[1].split("</p>")[0]
    assert "Stopped early" in headline
    assert "Evidence level 1" in headline
    assert headline.endswith("Cost £2,500")  # whole pounds, without ".00"
    assert "£2,500 (the limit was £5,000)" in html
    assert html.index("app-outcome-headline") < html.index("What we learned")
    assert "Complaints passed the limit." in html
    assert_well_formed_page(response)


def test_the_outcome_list_has_one_h1(clients):
    assert_well_formed_page(clients["visitor"].get(LIST_URL))


def test_the_outcome_list_shows_costs_without_needless_pence(make_pilot, clients):
    make_pilot(Pilot.Status.COMPLETED)  # its outcome cost 1200.00

    html = clients["carol"].get(LIST_URL).content.decode()

    assert 'govuk-table__cell--numeric">£1,200</td>' in html
