"""After a change: the results and their total are fresh at once for everyone who can see
the change, the cached facet counts are reused, and no cached thing crosses audiences."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from councils.models import Visibility
from explore import sections
from ideas.models import Idea

from ..pilots.factories import OutcomeFactory
from .conftest import MARKER, make_idea, make_pilot
from .test_sections import without_per_response_tokens

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

EXPERIMENTS = reverse("explore:experiments")
IDEAS = reverse("explore:ideas")
HEADER_COUNT = '"notifications_notification"'


def total(html):
    """The "N found" heading's number."""
    return int(re.search(r"([\d,]+) found", html).group(1).replace(",", ""))


def fetch(client, url, django_assert_max_num_queries, limit=6):
    """The page and its SQL, but the header's count of unread notifications, which is
    the person's own and never cached (tests/notifications counts it)."""
    with django_assert_max_num_queries(limit + 1) as captured:
        response = client.get(url)
    assert response.status_code == 200
    page = [q["sql"] for q in captured.captured_queries if HEADER_COUNT not in q["sql"]]
    assert len(page) <= limit
    return response.content.decode(), " ".join(page)


def test_a_new_idea_shows_at_once_with_its_total_and_a_short_list_is_counted_again(
    client_for, alice, carol, dan, world, django_assert_max_num_queries
):
    people = {person: client_for(person) for person in (alice, carol, dan, None)}
    before = {
        person: total(client.get(IDEAS).content.decode()) for person, client in people.items()
    }
    make_idea(alice, title="Food waste caddies for every flat")
    for person, client in people.items():
        html, sql = fetch(client, IDEAS, django_assert_max_num_queries)
        assert "Food waste caddies for every flat" in html
        assert total(html) == before[person] + 1
        assert "UNION" in sql  # a short list's counts would otherwise contradict it


