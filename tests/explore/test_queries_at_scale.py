"""List, idea and pilot pages make a fixed few queries with 10 rows and with 10,000."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse

from ideas.models import Idea
from pilots.models import Pilot

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("privileged_people_have_mfa")]

MAX_LIST_QUERIES = 8
# Issue #15: at most 6 per idea, pilot or outcome page. A page asks for no list it would
# show empty, and what the header and the Follow button need rides on its first query.
MAX_DETAIL_QUERIES = 4
# Every signed-in request reads its session and its person (the bare view in
# bench/explore_load.py pays them too); their council's partners come from the cache.
SIGNED_IN_QUERIES = 2
LIST_PAGES = [
    reverse("explore:experiments"),
    reverse("explore:experiments") + "?q=reminders&sort=relevance",
    reverse("explore:experiments") + "?sort=adopted&nation=England&status=completed",
    reverse("explore:experiments") + "?verdict=worked&sort=updated&page=3",
    reverse("explore:ideas"),
    reverse("explore:ideas") + "?q=reminders+bins&sort=relevance&page=2",
    reverse("explore:ideas") + "?nation=England&status=accepted&sort=newest&page=10",
]


def seed(ideas, pilots):
    call_command(
        "seed_scale",
        councils=3,
        users=30,
        ideas=ideas,
        pilots=pilots,
        force=True,
        no_analyze=True,
        stdout=io.StringIO(),
    )


def detail_pages(user):
    """The newest idea and pilot the person may see, and an older signed-off pilot with its
    outcome's page."""
    ideas = Idea.objects.visible_to(user).exclude(status=Idea.Status.DRAFT).order_by("-pk")
    pilots = Pilot.objects.visible_to(user).order_by("-pk")
    signed_off = pilots.filter(sign_off_record__isnull=False, outcome__isnull=False).first()
    rows = [ideas.first(), pilots.first(), signed_off]
    outcome = [reverse("outcomes:detail", args=[signed_off.pk])] if signed_off else []
    return [row.get_absolute_url() for row in rows if row is not None] + outcome


@pytest.mark.parametrize("person", ["visitor", "alice", "carol"])
def test_list_idea_and_pilot_pages_make_as_few_queries_with_10_or_10000_ideas(
    client_for, alice, carol, dan, settings, django_assert_max_num_queries, person
):
    settings.EXPLORE_SECTION_SECONDS = 0  # every request filters, counts and renders
    user = {"visitor": None, "alice": alice, "carol": carol}[person]
    client = client_for(user)
    client.get(reverse("home"))  # a session's once-a-minute write happens here
    signed_in = 0 if user is None else SIGNED_IN_QUERIES
    for ideas, pilots in ((10, 10), (9_990, 1_000)):
        seed(ideas, pilots)
        for url in LIST_PAGES:
            with django_assert_max_num_queries(MAX_LIST_QUERIES):
                assert client.get(url).status_code == 200
        pages = detail_pages(user or AnonymousUser())
        assert len(pages) >= 2
        for url in pages:
            with django_assert_max_num_queries(MAX_DETAIL_QUERIES + signed_in):
                assert client.get(url).status_code == 200
