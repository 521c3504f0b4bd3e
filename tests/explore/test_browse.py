import datetime

import pytest
from django.urls import reverse

from councils.models import Council, Visibility
from outcomes.models import Outcome
from pilots.models import Pilot

from ..factories import CouncilFactory
from ..html import assert_well_formed_page
from ..pilots.factories import OutcomeFactory
from .conftest import MARKER, make_idea, make_pilot

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

EXPERIMENTS = reverse("explore:experiments")
IDEAS = reverse("explore:ideas")


def titles(response):
    rows = response.context["page_obj"].object_list
    return {getattr(row, "title", None) or row.title for row in rows}


def facet_options(response, name):
    """{value: label} of a facet's options, as offered on the page."""
    return dict(response.context["form"].fields[name].widget.choices[1:])


def test_a_visitor_sees_only_public_experiments(client, world):
    response = client.get(EXPERIMENTS)

    assert titles(response) == {
        "Text reminders before bin day",
        "Brent pilot on missed collections",
    }


def test_dan_sees_public_and_all_council_experiments_but_not_barnets_shared_with_partners(
    client_for, dan, world
):
    response = client_for(dan).get(EXPERIMENTS)

    assert titles(response) == {
        "Text reminders before bin day",
        "Brent pilot on missed collections",
        "Leeds pilot for staff of any council",
    }


def test_carol_sees_barnets_partner_experiments_but_not_its_council_only_ones(
    client_for, carol, world
):
    found = titles(client_for(carol).get(EXPERIMENTS))

    assert world["partners_pilot"].title in found
    assert world["council_pilot"].title not in found


def test_alice_sees_every_barnet_experiment(client_for, alice, world):
    found = titles(client_for(alice).get(EXPERIMENTS))

    assert {world["partners_pilot"].title, world["council_pilot"].title} <= found


def test_shared_ideas_never_include_drafts_even_the_authors_own(client_for, alice, world):
    found = titles(client_for(alice).get(IDEAS))

    assert world["draft_idea"].title not in found
    assert world["council_idea"].title in found


def test_a_visitor_sees_only_public_ideas(client, world):
    assert titles(client.get(IDEAS)) == {"Compost bins for flats"}


def test_an_author_who_hides_their_name_is_not_named_to_other_councils(client_for, alice, dan):
    make_idea(alice, title="A quiet idea", name_display="council")

    html = client_for(dan).get(IDEAS).content.decode()

    assert "A quiet idea" in html
    assert "Alice Adeyemi" not in html
    assert "a member of staff at Barnet" in html


BARNET = "Text reminders before bin day"
BRENT = "Brent pilot on missed collections"
LEEDS = "Leeds pilot for staff of any council"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"council": "brent"}, {BRENT}),
        ({"nation": "England", "council_type": "MD"}, {LEEDS}),
        ({"region": "Yorkshire and The Humber"}, {LEEDS}),
        ({"partnership": "west-london-alliance"}, {BARNET, BRENT}),
        ({"theme": "waste-and-recycling"}, {BARNET}),
        ({"status": "running"}, {BRENT, LEEDS}),
        ({"verdict": "worked"}, {BARNET}),
        ({"evidence": "3"}, {BARNET}),
        ({"added_from": "2000-01-01", "added_to": "2999-12-31", "council": "leeds"}, {LEEDS}),
        ({"added_to": "2000-01-01"}, set()),
    ],
)
def test_each_filter_narrows_the_experiments(client_for, dan, world, query, expected):
    assert titles(client_for(dan).get(EXPERIMENTS, query)) == expected


def test_ideas_can_be_filtered_by_council_and_status(client_for, dan, world):
    response = client_for(dan).get(IDEAS, {"council": "leeds", "status": "submitted"})

    assert titles(response) == {"Leeds idea"}


def test_facet_counts_count_only_what_the_person_can_see(client_for, dan, carol, world):
    as_dan = client_for(dan).get(EXPERIMENTS)
    as_carol = client_for(carol).get(EXPERIMENTS)

    # Barnet has three experiments; dan may see one, carol two.
    assert facet_options(as_dan, "council")["barnet"] == "Barnet (1)"
    assert facet_options(as_carol, "council")["barnet"] == "Barnet (2)"
    assert "inconclusive" not in facet_options(as_dan, "verdict")
    assert "did_not_work" not in facet_options(as_dan, "verdict")
    assert "5" not in facet_options(as_dan, "evidence")
    assert facet_options(as_dan, "theme") == {"waste-and-recycling": "Waste and recycling (1)"}


