import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from councils.models import Visibility

from .conftest import MARKER, make_pilot

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

ATOM = "{http://www.w3.org/2005/Atom}"


def entry_titles(response):
    feed = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]


def test_the_public_feed_lists_only_public_outcomes(client, world):
    response = client.get(reverse("explore:feed"))

    assert response["Content-Type"].startswith("application/atom+xml")
    assert entry_titles(response) == ["Barnet: Text reminders before bin day – It worked"]
    assert MARKER not in response.content.decode()


def test_a_signed_in_partner_still_gets_only_public_outcomes_in_a_feed(client_for, carol, world):
    response = client_for(carol).get(reverse("explore:council_feed", args=["barnet"]))

    assert MARKER not in response.content.decode()
    assert len(entry_titles(response)) == 1


def test_a_council_feed_lists_that_councils_public_outcomes(client, world, carol, brent):
    make_pilot(brent, carol, title="Brent finished", outcome={})

    barnet_feed = entry_titles(client.get(reverse("explore:council_feed", args=["barnet"])))
    brent_feed = entry_titles(client.get(reverse("explore:council_feed", args=["brent"])))

    assert barnet_feed == ["Barnet: Text reminders before bin day – It worked"]
    assert brent_feed == ["Brent: Brent finished – It worked"]


def test_a_partnership_feed_lists_its_members_public_outcomes(client, world, dan, leeds):
    make_pilot(leeds, dan, title="Leeds finished", outcome={})

    titles = entry_titles(
        client.get(reverse("explore:partnership_feed", args=["west-london-alliance"]))
    )

    assert titles == ["Barnet: Text reminders before bin day – It worked"]


def test_what_people_wrote_is_escaped_in_a_feed(client, alice, barnet):
    make_pilot(
        barnet, alice, visibility=Visibility.PUBLIC, outcome={"learned": "<script>x</script>"}
    )

    body = client.get(reverse("explore:feed")).content.decode()

    assert "<script>" not in body
    assert "&amp;lt;script&amp;gt;" in body


@pytest.mark.parametrize("name", ["explore:council_feed", "explore:partnership_feed"])
def test_a_feed_for_an_unknown_place_is_not_found(client, db, name):
    assert client.get(reverse(name, args=["atlantis"])).status_code == 404


@pytest.mark.parametrize(
    ("url", "feed"),
    [
        ("/", "/feeds/outcomes/"),
        ("/browse/experiments/", "/feeds/outcomes/"),
        ("/councils/barnet/", "/feeds/councils/barnet/outcomes/"),
        (
            "/partnerships/west-london-alliance/",
            "/feeds/partnerships/west-london-alliance/outcomes/",
        ),
    ],
)
def test_pages_point_feed_readers_to_their_feed(client, world, url, feed):
    html = client.get(url).content.decode()

    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert f'href="{feed}"' in html


FEED_URLS = [
    "/feeds/outcomes/",
    "/feeds/councils/barnet/outcomes/",
    "/feeds/partnerships/west-london-alliance/outcomes/",
]


@pytest.mark.parametrize("url", FEED_URLS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_feed_refuses_anything_but_get_and_head(client, world, url, method):
    response = getattr(client, method)(url)

    assert response.status_code == 405
    assert sorted(response["Allow"].split(", ")) == ["GET", "HEAD"]


@pytest.mark.parametrize("url", FEED_URLS)
def test_a_feed_answers_get_and_head(client, world, url):
    assert client.get(url).status_code == 200
    head = client.head(url)
    assert head.status_code == 200
    assert head["Content-Type"].startswith("application/atom+xml")
