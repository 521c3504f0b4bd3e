"""The savings ledger, worked by hand for the fixed cast.

Barnet (alice, bob) ran five pilots, Brent (carol) adopted two of them, Leeds
(dan) ran one of its own. Financial year 2025 runs from 1 April 2025 to
31 March 2026. Everything private carries MARKER, and its money is chosen so a
total that wrongly included it would show.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import Visibility
from explore.ledger import Period, Scope, build_ledger, financial_year_of
from ideas.models import Idea, Theme
from outcomes.models import BenefitCheckIn, Outcome
from pilots.models import Pilot

from ..html import assert_well_formed_page
from .conftest import MARKER, make_idea, make_pilot

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
FY2025 = Period(year=2025)


def moment(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=UTC)


def closed(council, lead, *, visibility, status, cap, cost, published, saving=None, **extra):
    """A finished pilot with its outcome published on `published` (a date tuple)."""
    split = extra.pop("split", None)
    verdict = extra.pop("verdict", Outcome.Verdict.WORKED)
    if status == Pilot.Status.STOPPED_EARLY:
        verdict = Outcome.Verdict.STOPPED_EARLY
    pilot = make_pilot(
        council,
        lead,
        visibility=visibility,
        budget_cap=Decimal(cap),
        outcome={
            "verdict": verdict,
            "actual_cost": Decimal(cost),
            "yearly_saving": None if saving is None else Decimal(saving),
            "cashable_saving": None if split is None else Decimal(split[0]),
            "cost_avoided": None if split is None else Decimal(split[1]),
        },
        **extra,
    )
    Pilot.objects.filter(pk=pilot.pk).update(status=status)
    Outcome.objects.filter(pilot=pilot).update(published_at=moment(*published))
    return Pilot.objects.get(pk=pilot.pk)


def check_in(pilot, months, cashable, avoided):
    return BenefitCheckIn.objects.create(
        outcome=pilot.outcome,
        months=months,
        due_on=datetime.date(2026, 1, 1),
        realised_cashable=Decimal(cashable),
        realised_cost_avoided=Decimal(avoided),
        answered_at=moment(2026, 1, 2),
        note="From the budget report",
    )


@pytest.fixture
def themes(db):
    waste = Theme.objects.get_or_create(slug="waste", defaults={"name": "Waste"})[0]
    housing = Theme.objects.get_or_create(slug="housing", defaults={"name": "Housing"})[0]
    return {"waste": waste, "housing": housing}


@pytest.fixture
def cast(alice, bob, carol, dan, themes):
    barnet, brent, leeds = (p.membership.council for p in (alice, carol, dan))
    waste, housing = themes["waste"], themes["housing"]
    public_idea = make_idea(alice, visibility=Visibility.COUNCIL, title=f"{MARKER} idea one")
    private_idea = make_idea(alice, visibility=Visibility.COUNCIL, title=f"{MARKER} idea three")
    Idea.objects.filter(pk=public_idea.pk).update(
        submitted_at=moment(2025, 3, 1), decided_at=moment(2025, 3, 11)
    )
    Idea.objects.filter(pk=private_idea.pk).update(
        submitted_at=moment(2025, 1, 1), decided_at=moment(2025, 1, 21)
    )
    p1 = closed(
        barnet,
        alice,
        visibility=Visibility.PUBLIC,
        status="completed",
        cap=5000,
        cost=1200,
        saving=10000,
        split=(6000, 4000),
        published=(2025, 6, 15),
        themes=[waste],
        start_date=datetime.date(2025, 4, 10),
        idea=public_idea,
        started_at=moment(2025, 4, 10),
        closed_at=moment(2025, 6, 15),
        title="Bin texts",
    )
    p2 = closed(
        barnet,
        alice,
        visibility=Visibility.PARTNERS,
        status="stopped_early",
        cap=8000,
        cost=3000,
        published=(2025, 9, 1),
        themes=[housing],
        start_date=datetime.date(2025, 5, 1),
        title=f"{MARKER} partners pilot",
    )
    p3 = closed(
        barnet,
        alice,
        visibility=Visibility.COUNCIL,
        status="completed",
        cap=20000,
        cost=15000,
        saving=90000,
        published=(2025, 10, 1),
        themes=[waste],
        verdict="did_not_work",
        start_date=datetime.date(2025, 6, 1),
        idea=private_idea,
        title=f"{MARKER} council pilot",
    )
    closed(
        barnet,
        alice,
        visibility=Visibility.PUBLIC,
        status="stopped_early",
        cap=1000,
        cost=1500,
        published=(2024, 5, 1),
        themes=[waste],
        start_date=datetime.date(2024, 4, 1),
    )
    make_pilot(barnet, alice, status="running", start_date=datetime.date(2025, 5, 1))
    check_in(p1, 6, 2000, 500)
    check_in(p1, 12, 5000, 1000)  # the latest: what p1 saved so far
    check_in(p3, 6, 7000, 0)
    a1 = closed(
        brent,
        carol,
        visibility=Visibility.PUBLIC,
        status="completed",
        cap=2000,
        cost=500,
        saving=3000,
        published=(2025, 11, 1),
        themes=[waste],
        adapted_from=p1,
        start_date=datetime.date(2025, 7, 1),
    )
    a2 = closed(
        brent,
        carol,
        visibility=Visibility.PARTNERS,
        status="completed",
        cap=1000,
        cost=700,
        published=(2026, 2, 1),
        themes=[housing],
        adapted_from=p2,
        start_date=datetime.date(2025, 9, 1),
        title=f"{MARKER} partners adoption",
    )
    check_in(a1, 6, 800, 200)
    check_in(a2, 6, 4000, 0)
    l1 = closed(
        leeds,
        dan,
        visibility=Visibility.COUNCIL,
        status="completed",
        cap=5000,
        cost=999,
        saving=77777,
        published=(2025, 7, 1),
        themes=[waste],
        start_date=datetime.date(2025, 5, 5),
        title=f"{MARKER} leeds pilot",
    )
    return {"barnet": barnet, "brent": brent, "leeds": leeds, "p1": p1, "l1": l1}


def ledger_of(user, council_ids=None, period=FY2025):
    return build_ledger(user or AnonymousUser(), Scope(council_ids=council_ids), period)


def test_the_financial_year_runs_from_april_to_march():
    assert financial_year_of(datetime.date(2025, 4, 1)) == 2025
    assert financial_year_of(datetime.date(2026, 3, 31)) == 2025
    assert financial_year_of(datetime.date(2025, 3, 31)) == 2024


def test_alice_sees_every_figure_of_her_own_council(cast, alice):
    ledger = ledger_of(alice, (cast["barnet"].pk,))
    totals = ledger.totals

    assert ledger.pilots_run == 4  # p1, p2, p3 and the running one; p4 started in 2024
    assert totals["outcomes"] == 3
    assert dict(ledger.verdicts)["It worked"] == 1
    assert [count for _label, count in ledger.verdicts if count] == [1, 1, 1]
    assert (totals["spent"], totals["caps"]) == (Decimal(19200), Decimal(33000))
    assert totals["projected"] == Decimal(100000)
    assert (totals["projected_cashable"], totals["projected_avoided"]) == (6000, 4000)
    # p1's latest check-in (12 months: 5,000 + 1,000) and p3's (7,000).
    assert (totals["realised_cashable"], totals["realised_avoided"]) == (12000, 1000)
    assert ledger.realised == Decimal(13000)
    assert totals["reported_count"] == 2
    # Brent's adoptions of p1 (800 + 200) and of p2 (4,000).
    assert ledger.adopters["total"] == Decimal(5000)
    assert ledger.adopters["adoptions"] == 2
    assert totals["stop_saved"] == Decimal(5000)  # p2: 8,000 cap - 3,000 spent
    assert ledger.stop_rate == 33  # 1 of 3
    # Idea to outcome: p1 106 days, p3 273 days; the median of two is their mean.
    assert ledger.times["idea_to_outcome"] == 190
    assert ledger.times["review"] == 15  # 10 and 20 days
    assert ledger.times["running"] == 66  # p1: 10 April to 15 June


def test_dan_sees_figures_built_from_barnets_public_work_alone(cast, dan):
    ledger = ledger_of(dan, (cast["barnet"].pk,))
    totals = ledger.totals

    assert ledger.pilots_run == 2  # p1 and the running one
    assert totals["outcomes"] == 1
    assert (totals["spent"], totals["caps"]) == (Decimal(1200), Decimal(5000))
    assert totals["projected"] == Decimal(10000)
    assert ledger.realised == Decimal(6000)
    assert ledger.adopters["total"] == Decimal(1000)  # Brent's public adoption of p1 only
    assert totals["stop_saved"] == 0
    assert ledger.stop_rate == 0
    # p1's idea is Barnet's alone: its dates count for nobody outside Barnet.
    assert ledger.times["idea_to_outcome"] is None
    assert ledger.times["running"] == 66


def test_a_visitor_sees_the_same_public_figures_as_dan_for_barnet(cast):
    ledger = ledger_of(None, (cast["barnet"].pk,))
    assert (ledger.pilots_run, ledger.totals["outcomes"], ledger.totals["spent"]) == (2, 1, 1200)
    assert ledger.adopters["total"] == Decimal(1000)


def test_a_stopped_pilot_that_overspent_saved_nothing_rather_than_a_negative_sum(cast, dan):
    all_years = ledger_of(dan, (cast["barnet"].pk,), Period())
    assert all_years.totals["stopped"] == 1  # p4: cap 1,000, spent 1,500
    assert all_years.totals["stop_saved"] == 0
    assert ledger_of(dan, (cast["barnet"].pk,), Period(year=2024)).totals["outcomes"] == 1


def test_the_country_adds_up_what_each_person_may_see(cast, alice, dan):
    visitor = ledger_of(None)
    assert visitor.totals["outcomes"] == 2  # p1 and a1
    assert visitor.totals["spent"] == Decimal(1700)
    assert visitor.projected == Decimal(13000)
    assert visitor.realised == Decimal(7000)

    leeds_view = ledger_of(dan)
    assert leeds_view.totals["outcomes"] == 3  # and Leeds's own
    assert leeds_view.projected == Decimal(90777)

    barnet_view = ledger_of(alice)
    assert barnet_view.totals["outcomes"] == 5  # p1, p2, p3, a1, a2; never Leeds's
    assert barnet_view.projected == Decimal(103000)
    assert barnet_view.totals["spent"] == Decimal(20400)


def test_a_partnership_counts_its_members_work(cast, alice, carol):
    ids = (cast["barnet"].pk, cast["brent"].pk)
    assert ledger_of(carol, ids).totals["outcomes"] == 4  # p1, p2, a1, a2: not p3
    assert ledger_of(alice, ids).totals["outcomes"] == 5


def test_a_theme_narrows_every_figure(cast, alice, themes):
    ledger = ledger_of(alice, (cast["barnet"].pk,), Period(year=2025, theme=themes["housing"]))
    assert ledger.totals["outcomes"] == 1
    assert ledger.totals["stop_saved"] == Decimal(5000)
    assert ledger.pilots_run == 1


# The pages


def page(client, url, query=""):
    response = client.get(url + query)
    assert response.status_code == 200
    return response.content.decode()


def figures(html):
    """The ledger's figures in order, as written on the page."""
    import re

    return [" ".join(text.split()) for text in re.findall(r"data-figure>([^<]*)<", html)]