def test_a_facet_counts_what_the_other_filters_leave(client_for, dan, world):
    response = client_for(dan).get(EXPERIMENTS, {"status": "running"})

    assert facet_options(response, "council") == {"brent": "Brent (1)", "leeds": "Leeds (1)"}
    # The status facet itself still offers the other statuses.
    assert facet_options(response, "status") == {
        "running": "Running (2)",
        "completed": "Completed (1)",
    }


def test_a_chosen_option_with_no_rows_stays_selected(client_for, dan, world):
    response = client_for(dan).get(EXPERIMENTS, {"council": "nowhere"})

    assert facet_options(response, "council")["nowhere"] == "nowhere (0)"
    assert titles(response) == set()


def test_the_most_adopted_sort_counts_only_adoptions_the_person_can_see(
    client_for, alice, carol, dan, world
):
    popular = world["brent_pilot"]
    make_pilot(
        alice.membership.council, alice, visibility=Visibility.COUNCIL, adapted_from=popular
    )
    make_pilot(dan.membership.council, dan, visibility=Visibility.PUBLIC, adapted_from=popular)

    response = client_for(dan).get(EXPERIMENTS, {"sort": "adopted"})

    rows = response.context["page_obj"].object_list
    assert rows[0] == popular
    assert rows[0].adoption_count == 1  # Barnet's council-only adoption is not counted
    assert "Adopted by 1 other council" in response.content.decode()


def test_newest_and_recently_updated_sorts_order_the_rows(client_for, dan, world):
    leeds = world["leeds_pilot"]
    leeds.created_at = leeds.created_at - datetime.timedelta(days=30)
    leeds.save()

    newest = client_for(dan).get(EXPERIMENTS, {"sort": "newest"}).context["page_obj"]
    updated = client_for(dan).get(EXPERIMENTS, {"sort": "updated"}).context["page_obj"]

    assert newest.object_list[-1] == leeds
    assert updated.object_list[0] == leeds


def test_an_ordering_not_on_the_list_is_ignored_with_a_message(client_for, dan, world):
    response = client_for(dan).get(EXPERIMENTS, {"sort": "lead__password"})

    assert response.status_code == 200
    assert "Select an order from the list" in response.content.decode()
    assert len(response.context["page_obj"].object_list) == 3


def test_a_search_of_one_letter_is_ignored_with_a_message(client, world):
    response = client.get(EXPERIMENTS, {"q": "b"})

    assert "Search for at least 2 letters or numbers" in response.content.decode()
    assert len(response.context["page_obj"].object_list) == 2


def test_the_filters_stay_in_the_page_links(client_for, alice, barnet):
    for number in range(25):
        make_pilot(barnet, alice, title=f"Pilot {number}")

    html = client_for(alice).get(EXPERIMENTS, {"council": "barnet"}).content.decode()

    assert "?council=barnet&amp;page=2" in html


def test_a_page_shows_20_experiments_and_past_the_end_shows_the_last_page(
    client_for, alice, barnet
):
    for number in range(25):
        make_pilot(barnet, alice, title=f"Pilot {number}")
    client = client_for(alice)

    first = client.get(EXPERIMENTS)
    past_the_end = client.get(EXPERIMENTS, {"page": "99999999999999999999"})

    assert len(first.context["page_obj"].object_list) == 20
    assert past_the_end.status_code == 200
    assert past_the_end.context["page_obj"].number == 2
    assert len(past_the_end.context["page_obj"].object_list) == 5


def test_page_numbers_stop_at_the_maximum_and_the_count_says_there_are_more(
    client, monkeypatch, world
):
    from explore import pagination

    monkeypatch.setattr(pagination, "MAX_PAGES", 1)
    monkeypatch.setattr(pagination, "PER_PAGE", 1)

    response = client.get(EXPERIMENTS, {"page": "2"})

    paginator = response.context["page_obj"].paginator
    assert paginator.num_pages == 1
    assert paginator.is_capped
    assert "The pages show the first 1." in response.content.decode()


