"""The "did not work" register, and the warning the idea form shows about failed pilots."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.models import Visibility
from outcomes.models import Outcome

from ..html import assert_well_formed_page
from ..pilots.factories import closed_pilot
from .conftest import make_pilot

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

REGISTER = reverse("explore:did_not_work")


def failed(council, lead, title, *, stopped=False, visibility=Visibility.PUBLIC):
    verdict = Outcome.Verdict.STOPPED_EARLY if stopped else Outcome.Verdict.DID_NOT_WORK
    closed_at = timezone.make_aware(datetime.datetime(2026, 3, 1, 12))
    return closed_pilot(
        council,
        lead,
        verdict,
        visibility=visibility,
        stop_reason=f"{title}: stopped because flats broke it",
        pilot={"title": title, "closed_at": closed_at},
        do_differently=f"{title}: ask residents first",
    )


@pytest.fixture
def register(alice, carol, dan, barnet, brent, leeds):
    return {
        "stopped": failed(brent, carol, "Brent bin chatbot", stopped=True),
        "did_not_work": failed(leeds, dan, "Leeds parking app"),
        "hidden": failed(barnet, alice, "Barnet secret trial", visibility=Visibility.COUNCIL),
        "worked": make_pilot(leeds, dan, title="Leeds library hours", outcome={}),
        "running": make_pilot(leeds, dan, title="Leeds running pilot"),
    }


def titles(response):
    return [pilot.title for pilot in response.context["page_obj"].object_list]


def test_the_register_lists_what_did_not_work_or_stopped_with_its_lessons(
    client_for, dan, register
):
    response = client_for(dan).get(REGISTER)

    assert sorted(titles(response)) == ["Brent bin chatbot", "Leeds parking app"]
    html = response.content.decode()
    assert "Brent bin chatbot: stopped because flats broke it" in html
    assert "Brent bin chatbot: ask residents first" in html
    assert "Leeds parking app: ask residents first" in html
    assert "Barnet secret trial" not in html
    assert_well_formed_page(response)


def test_the_register_shows_a_council_its_own_hidden_failures(client_for, alice, register):
    response = client_for(alice).get(REGISTER)

    assert "Barnet secret trial" in titles(response)


def test_a_visitor_sees_only_public_failures(client, register):
    response = client.get(REGISTER)

    assert sorted(titles(response)) == ["Brent bin chatbot", "Leeds parking app"]


def test_the_register_filters_like_the_other_browse_lists(client_for, dan, register):
    user = client_for(dan)

    assert titles(user.get(REGISTER, {"council": "brent"})) == ["Brent bin chatbot"]
    assert titles(user.get(REGISTER, {"verdict": "did_not_work"})) == ["Leeds parking app"]
    assert titles(user.get(REGISTER, {"q": "parking"})) == ["Leeds parking app"]
    assert user.get(REGISTER, {"sort": "nonsense", "page": "x"}).status_code == 200


def test_an_empty_register_says_nothing_has_been_shared_yet(client_for, dan):
    html = client_for(dan).get(REGISTER, {"sort": "newest"}).content.decode()

    assert "No pilots that did not work have been shared with you yet." in html
    assert "Try fewer filters" not in html


def test_a_search_that_finds_nothing_suggests_fewer_filters(client_for, dan, register):
    html = client_for(dan).get(REGISTER, {"q": "trampolines"}).content.decode()

    assert "No pilots that did not work match. Try fewer filters or different words." in html
    assert "shared with you yet" not in html


def test_the_register_downloads_as_csv_with_its_lessons(client_for, dan, register):
    response = client_for(dan).get(reverse("explore:did_not_work_csv"))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "What they would do differently" in text
    assert "Brent bin chatbot: stopped because flats broke it" in text
    assert "Leeds parking app: ask residents first" in text
    assert "Barnet secret trial" not in text
    assert "Leeds library hours" not in text


def test_the_register_needs_few_queries(client_for, dan, register, django_assert_max_num_queries):
    user = client_for(dan)
    with django_assert_max_num_queries(14):
        user.get(REGISTER)


def test_the_experiments_page_links_to_the_register(client, db):
    assert REGISTER in client.get(reverse("explore:experiments")).content.decode()


def test_the_idea_form_warns_of_a_resembling_pilot_stopped_elsewhere(client_for, alice, register):
    response = client_for(alice).get(
        reverse("explore:similar"), {"title": "Bin chatbot for missed collections"}
    )

    html = response.content.decode()
    assert "Stopped early at Brent in 2026: Brent bin chatbot: stopped because" in html
    assert register["stopped"].get_absolute_url() in html


def test_the_idea_form_never_warns_of_a_failed_pilot_the_writer_may_not_see(
    client_for, dan, register
):
    html = client_for(dan).get(reverse("explore:similar"), {"title": "Barnet secret trial"}).text

    assert "secret" not in html.replace("Barnet secret trial", "")
    assert "Did not work" not in html
