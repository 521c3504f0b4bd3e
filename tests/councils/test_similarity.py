import dataclasses
import io
import itertools

import pytest
from django.core.management import call_command

from councils.importer import SHIPPED_FILE, parse_councils
from councils.models import Council, CouncilProfile, SimilarCouncil, Visibility
from councils.profiles import DEPRIVATION_FILE, LABELS_FILE, parse_deprivation, parse_labels
from councils.similarity import (
    SIMILAR_COUNT,
    WEIGHTS,
    distance,
    features_of,
    ranges_of,
    reason_text,
    reasons,
)

from ..explore.conftest import make_pilot
from ..factories import CouncilFactory


def read(path, parse):
    with path.open(encoding="utf-8", newline="") as lines:
        return parse(lines)


def shipped_councils():
    """{code: (unsaved Council, unsaved CouncilProfile)} for the current councils in the
    shipped files, with no database: the measure is pure arithmetic on these."""
    profile_values = {}
    for row in [*read(DEPRIVATION_FILE, parse_deprivation), *read(LABELS_FILE, parse_labels)]:
        values = dict(row.values)
        profile_values.setdefault(values.pop("code"), {}).update(values)
    return {
        row.values["code"]: (
            Council(**row.values),
            CouncilProfile(**profile_values.get(row.values["code"], {})),
        )
        for row in read(SHIPPED_FILE, parse_councils)
        if row.values["active"]
    }


@pytest.fixture(scope="module")
def shipped():
    councils = shipped_councils()
    features = {code: features_of(*pair) for code, pair in councils.items()}
    return councils, features, ranges_of(features.values())


def ranking(code, features, ranges):
    mine = features[code]
    return sorted(features, key=lambda other: (distance(mine, features[other], ranges), other))


def test_the_measure_covers_every_current_council(shipped):
    councils, _features, _ranges = shipped

    assert len(councils) == 397


def test_every_council_is_at_distance_0_from_itself_and_first_on_its_own_list(shipped):
    _councils, features, ranges = shipped

    for code, mine in features.items():
        assert distance(mine, mine, ranges) == 0
        assert ranking(code, features, ranges)[0] == code


def test_the_measure_is_symmetric_and_between_0_and_1(shipped):
    _councils, features, ranges = shipped

    for a, b in itertools.combinations(features.values(), 2):
        there = distance(a, b, ranges)
        assert there == distance(b, a, ranges)
        assert 0 <= there <= 1


def test_a_council_whose_deprivation_becomes_barnets_moves_up_barnets_list(shipped):
    _councils, features, ranges = shipped
    tenth = ranking("BNE", features, ranges)[SIMILAR_COUNT]
    moved = {
        **features,
        tenth: dataclasses.replace(features[tenth], deprivation=features["BNE"].deprivation),
    }

    assert ranking("BNE", moved, ranges).index(tenth) < SIMILAR_COUNT


def test_the_weights_decide_the_order_as_documented(shipped):
    """With all the weight on population, the council nearest Cornwall in size comes first."""
    _councils, features, ranges = shipped
    cornwall = features["CON"]
    only_population = dict.fromkeys(WEIGHTS, 0) | {"population": 1}

    by_population = sorted(
        (code for code in features if code != "CON"),
        key=lambda code: distance(cornwall, features[code], ranges, only_population),
    )

    nearest_in_size = min(
        (code for code in features if code != "CON" and features[code].population),
        key=lambda code: abs(features[code].population - cornwall.population),
    )
    assert by_population[0] == nearest_in_size


def test_what_the_data_does_not_give_counts_as_different(shipped):
    _councils, features, ranges = shipped
    leeds, sheffield = features["LDS"], features["SHF"]
    unknown_density = dataclasses.replace(sheffield, density=None)

    assert distance(leeds, unknown_density, ranges) > distance(leeds, sheffield, ranges)
    assert "density" not in reasons(leeds, unknown_density, ranges)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("CON", "CBD", "similar deprivation, both mostly rural, both unitary authorities"),
        ("LDS", "SHF", "similar deprivation, both urban, similar population density"),
        (
            "KEN",
            "ESX",
            "similar deprivation, both urban with rural areas, similar population density",
        ),
        (
            "MAN",
            "SLF",
            "both urban, both metropolitan districts, "
            "emissions a large share from public services",
        ),
        (
            "BFS",
            "NOW",
            "both urban, emissions a large share from public services, both run the same services",
        ),
    ],
)
def test_the_reasons_for_five_pairs_read_correctly(shipped, first, second, expected):
    councils, features, ranges = shipped

    why = reasons(features[first], features[second], ranges)

    assert reason_text(why, *councils[second]) == expected
    assert why == reasons(features[second], features[first], ranges)