def test_the_council_page_shows_danss_figures_and_nothing_private(cast, client_for, dan):
    url = reverse("explore:council_ledger", args=["barnet"])
    html = page(client_for(dan), url, "?year=2025")

    assert figures(html) == [
        "2",
        "£1,200 of £5,000 signed off",
        "£10,000 a year, from 1 outcome (£6,000 cashable, £4,000 cost avoided where split)",
        "£6,000 so far, from 1 outcome (£5,000 cashable, £1,000 cost avoided)",
        "£1,000 so far, from 1 adoption with an outcome",
        "£0, from 0 pilots stopped early",
        "Not known yet",
        "0% (0 of 1 outcomes)",
    ]
    assert MARKER not in html
    for private in ("90,000", "19,200", "33,000", "13,000", "77,777"):
        assert private not in html
    assert_well_formed_page(html)


def test_alices_council_page_adds_up_her_councils_private_money(cast, client_for, alice):
    html = page(
        client_for(alice), reverse("explore:council_ledger", args=["barnet"]), "?year=2025"
    )
    assert "£19,200 of £33,000 signed off" in html
    assert "£100,000 a year" in html
    assert MARKER not in html  # figures, never titles


@pytest.mark.parametrize("person", ["visitor", "dan"])
def test_no_ledger_or_chart_shows_private_work_to_outsiders(cast, client_for, dan, person):
    client = client_for(dan if person == "dan" else None)
    urls = [
        reverse("explore:ledger"),
        reverse("explore:council_ledger", args=["barnet"]),
        reverse("explore:council_ledger", args=["brent"]),
        reverse("explore:partnership_ledger", args=["west-london-alliance"]),
    ]
    for url in urls:
        for query in ("", "?year=2025", "?theme=housing"):
            html = page(client, url, query)
            assert MARKER not in html
            for private in ("90,000", "19,200", "103,000", "£4,000 so far"):
                assert private not in html, (url, query, private)
            if person == "visitor":
                assert "77,777" not in html