def test_in_a_long_list_a_new_idea_shows_at_once_while_the_facet_counts_stay_cached(
    client_for, alice, carol, dan, world, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(sections, "EXACT_TOTAL_UP_TO", 0)  # every list counts as long
    people = [client_for(person) for person in (alice, carol, dan, None)]
    for client in people:
        client.get(IDEAS)
    make_idea(alice, title="Food waste caddies for every flat")
    for client in people:
        html, sql = fetch(client, IDEAS, django_assert_max_num_queries)
        assert "Food waste caddies for every flat" in html
        # Only the results and their total were fetched again, not the facet counts.
        assert "UNION" not in sql
        assert "COUNT(" in sql


def options_of(html, name):
    """The option labels of one facet's select box."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_a_short_lists_facets_offer_every_value_its_results_show_after_a_change(
    client_for, alice, dan, world
):
    from ideas.models import Theme

    client = client_for(dan)
    client.get(IDEAS)
    libraries = Theme.objects.create(slug="libraries-test", name="Libraries test")
    make_idea(alice, title="Library of things", themes=[libraries])
    idea = Idea.objects.get(pk=world["public_idea"].pk)
    Idea.objects.filter(pk=idea.pk).update(status=Idea.Status.IN_REVIEW)
    sections.content_changed()  # as a status change through the workflow would

    html = client.get(IDEAS).content.decode()

    assert "Library of things" in html
    assert "Libraries test (1)" in options_of(html, "theme")
    statuses = options_of(html, "status")
    in_review = Idea.objects.shared_with(dan).filter(status=Idea.Status.IN_REVIEW).count()
    assert f"In review ({in_review})" in statuses


def test_a_submitted_draft_shows_at_once_to_its_author_and_to_others(
    client_for, alice, dan, world, django_assert_max_num_queries
):
    draft = Idea.objects.get(pk=world["draft_idea"].pk)
    clients = [client_for(alice), client_for(dan), client_for(None)]
    for client in clients:
        assert draft.title not in client.get(IDEAS).content.decode()
    draft.submit(by=alice)
    for client in clients:
        html, _sql = fetch(client, IDEAS, django_assert_max_num_queries)
        assert draft.title in html


def test_a_partner_stops_seeing_a_narrowed_idea_and_its_count_at_once(
    client_for, alice, carol, world, django_assert_max_num_queries
):
    client = client_for(carol)
    html = client.get(IDEAS).content.decode()
    assert f"Partners idea {MARKER}" in html
    shown = total(html)
    idea = Idea.objects.get(pk=world["partners_idea"].pk)  # as an edit form would load it
    idea.visibility = Visibility.COUNCIL
    idea.save()
    html, _sql = fetch(client, IDEAS, django_assert_max_num_queries)
    assert MARKER not in html
    assert total(html) == shown - 1


LISTS = [
    IDEAS,
    IDEAS + "?theme=waste-and-recycling",
    IDEAS + "?council=barnet&sort=updated",
    EXPERIMENTS,
    EXPERIMENTS + "?verdict=did_not_work",
    EXPERIMENTS + "?nation=England&page=2",
    "/councils/barnet/",
    "/partnerships/west-london-alliance/",
]


@pytest.mark.parametrize("viewer", ["carol", "dan", "visitor"])
def test_counts_cached_for_one_council_are_never_served_to_another_or_a_visitor(
    client_for, alice, bob, carol, dan, world, viewer
):
    client = client_for({"carol": carol, "dan": dan, "visitor": None}[viewer])
    alone = {}
    for url in LISTS:
        cache.clear()
        alone[url] = without_per_response_tokens(client.get(url).content.decode())
    cache.clear()
    for url in LISTS:  # Barnet's members count their private work into every facet
        client_for(alice).get(url)
        client_for(bob).get(url + ("&" if "?" in url else "?") + "q=bins")
    for url in LISTS:
        page = without_per_response_tokens(client.get(url).content.decode())
        assert page == alone[url], url
        if viewer != "carol":  # Brent is Barnet's partner
            assert MARKER not in page


def test_barnet_and_leeds_are_counted_apart(client_for, alice, dan, world):
    barnet = client_for(alice).get(IDEAS).content.decode()
    leeds = client_for(dan).get(IDEAS).content.decode()
    # Barnet sees its public, partners-only and council-only ideas; Leeds the public one.
    assert "Barnet (3)" in barnet
    assert "Barnet (1)" in leeds


def test_saving_a_draft_keeps_every_section_cached(
    client_for, alice, dan, world, django_assert_max_num_queries
):
    barnet, leeds = client_for(alice), client_for(dan)
    barnet.get(IDEAS), leeds.get(IDEAS)
    draft = make_idea(alice, status=Idea.Status.DRAFT, title="Half-written bin idea")
    draft.title = "Still half-written"
    draft.save()
    for client in (barnet, leeds):
        html, sql = fetch(client, IDEAS, django_assert_max_num_queries, limit=4)
        assert "ideas_idea" not in sql
        assert "half-written" not in html.lower()


def test_withdrawing_a_shared_idea_back_to_draft_reaches_its_audience(
    client_for, alice, dan, world
):
    leeds = client_for(dan)
    idea = make_idea(alice, title="Shared, then pulled back")
    assert "Shared, then pulled back" in leeds.get(IDEAS).content.decode()
    idea = Idea.objects.get(pk=idea.pk)
    idea.status = Idea.Status.DRAFT
    idea.save()
    assert "Shared, then pulled back" not in leeds.get(IDEAS).content.decode()


def test_a_council_only_change_keeps_other_councils_sections_cached(
    client_for, alice, dan, world, django_assert_max_num_queries
):
    leeds = client_for(dan)
    leeds.get(IDEAS)
    make_idea(alice, visibility=Visibility.COUNCIL, title="Barnet own bin audit")
    _html, sql = fetch(leeds, IDEAS, django_assert_max_num_queries, limit=4)
    assert "ideas_idea" not in sql
    assert "Barnet own bin audit" in client_for(alice).get(IDEAS).content.decode()


def test_a_change_to_an_idea_keeps_experiment_lists_cached(
    client_for, alice, dan, world, django_assert_max_num_queries
):
    leeds = client_for(dan)
    leeds.get(EXPERIMENTS)
    make_idea(alice, title="An idea, not an experiment")
    _html, sql = fetch(leeds, EXPERIMENTS, django_assert_max_num_queries, limit=4)
    assert "pilots_pilot" not in sql


def test_a_new_public_pilot_shows_at_once_on_every_list_that_holds_it(
    client_for, alice, dan, world, django_assert_max_num_queries
):
    leeds = client_for(dan)
    urls = [EXPERIMENTS, "/councils/barnet/", "/partnerships/west-london-alliance/"]
    for url in urls:
        leeds.get(url)
    make_pilot(alice.membership.council, alice, title="Barnet street lighting trial")
    for url in urls:
        # 11: a council or partnership page also asks whether Dan follows it.
        html, _sql = fetch(leeds, url, django_assert_max_num_queries, limit=11)
        assert "Barnet street lighting trial" in html, url


def test_an_outcome_shows_at_once(client_for, alice, dan, world):
    pilot = make_pilot(alice.membership.council, alice, title="Bulky waste booking online")
    leeds = client_for(dan)
    assert (
        "Bulky waste booking online"
        not in leeds.get(EXPERIMENTS + "?verdict=worked").content.decode()
    )
    pilot.status = pilot.Status.COMPLETED
    pilot.save()
    OutcomeFactory(pilot=pilot, verdict="worked")
    assert (
        "Bulky waste booking online" in leeds.get(EXPERIMENTS + "?verdict=worked").content.decode()
    )


def test_a_form_with_errors_is_counted_every_time_and_never_cached(
    client_for, dan, world, django_assert_max_num_queries
):
    client = client_for(dan)
    for _attempt in range(2):
        html, sql = fetch(client, IDEAS + "?added_from=31-02-2026", django_assert_max_num_queries)
        assert "Added on or after must be a real date" in html
        assert "UNION" in sql
    # The same filters without the error are counted again, and show no error.
    html, _sql = fetch(client, IDEAS, django_assert_max_num_queries)
    assert "must be a real date" not in html


def test_facet_counts_can_be_kept_out_of_the_cache(
    client_for, alice, dan, world, settings, django_assert_max_num_queries
):
    settings.EXPLORE_FACET_SECONDS = 0
    client = client_for(dan)
    client.get(IDEAS)
    make_idea(alice, title="Counted afresh")
    html, sql = fetch(client, IDEAS, django_assert_max_num_queries)
    assert "Counted afresh" in html
    assert "UNION" in sql


def test_a_section_built_on_cached_counts_goes_when_they_do(
    client_for, alice, dan, world, settings, monkeypatch
):
    """So a count never lags a change by more than EXPLORE_FACET_SECONDS."""
    settings.EXPLORE_SECTION_SECONDS, settings.EXPLORE_FACET_SECONDS = 120, 60
    kept = []
    real_set = sections.cache.set

    def recording_set(key, value, timeout=None, **kwargs):
        if key.startswith("explore:section:"):
            kept.append(timeout)
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(sections.cache, "set", recording_set)
    monkeypatch.setattr(sections, "EXACT_TOTAL_UP_TO", 0)  # a long list keeps its counts
    client = client_for(dan)
    client.get(IDEAS)  # counted now: the section may stay its full time
    make_idea(alice, title="Counted within the minute")
    client.get(IDEAS)  # counted a moment ago: the section goes with the counts
    assert kept[0] == 120
    assert 1 <= kept[1] <= 60


def test_above_the_exact_limit_a_total_may_lag_while_the_rows_never_do(
    client_for, alice, world, monkeypatch, django_assert_max_num_queries
):
    client = client_for(alice)
    before = total(client.get(IDEAS).content.decode())
    monkeypatch.setattr(sections, "EXACT_TOTAL_UP_TO", before - 1)
    make_idea(alice, title="One more among very many")

    html, sql = fetch(client, IDEAS, django_assert_max_num_queries)

    assert "One more among very many" in html
    # Counted one row past the limit, then the total from the cached counts.
    assert f"LIMIT {before}" in sql
    assert total(html) == before


def test_up_to_the_exact_limit_a_total_is_counted_afresh(
    client_for, alice, world, monkeypatch, django_assert_max_num_queries
):
    client = client_for(alice)
    before = total(client.get(IDEAS).content.decode())
    monkeypatch.setattr(sections, "EXACT_TOTAL_UP_TO", before + 1)
    make_idea(alice, title="Right at the limit")

    html, _sql = fetch(client, IDEAS, django_assert_max_num_queries)

    assert total(html) == before + 1
