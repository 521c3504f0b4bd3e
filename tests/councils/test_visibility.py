import pytest
from django.contrib.auth.models import AnonymousUser

from councils.models import Council, Visibility
from councils.visibility import visibility_filter

# (person, visibility) -> can they see something owned by Barnet?
EXPECTED = {
    "alice": {"council": True, "partners": True, "councils": True, "public": True},
    "carol": {"council": False, "partners": True, "councils": True, "public": True},
    "dan": {"council": False, "partners": False, "councils": True, "public": True},
    "nina": {"council": False, "partners": False, "councils": False, "public": True},
    "visitor": {"council": False, "partners": False, "councils": False, "public": True},
}


def can_see(user, *, council_id, visibility):
    """The audience rule for one row of `council_id` at `visibility`, through the one filter."""
    from django.db.models import CharField, Value

    rows = Council.objects.filter(pk=council_id).annotate(
        visibility=Value(visibility, output_field=CharField()), council_id=Value(council_id)
    )
    return rows.filter(visibility_filter(user)).exists()


@pytest.fixture
def people(alice, carol, dan, nina):
    return {"alice": alice, "carol": carol, "dan": dan, "nina": nina, "visitor": AnonymousUser()}


@pytest.mark.parametrize("person", EXPECTED)
@pytest.mark.parametrize("level", [v.value for v in Visibility])
def test_visibility_rule_matches_design(people, barnet, person, level):
    expected = EXPECTED[person][level]
    assert can_see(people[person], council_id=barnet.pk, visibility=level) is expected


@pytest.mark.parametrize("person", EXPECTED)
def test_queryset_filter_agrees_with_the_in_memory_rule(people, barnet, person):
    # Councils have the two fields the filter needs only through content; use
    # annotate to give each council a row per visibility level.
    from django.db.models import CharField, Value

    user = people[person]
    for level in Visibility:
        rows = Council.objects.filter(pk=barnet.pk).annotate(
            visibility=Value(level.value, output_field=CharField()),
            council_id=Value(barnet.pk),
        )
        assert rows.filter(visibility_filter(user)).exists() is EXPECTED[person][level.value]


def test_partnership_is_symmetric(alice, carol, barnet, brent):
    assert can_see(alice, council_id=brent.pk, visibility=Visibility.PARTNERS)
    assert can_see(carol, council_id=barnet.pk, visibility=Visibility.PARTNERS)


def test_dan_is_in_no_partnership_so_sees_no_partner_content(dan, brent, barnet):
    assert not can_see(dan, council_id=brent.pk, visibility=Visibility.PARTNERS)
    assert can_see(dan, council_id=dan.membership.council_id, visibility=Visibility.PARTNERS)
