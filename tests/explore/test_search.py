import pytest
from django.db import connection
from django.urls import reverse

from councils.models import Visibility
from ideas.models import Idea
from outcomes.models import Outcome
from pilots.models import Pilot

from ..pilots.factories import OutcomeFactory
from .conftest import make_idea, make_pilot

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

EXPERIMENTS = reverse("explore:experiments")
IDEAS = reverse("explore:ideas")

on_sqlite = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="PostgreSQL uses full-text search"
)


def titles(response):
    return [row.title for row in response.context["page_obj"].object_list]


@on_sqlite
def test_on_sqlite_search_finds_words_inside_titles_and_outcome_learning(client, world):
    pilot = world["public_pilot"]
    Outcome.objects.filter(pilot=pilot).update(learned="Timing mattered more than wording.")

    assert titles(client.get(EXPERIMENTS, {"q": "brent pil"})) == [world["brent_pilot"].title]
    assert titles(client.get(EXPERIMENTS, {"q": "timing mattered"})) == [pilot.title]
    assert titles(client.get(IDEAS, {"q": "COMPOST"})) == ["Compost bins for flats"]


@pytest.mark.postgres
def test_search_matches_other_forms_of_a_word(client, world, alice, barnet):
    make_pilot(barnet, alice, title="Gritting icy pavements")

    assert titles(client.get(EXPERIMENTS, {"q": "gritted pavement"})) == ["Gritting icy pavements"]


@pytest.mark.postgres
def test_search_reads_the_outcome_learning_once_it_is_published(client, alice, barnet):
    pilot = make_pilot(barnet, alice, title="Pilot without words", status=Pilot.Status.RUNNING)
    assert titles(client.get(EXPERIMENTS, {"q": "volunteers"})) == []

    OutcomeFactory(pilot=pilot, learned="Volunteers were the key to it.")

    assert titles(client.get(EXPERIMENTS, {"q": "volunteer"})) == ["Pilot without words"]


@pytest.mark.postgres
def test_an_edited_idea_is_found_by_its_new_words(client, alice):
    idea = make_idea(alice, title="Old words")
    Idea.objects.filter(pk=idea.pk).update(title="Parking permits online")

    assert titles(client.get(IDEAS, {"q": "permit"})) == ["Parking permits online"]
    assert titles(client.get(IDEAS, {"q": "old words"})) == []


@pytest.mark.postgres
def test_a_title_match_ranks_above_a_match_in_the_learning(client, alice, barnet):
    make_pilot(barnet, alice, title="Pilot A", outcome={"learned": "Libraries helped."})
    make_pilot(barnet, alice, title="Libraries open late")

    assert titles(client.get(EXPERIMENTS, {"q": "library"})) == ["Libraries open late", "Pilot A"]


@pytest.mark.postgres
def test_search_syntax_from_people_is_never_an_error(client, world):
    for query in ['"bin day', "bin -day", "bin OR reminder", "& | ! :*", "bin & (day"]:
        assert client.get(EXPERIMENTS, {"q": query}).status_code == 200


def test_a_search_only_finds_what_the_person_can_see(client_for, dan, alice, barnet):
    make_pilot(barnet, alice, visibility=Visibility.COUNCIL, title="Secret reminders")

    assert titles(client_for(dan).get(EXPERIMENTS, {"q": "reminders"})) == []
    assert titles(client_for(alice).get(EXPERIMENTS, {"q": "reminders"})) == ["Secret reminders"]


def test_searching_sorts_by_best_match_unless_asked_otherwise(client, world):
    response = client.get(EXPERIMENTS, {"q": "bin"})

    assert response.context["form"].cleaned_data["q"] == "bin"
    assert response.status_code == 200


@pytest.mark.postgres
def test_each_app_owns_the_search_trigger_on_its_own_table(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal"
            " AND tgname LIKE '%search_vector' ORDER BY 1"
        )
        triggers = cursor.fetchall()

    assert triggers == [
        ("ideas_idea", "ideas_idea_search_vector"),
        ("outcomes_outcome", "outcomes_outcome_search_vector"),
        ("pilots_pilot", "pilots_pilot_search_vector"),
    ]
