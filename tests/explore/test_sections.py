"""The cached browse sections: shared only within an audience, and never out of date."""

import re

import pytest
from django.urls import reverse

from councils.models import Visibility
from explore import sections
from ideas.models import Idea

from .conftest import MARKER, make_idea, make_pilot

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

EXPERIMENTS = reverse("explore:experiments")
IDEAS = reverse("explore:ideas")


def outside_the_header(captured, also=()):
    """The statements, less the person's own counts (the header's unread notifications,
    and `also`): what is left must not recount the cached section."""
    own = ("notifications_notification", *also)
    queries = [query["sql"] for query in captured.captured_queries]
    return " ".join(sql for sql in queries if not any(table in sql for table in own))


def test_a_second_visit_is_served_from_the_cache_without_counting_again(
    client_for, alice, world, django_assert_max_num_queries, django_assert_num_queries
):
    client = client_for(alice)
    first = client.get(EXPERIMENTS).content.decode()
    # Session, person with council, partner councils and the unread count for the header:
    # no list or count query.
    with django_assert_max_num_queries(4) as captured:
        second = client.get(EXPERIMENTS).content.decode()
    assert "pilots_pilot" not in outside_the_header(captured)
    assert without_per_response_tokens(second) == without_per_response_tokens(first)


def without_per_response_tokens(html):
    """The page without its CSP nonces and CSRF tokens, which differ on every response."""
    return re.sub(r'(nonce|value)="[^"]{20,}"', "", html)


def test_colleagues_in_one_council_share_a_section_other_councils_do_not(
    client_for, alice, bob, carol, dan, world
):
    barnet_page = client_for(alice).get(IDEAS).content.decode()
    assert f"Partners idea {MARKER}" in barnet_page
    # Bob (Barnet) gets Alice's cached section; Dan (Leeds) and a visitor get their own.
    assert client_for(bob).get(IDEAS).content.decode().count(MARKER) == barnet_page.count(MARKER)
    for person in (dan, None):
        page = client_for(person).get(IDEAS).content.decode()
        assert MARKER not in page
        assert "Compost bins for flats" in page
    assert f"Partners idea {MARKER}" in client_for(carol).get(IDEAS).content.decode()


def test_a_new_idea_shows_at_once_after_the_list_was_cached(client_for, alice, dan, world):
    client = client_for(dan)
    assert "Food waste caddies" not in client.get(IDEAS).content.decode()
    make_idea(alice, title="Food waste caddies for every flat")
    assert "Food waste caddies" in client.get(IDEAS).content.decode()


def test_a_workflow_step_updates_the_cached_list(client_for, alice, bob, dan, world):
    idea = world["public_idea"]
    client = client_for(dan)
    assert client.get(IDEAS + "?status=accepted").content.decode().count(idea.title) == 0
    idea.start_review(by=bob)
    idea.accept(by=bob, feedback="Worth a pilot.")
    assert idea.title in client.get(IDEAS + "?status=accepted").content.decode()


def test_narrowing_visibility_hides_a_cached_idea_at_once(client_for, alice, dan, world):
    idea = world["public_idea"]
    client = client_for(dan)
    assert idea.title in client.get(IDEAS).content.decode()
    idea.visibility = Visibility.COUNCIL
    idea.save()
    assert idea.title not in client.get(IDEAS).content.decode()


def test_an_adoption_updates_the_count_on_a_cached_list(client_for, alice, carol, dan, world):
    pilot = world["public_pilot"]
    client = client_for(dan)
    assert "Adopted by 1 other council" not in client.get(EXPERIMENTS).content.decode()
    make_pilot(carol.membership.council, carol, adapted_from=pilot, title="Brent's version")
    assert "Adopted by 1 other council" in client.get(EXPERIMENTS).content.decode()


def test_a_renamed_author_shows_on_a_cached_list(client_for, alice, bob, world):
    client = client_for(bob)
    assert alice.display_name in client.get(IDEAS).content.decode()
    alice.full_name = "Alice Adeyemi-Okoro"
    alice.save()
    assert "Alice Adeyemi-Okoro" in client.get(IDEAS).content.decode()


def test_signing_in_does_not_empty_the_cache(alice, world):
    versions = sections.content_versions(sections.KINDS, "public")
    alice.save(update_fields=["last_login"])
    assert sections.content_versions(sections.KINDS, "public") == versions


def test_a_lost_version_never_brings_old_sections_back(client_for, alice, dan, world):
    client = client_for(dan)
    client.get(IDEAS)
    old = sections.content_versions([sections.IDEAS], "public")
    sections.cache.delete(sections.version_key(sections.IDEAS, sections.EVERYONE))
    assert sections.content_versions([sections.IDEAS], "public") != old


def test_input_errors_are_shown_every_time_and_not_cached(client_for, dan, world):
    client = client_for(dan)
    for _attempt in range(2):
        page = client.get(IDEAS + "?added_from=31-02-2026").content.decode()
        assert "There is a problem" in page
        assert "Added on or after must be a real date, for example 27 3 2026" in page
        assert "<title>Error:" in page


def test_the_next_page_reuses_the_counts(
    client_for, alice, dan, theme, django_assert_max_num_queries
):
    for number in range(25):
        make_idea(alice, title=f"Idea {number}", themes=[theme])
    client = client_for(dan)
    client.get(IDEAS)
    with django_assert_max_num_queries(8) as captured:
        assert client.get(IDEAS + "?page=2").status_code == 200
    assert not any("UNION" in query["sql"] for query in captured.captured_queries)


def test_the_cache_can_be_turned_off(client_for, dan, world, settings):
    settings.EXPLORE_SECTION_SECONDS = 0
    client = client_for(dan)
    client.get(IDEAS)
    make_idea(dan, title="Uncached idea", visibility=Visibility.COUNCILS)
    Idea.objects.filter(title="Uncached idea").update(title="Renamed quietly")
    assert "Renamed quietly" in client.get(IDEAS).content.decode()


def test_a_member_s_home_is_cached_for_their_council_and_kept_current(
    client_for, alice, bob, carol, world, django_assert_max_num_queries
):
    client_for(alice).get(reverse("home"))
    manager = client_for(bob)
    manager.get(IDEAS)  # signs in and checks his authenticator
    # Session, person with council, his review queue's count, the savings check-ins he
    # owes, and the header's partner councils and unread count.
    with django_assert_max_num_queries(6) as captured:
        page = manager.get(reverse("home")).content.decode()
    statements = outside_the_header(captured, also=("outcomes_benefitcheckin",))
    assert "pilots_pilot" not in statements
    assert "outcomes_outcome" not in statements
    assert "Brent pilot on missed collections" not in page
    make_idea(carol, title="Brent idea for shared fleet maintenance")
    assert (
        "Brent idea for shared fleet maintenance"
        in client_for(bob).get(reverse("home")).content.decode()
    )


def test_a_change_replaces_its_versions_again_when_committed(
    alice, world, django_capture_on_commit_callbacks
):
    """A request between the change and its commit may have cached the old content."""
    with django_capture_on_commit_callbacks() as callbacks:
        make_idea(alice, title="Committed later")
        before_commit = sections.content_versions([sections.IDEAS], "public")
    assert sections.replace_content_version in callbacks
    for callback in callbacks:
        callback()
    assert sections.content_versions([sections.IDEAS], "public") != before_commit
