"""Browse pages read only their page of rows, whatever the order, and a search counts no
further than it shows (issue 15)."""

import pytest
from django.urls import reverse

from councils.models import Visibility
from explore import filters, search, views
from explore.filters import ExperimentFilter, visible_adoption_count
from pilots.models import Pilot

from .conftest import make_pilot

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

EXPERIMENTS = reverse("explore:experiments")


def listed(client, **query):
    """The pilots of every page of the experiments list, in order."""
    rows, page = [], 1
    while True:
        response = client.get(EXPERIMENTS, {**query, "page": page})
        page_obj = response.context["page_obj"]
        rows += page_obj.object_list
        if not page_obj.has_next():
            return rows
        page += 1


def expected(user, sort):
    """Every pilot `user` may see in the declared order, sorted by the database in one go."""
    pilots = Pilot.objects.visible_to(user).annotate(adoption_count=visible_adoption_count(user))
    return list(pilots.order_by(*ExperimentFilter.ORDERINGS[sort]))


@pytest.fixture
def adopted_pilots(alice, carol, dan):
    """25 of Barnet's public pilots: two adopted in the open, one only by Brent's council."""
    pilots = [
        make_pilot(alice.membership.council, alice, title=f"Barnet pilot {number}")
        for number in range(25)
    ]
    brent, leeds = carol.membership.council, dan.membership.council
    make_pilot(leeds, dan, adapted_from=pilots[3], title="Leeds copy of 3")
    make_pilot(brent, carol, adapted_from=pilots[3], title="Brent copy of 3")
    make_pilot(brent, carol, adapted_from=pilots[10], title="Brent copy of 10")
    make_pilot(
        brent,
        carol,
        visibility=Visibility.COUNCIL,
        adapted_from=pilots[20],
        title="Brent's own copy of 20",
    )
    return pilots


@pytest.mark.parametrize("person", ["dan", "carol", "visitor"])
def test_most_adopted_pages_follow_the_declared_order_counting_only_visible_adoptions(
    client_for, alice, carol, dan, adopted_pilots, person
):
    user = {"dan": dan, "carol": carol, "visitor": None}[person]
    client = client_for(user)

    rows = listed(client, sort="adopted")

    assert rows == expected(user or client.get(EXPERIMENTS).wsgi_request.user, "adopted")
    leaders = [3, 20, 10] if person == "carol" else [3, 10]  # a tie: the newer first
    assert rows[: len(leaders)] == [adopted_pilots[number] for number in leaders]
    counted = {row.title: row.adoption_count for row in rows}
    # Only Brent sees its own council-only copy, so only Brent counts it.
    assert counted["Barnet pilot 20"] == (1 if person == "carol" else 0)
    if person != "carol":  # an adoption the person cannot see does not lift the pilot
        assert rows.index(adopted_pilots[20]) > rows.index(adopted_pilots[21])


@pytest.mark.parametrize("sort", ["newest", "updated"])
def test_later_pages_hold_the_rows_the_declared_order_puts_there(
    client_for, dan, adopted_pilots, sort
):
    assert listed(client_for(dan), sort=sort) == expected(dan, sort)


def search_bound_at_3(monkeypatch):
    """A search reads at most 3 matches (MAX_MATCHES), wherever the bound is read."""
    for module in (search, filters, views):
        monkeypatch.setattr(module, "MAX_MATCHES", 3)


def compostable_pilots(alice, count):
    """`count` pilots matching "compostable", and one that does not."""
    for number in range(count):
        make_pilot(alice.membership.council, alice, title=f"Compostable bags {number}")
    make_pilot(alice.membership.council, alice, title="Street lighting")


def test_a_search_with_more_matches_than_it_reads_says_more_than(
    client_for, alice, dan, monkeypatch
):
    search_bound_at_3(monkeypatch)
    compostable_pilots(alice, 5)

    response = client_for(dan).get(EXPERIMENTS, {"q": "compostable"})

    page = response.content.decode()
    assert "More than 3 found" in page
    assert "Only the 3 newest matches are shown." in page
    assert len(response.context["page_obj"].object_list) == 3
    assert response.context["page_obj"].paginator.count == 3
    statuses = dict(response.context["form"].fields["status"].widget.choices[1:])
    assert statuses["running"] == "Running (more than 3)"


def test_a_search_within_the_bound_is_counted_exactly(client_for, alice, dan, monkeypatch):
    search_bound_at_3(monkeypatch)
    compostable_pilots(alice, 3)

    response = client_for(dan).get(EXPERIMENTS, {"q": "compostable"})

    assert "3 found" in response.content.decode()
    assert "More than" not in response.content.decode()


def test_a_search_download_holds_every_match_beyond_what_the_page_reads(
    client_for, alice, dan, monkeypatch
):
    search_bound_at_3(monkeypatch)
    compostable_pilots(alice, 5)
    client = client_for(dan)

    page = client.get(EXPERIMENTS, {"q": "compostable"}).content.decode()
    download = client.get(reverse("explore:experiments_csv"), {"q": "bags"})

    assert "The download below holds every match." in page
    lines = b"".join(download.streaming_content).decode().splitlines()
    titles = [line for line in lines if "Compostable" in line]
    assert len(titles) == 5