BAD_QUERIES = [
    "page=99999999999999999999",
    "page=-1",
    "page=0",
    "page=abc",
    "page=1e9",
    "page=nan",
    "unknown=1",
    "council=%00",
    "council=" + "x" * 500,
    "partnership=../../etc",
    "nation=Mars",
    "council_type=PARISH",
    "status=deleted",
    "verdict=great",
    "evidence=9",
    "evidence=abc",
    "theme=999999999999999999999",
    "added_from=2026-02-30",
    "added_from=yesterday",
    "added_to=99999-01-01",
    "sort=-pk",
    "sort=relevance",
    "ordering=password",
    "q=%00",
    "q=" + "x" * 500,
    "q=%F0%9F%92%A9%20%26%20%7C%20!",
    "q=''''",
    "q=a%20%7C%20",
    "q=-",
    "council=barnet&council=leeds",
    "page=2&page=3",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
@pytest.mark.parametrize(
    "url", [EXPERIMENTS, IDEAS, "/councils/barnet/", "/partnerships/west-london-alliance/"]
)
def test_a_bad_query_string_never_breaks_a_list(client_for, dan, world, url, query):
    response = client_for(dan).get(f"{url}?{query}")

    assert response.status_code in {200, 400}


@pytest.mark.parametrize(
    ("field", "label"), [("added_from", "Added on or after"), ("added_to", "Added on or before")]
)
def test_a_date_that_is_not_real_is_named_in_the_error_as_its_hint_says(
    client_for, dan, world, field, label
):
    response = client_for(dan).get(EXPERIMENTS, {field: "31 2 2026"})

    html = response.content.decode()
    assert "For example, 27 3 2026 or 2026-03-27" in html
    assert f'<a href="#id_{field}">{label} must be a real date, for example 27 3 2026</a>' in html


@pytest.mark.parametrize("url", [EXPERIMENTS, IDEAS])
def test_the_browse_pages_have_one_heading_and_labelled_fields(client_for, dan, world, url):
    response = client_for(dan).get(url, {"nation": "Mars", "q": "bin"})

    assert_well_formed_page(response.content)


def test_browse_pages_are_read_only(client_for, dan):
    assert client_for(dan).post(EXPERIMENTS).status_code == 405
    assert client_for(dan).post(IDEAS).status_code == 405


def test_an_outcome_verdict_filter_value_is_one_of_the_verdicts(client, world):
    response = client.get(EXPERIMENTS)

    offered = set(facet_options(response, "verdict"))
    assert offered <= set(Outcome.Verdict.values)
    assert MARKER not in response.content.decode()


def test_council_facets_count_what_the_other_council_filters_leave(client_for, dan, world):
    cardiff = CouncilFactory(
        short_name="Cardiff", nation=Council.Nation.WALES, region="", code="CRF"
    )
    make_pilot(cardiff, dan, title="Cardiff pilot on bulky waste")

    response = client_for(dan).get(EXPERIMENTS, {"nation": "Wales"})

    assert titles(response) == {"Cardiff pilot on bulky waste"}
    assert facet_options(response, "council") == {"cardiff": "Cardiff (1)"}
    # The nation facet still offers England, counted without the nation filter:
    # Barnet's public pilot, Brent's and Leeds's.
    assert facet_options(response, "nation") == {"England": "England (3)", "Wales": "Wales (1)"}
    assert facet_options(response, "region") == {}
    assert response.context["page_obj"].paginator.count == 1


def test_a_council_filter_and_a_region_filter_narrow_each_other_s_options(client_for, dan, world):
    response = client_for(dan).get(EXPERIMENTS, {"region": "London", "council": "leeds"})

    assert titles(response) == set()
    # Leeds is outside London, so London offers Barnet and Brent; Leeds's own region stays.
    assert facet_options(response, "council")["barnet"] == "Barnet (1)"
    assert facet_options(response, "council")["brent"] == "Brent (1)"
    assert "leeds" in facet_options(response, "council")


def experiment_row(html, title):
    """The list item of the experiment called `title`."""
    rows = html.split('<li class="govuk-!-margin-bottom-6">')[1:]
    return next(row for row in rows if f">{title}</a>" in row)


def test_a_pilot_stopped_early_with_that_verdict_says_so_once(client, alice):
    council = alice.membership.council
    stopped_early = Pilot.Status.STOPPED_EARLY
    for title, verdict in [
        ("Stopped and said so", Outcome.Verdict.STOPPED_EARLY),
        ("Stopped and did not work", Outcome.Verdict.DID_NOT_WORK),
    ]:
        make_pilot(council, alice, status=stopped_early, title=title)
        OutcomeFactory(pilot=Pilot.objects.get(title=title), verdict=verdict)

    html = client.get(EXPERIMENTS).content.decode()

    said_so = experiment_row(html, "Stopped and said so")
    assert said_so.count(">Stopped early</strong>") == 1
    did_not_work = experiment_row(html, "Stopped and did not work")
    assert did_not_work.count(">Stopped early</strong>") == 1
    assert did_not_work.count(">It did not work</strong>") == 1
