"""The open data API and the nightly file: public things only, whoever asks; a schema
that validates; cursor pages; ETags; a rate limit; the licence on every answer."""

import csv
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from openapi_spec_validator import validate

from councils.models import Visibility
from explore import api, open_data
from explore.tasks import write_open_data_file

from .conftest import MARKER, make_pilot

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

LICENCE = "open-government-licence/version/3"


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def adoption(world, carol, dan):
    """Brent's public adoption of Barnet's public pilot, and Leeds's public adoption of
    Barnet's council-only one (hidden with its original)."""
    make_pilot(
        dan.membership.council, dan, title="Leeds's version", adapted_from=world["council_pilot"]
    )
    return make_pilot(
        carol.membership.council,
        carol,
        title="Brent's version",
        adapted_from=world["public_pilot"],
    )


def schema(client):
    return client.get("/api/v1/openapi.json").json()


def walk(client, url):
    """Every item of a list, following `next` until it is null."""
    items, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.json()
        items += body["results"]
        url = body["next"]
        pages += 1
    return items, pages


def test_the_openapi_schema_validates_and_states_the_licence(client, db):
    document = schema(client)

    validate(document)
    assert LICENCE in document["info"]["description"]
    assert {"/api/v1/councils", "/api/v1/pilots/{pilot_pk}", "/api/v1/outcomes"} <= set(
        document["paths"]
    )


def test_every_endpoint_answers_with_the_licence_and_public_things_only(
    client_for, world, adoption, alice
):
    """A contract walk: each path in the schema, for a visitor and for a signed-in
    member of the pilot's own council (whose session must not widen the answer)."""
    ids = {
        "code": "BNE",
        "pilot_pk": world["public_pilot"].pk,
        "outcome_pk": world["public_pilot"].outcome.pk,
    }
    for client in (client_for(None), client_for(alice)):
        for path in schema(client)["paths"]:
            url = path.format(**ids)
            response = client.get(url)

            assert response.status_code == 200, url
            assert LICENCE in response["Link"], url
            assert MARKER not in response.content.decode(), url


def test_lists_hold_exactly_the_public_pilots_and_outcomes(client, world, adoption):
    pilots, _ = walk(client, "/api/v1/pilots")
    outcomes, _ = walk(client, "/api/v1/outcomes")

    assert {pilot["title"] for pilot in pilots} == {
        "Text reminders before bin day",
        "Brent pilot on missed collections",
        "Brent's version",
    }
    assert [outcome["pilot"] for outcome in outcomes] == [world["public_pilot"].pk]
    brent = next(pilot for pilot in pilots if pilot["title"] == "Brent's version")
    assert brent["adapted_from"] == world["public_pilot"].pk


def test_a_private_pilot_or_outcome_is_404_by_id(client_for, world, alice):
    for name in ("partners_pilot", "council_pilot"):
        pilot = world[name]
        for client in (client_for(None), client_for(alice)):
            assert client.get(f"/api/v1/pilots/{pilot.pk}").status_code == 404
            assert client.get(f"/api/v1/outcomes/{pilot.outcome.pk}").status_code == 404


def test_cursor_pages_give_every_council_once(client, barnet, brent, leeds):
    councils, pages = walk(client, "/api/v1/councils?page_size=1")

    assert sorted(council["code"] for council in councils) == ["BEN", "BNE", "LDS"]
    assert pages == 3
    assert next(c for c in councils if c["code"] == "BNE")["gss_code"] == "E09000003"


@pytest.mark.parametrize(
    "query", ["cursor=not-base64!", "cursor=eyJwIjoiMSJ9", "page_size=-4", "page_size=abc"]
)
def test_a_bad_cursor_or_page_size_is_refused_not_a_server_error(client, barnet, query):
    response = client.get(f"/api/v1/councils?{query}")

    assert response.status_code in {200, 400, 422}


def test_an_unchanged_answer_is_304_with_its_etag(client, world):
    url = f"/api/v1/pilots/{world['public_pilot'].pk}"
    first = client.get(url)

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["Last-Modified"]
    assert "max-age=300" in first["Cache-Control"]
    assert again.status_code == 304


def test_the_api_is_rate_limited_per_address(client, barnet):
    allowed = int(api.RATE.split("/")[0])
    answers = [client.get("/api/v1/councils").status_code for _ in range(allowed + 1)]

    assert answers == [200] * allowed + [429]
    other_address = client.get("/api/v1/councils", REMOTE_ADDR="198.51.100.7")
    assert other_address.status_code == 200


def read_file(client):
    response = client.get(reverse("open_data_outcomes"))
    assert response.status_code == 200
    assert LICENCE in response["Link"]
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content).decode()


def test_the_nightly_file_has_the_apis_columns_and_public_outcomes_only(client, world):
    assert client.get(reverse("open_data_outcomes")).status_code == 404

    assert write_open_data_file.apply().result == {"outcomes": 1}

    text = read_file(client)
    rows = list(csv.DictReader(io.StringIO(text)))
    from_api, _ = walk(client, "/api/v1/outcomes")
    assert list(rows[0]) == list(from_api[0])
    assert [row["id"] for row in rows] == [str(outcome["id"]) for outcome in from_api]
    assert MARKER not in text


def test_writing_the_file_again_replaces_it(client, world, alice):
    write_open_data_file.apply()
    make_pilot(
        alice.membership.council,
        alice,
        title="Another public pilot",
        outcome={"verdict": "worked", "learned": "Short texts work best"},
        visibility=Visibility.PUBLIC,
    )

    assert write_open_data_file.apply().result == {"outcomes": 2}
    assert "Short texts work best" in read_file(client)


def test_a_second_run_while_one_writes_does_nothing(world):
    cache.add(open_data.LOCK, "writing")

    assert write_open_data_file.apply().result == {"outcomes": None}


def test_the_open_data_page_names_the_licence_the_file_and_the_credit(client, world):
    page = client.get(reverse("open_data")).content.decode()
    assert LICENCE in page and "mySociety" in page
    assert "come back tomorrow" in page

    write_open_data_file.apply()

    page = client.get(reverse("open_data")).content.decode()
    assert reverse("open_data_outcomes") in page
