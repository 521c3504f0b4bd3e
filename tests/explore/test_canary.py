"""A marker word sits in every private object; no page, search, facet or feed shows it
to someone outside Barnet's partnership, however they ask."""

import pytest
from django.urls import reverse

from councils.models import Visibility

from .conftest import MARKER, make_idea

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")


def without_the_search_echoed(response):
    """The page, less the search box and links that repeat what the person typed."""
    html = response.content.decode()
    # The search box, and the query string in pagination links.
    return html.replace(f'value="{MARKER}"', "").replace(f"={MARKER}", "")


def pages_to_crawl(world):
    experiments = reverse("explore:experiments")
    ideas = reverse("explore:ideas")
    searches = [f"?q={MARKER}", f"?q={MARKER}&sort=relevance", f"?q={MARKER}&sort=adopted"]
    facets = [
        "?council=barnet",
        "?partnership=west-london-alliance",
        "?status=completed",
        "?verdict=did_not_work",
        "?verdict=inconclusive",
        "?evidence=5",
        "?theme=waste-and-recycling",
        "?status=draft",
        "?sort=updated",
        "?page=2",
    ]
    urls = [reverse("home"), reverse("explore:feed")]
    register = reverse("explore:did_not_work")
    for base in (
        experiments,
        ideas,
        register,
        "/councils/barnet/",
        "/partnerships/west-london-alliance/",
    ):
        urls += [base, *(base + query for query in searches + facets)]
    urls += [
        reverse("explore:council_feed", args=["barnet"]),
        reverse("explore:partnership_feed", args=["west-london-alliance"]),
        reverse("explore:similar") + f"?title={MARKER}&problem={MARKER}",
        reverse("explore:similar") + "?title=partners+pilot+council+pilot+learning",
        reverse("explore:similar_to_idea", args=[world["leeds_idea"].pk]),
        reverse("explore:similar_to_idea", args=[world["public_idea"].pk]),
    ]
    return urls


def assert_the_marker_is_on_no_page(client, world):
    for url in pages_to_crawl(world):
        response = client.get(url)

        # 302: the "already tried" fragment sends a visitor to sign in.
        assert response.status_code in {200, 302, 404}, url
        assert MARKER not in without_the_search_echoed(response), url


@pytest.mark.parametrize("person", ["dan", "visitor"])
def test_the_marker_never_appears_to_a_non_partner_or_a_visitor(client_for, dan, world, person):
    assert_the_marker_is_on_no_page(client_for(dan if person == "dan" else None), world)


def test_the_marker_never_appears_after_partners_filled_the_caches_and_content_changed(
    client_for, alice, carol, dan, world
):
    """Barnet's and Brent's members crawl first, so every section and facet count they
    may see is cached; then a change empties the sections but not the counts. Dan and
    a visitor both crawl after the one fill (each crawl is ~70 pages)."""
    for partner in (alice, carol):
        partner_client = client_for(partner)
        for url in pages_to_crawl(world):
            partner_client.get(url)
    make_idea(dan, visibility=Visibility.PUBLIC, title="Leeds public idea after the crawl")
    for person in (dan, None):
        assert_the_marker_is_on_no_page(client_for(person), world)


@pytest.mark.parametrize("person", ["dan", "visitor"])
def test_private_objects_and_their_similar_pages_are_not_found(client_for, dan, world, person):
    client = client_for(dan if person == "dan" else None)
    for name in ("partners_idea", "council_idea", "draft_idea"):
        url = reverse("explore:similar_to_idea", args=[world[name].pk])

        assert client.get(url).status_code == 404


def test_the_crawl_would_find_the_marker_where_it_may_be_seen(client_for, alice, world):
    """The canary is alive: alice, in Barnet, sees it on the same pages."""
    client = client_for(alice)
    seen = [
        url
        for url in pages_to_crawl(world)
        if MARKER in without_the_search_echoed(client.get(url))
    ]

    assert len(seen) > 20


def test_facet_and_result_counts_for_a_non_partner_ignore_private_rows(client_for, dan, world):
    response = client_for(dan).get(reverse("explore:experiments"), {"council": "barnet"})

    assert response.context["page_obj"].paginator.count == 1
    assert "1 found" in response.content.decode()