@pytest.mark.parametrize(
    "query", ["?year=1999", "?year=abc", "?theme=no-such-theme", "?year=2025&year=x", "?x=1"]
)
def test_a_bad_filter_is_ignored_never_an_error(cast, client, query):
    html = page(client, reverse("explore:ledger"), query)
    assert "All years" in html
    assert "govuk-error-message" not in html and "valid choice" not in html


def test_a_nul_byte_is_a_bad_request_not_an_error(cast, client):
    assert client.get(reverse("explore:ledger") + "?theme=%00").status_code == 400


def test_the_dashboards_draw_each_chart_with_a_table_of_the_same_numbers(cast, client_for, alice):
    html = page(client_for(alice), reverse("explore:council_ledger", args=["barnet"]))
    for chart_id in ("chart-funnel", "chart-verdicts", "chart-savings", "chart-stages"):
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in html
    assert html.count('role="img"') == 4
    assert "<script" not in html.split("<main")[1].split("</main>")[0]
    # Savings by theme, all years: waste projected 10,000 + 90,000 + 0 (p4).
    assert 'data-category="Waste" data-series="Projected a year" data-value="100000.00"' in html
    cell = '<td class="govuk-table__cell govuk-table__cell--numeric" data-value="100000.00">'
    assert f"{cell}£100,000</td>" in html
    # What outcomes found by year: 2024-25 has p4 (stopped early) alone.
    assert 'data-category="2024–25" data-series="Stopped early" data-value="1"' in html


def test_the_ledger_pages_make_the_same_few_queries_with_more_rows(cast, client_for, alice):
    client = client_for(alice)
    urls = [
        reverse("explore:ledger"),
        reverse("explore:council_ledger", args=["barnet"]),
        reverse("explore:partnership_ledger", args=["west-london-alliance"]),
    ]
    # Session and user (2), the council or partnership (0-2), pilots run, the money, the
    # adoptions, the stage times, the funnel, verdicts, savings and the themes to choose.
    client.get(urls[0])  # the session's first write
    counts = {}
    for extra in (0, 20):
        for _number in range(extra):
            p = closed(
                cast["barnet"],
                alice,
                visibility=Visibility.PUBLIC,
                status="completed",
                cap=10,
                cost=1,
                published=(2025, 8, 1),
                saving=5,
            )
            check_in(p, 6, 1, 1)
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                page(client, url, "?year=2025")
            counts[extra, url] = len(queries)
    for url in urls:
        assert counts[0, url] == counts[20, url] <= 14, counts