def run_import():
    call_command("import_councils", stdout=io.StringIO())


@pytest.mark.django_db
def test_the_import_stores_each_councils_10_nearest_others_nearest_first(client):
    run_import()

    links = SimilarCouncil.objects.all()
    assert links.count() == 397 * SIMILAR_COUNT
    assert not links.filter(council__active=False).exists()
    assert not links.filter(similar__active=False).exists()
    assert not any(link.council_id == link.similar_id for link in links)
    cornwall = list(links.filter(council__code="CON").order_by("rank"))
    assert [link.rank for link in cornwall] == list(range(1, SIMILAR_COUNT + 1))
    assert [link.distance for link in cornwall] == sorted(link.distance for link in cornwall)
    assert cornwall[0].similar.code == "CBD"

    response = client.get("/councils/cornwall/")

    text = " ".join(response.text.split())
    assert "Councils like this one" in text
    names = [link.similar.short_name for link in cornwall]
    positions = [text.index(f">{name}</a>") for name in names]
    assert positions == sorted(positions)
    assert (
        "Cumberland</a>: similar deprivation, both mostly rural, both unitary authorities" in text
    )


# "Councils like mine" on the browse pages


@pytest.fixture
def peers(alice, carol, dan):
    """Barnet's one similar council is Brent; Leeds is not similar to it."""
    barnet, brent = alice.membership.council, carol.membership.council
    SimilarCouncil.objects.create(council=barnet, similar=brent, rank=1, distance=0.1)
    return barnet, brent, dan.membership.council


def browse_titles(client, query=""):
    response = client.get("/browse/experiments/" + query)
    return {pilot.title for pilot in response.context["page_obj"].object_list}


@pytest.mark.usefixtures("privileged_people_have_mfa")
def test_councils_like_mine_narrows_to_similar_councils_visible_experiments(
    client_for, alice, carol, dan, peers
):
    barnet, brent, leeds = peers
    make_pilot(barnet, alice, title="Barnet's own")
    make_pilot(brent, carol, title="Brent public")
    make_pilot(brent, carol, visibility=Visibility.COUNCILS, title="Brent to councils")
    make_pilot(brent, carol, visibility=Visibility.COUNCIL, title="Brent only")
    make_pilot(leeds, dan, title="Leeds public")
    as_alice = client_for(alice)

    everything = browse_titles(as_alice)
    like_mine = browse_titles(as_alice, "?like_mine=on")

    assert everything == {"Barnet's own", "Brent public", "Brent to councils", "Leeds public"}
    assert like_mine == {"Brent public", "Brent to councils"}
    assert browse_titles(as_alice, "?like_mine=") == everything


@pytest.mark.usefixtures("privileged_people_have_mfa")
def test_councils_like_mine_is_offered_only_to_members_of_a_council(
    client, client_for, alice, nina, peers
):
    barnet, _brent, _leeds = peers
    make_pilot(barnet, alice, title="Barnet public")

    assert 'name="like_mine"' in client_for(alice).get("/browse/experiments/").text
    for visitor in (client, client_for(nina)):
        response = visitor.get("/browse/experiments/?like_mine=on")
        assert 'name="like_mine"' not in response.text
        assert "Barnet public" in response.text  # the filter is ignored, not applied


@pytest.mark.django_db
def test_a_council_with_no_similar_councils_stored_finds_nothing_like_it(client_for, dan):
    other = CouncilFactory(code="XYZ")
    make_pilot(other, dan, title="Elsewhere")

    assert browse_titles(client_for(dan)) == {"Elsewhere"}
    assert browse_titles(client_for(dan), "?like_mine=on") == set()


@pytest.mark.usefixtures("privileged_people_have_mfa")
def test_a_council_page_does_not_offer_councils_like_mine(client_for, alice, peers):
    _barnet, brent, _leeds = peers

    response = client_for(alice).get(brent.get_absolute_url())

    assert response.status_code == 200
    assert 'name="like_mine"' not in response.text
    assert 'name="like_mine"' in client_for(alice).get("/browse/ideas/").text
