import datetime

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councils.models import Visibility
from ideas.context_processors import review_queue
from ideas.models import Idea

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

S = Idea.Status
QUEUE = reverse("ideas:review_queue")


def titles(response):
    return [idea.title for idea in response.context["page_obj"]]


def test_the_queue_shows_waiting_ideas_oldest_submission_first(bob, make_idea, client_for):
    newer = make_idea(S.SUBMITTED, title="Newer")
    older = make_idea(S.IN_REVIEW, title="Older")
    make_idea(S.ACCEPTED, title="Decided")
    make_idea(S.DRAFT, title="Still a draft")
    Idea.objects.filter(pk=older.pk).update(
        submitted_at=newer.submitted_at - datetime.timedelta(days=3)
    )
    response = client_for(bob).get(QUEUE)
    assert titles(response) == ["Older", "Newer"]


def test_the_queue_counts_ideas_in_each_status_and_links_to_them(bob, make_idea, client_for):
    for status in [S.SUBMITTED, S.SUBMITTED, S.IN_REVIEW, S.PARKED, S.DRAFT]:
        make_idea(status)
    response = client_for(bob).get(QUEUE)
    tabs = {tab["label"]: tab["count"] for tab in response.context["tabs"]}
    assert tabs["Waiting for a decision"] == 3
    assert tabs["Submitted"] == 2
    assert tabs["On the shelf"] == 1
    assert "Draft" not in tabs
    assert f'href="{QUEUE}?status=parked"' in response.content.decode()
    assert titles(client_for(bob).get(QUEUE, {"status": "parked"})) == [
        Idea.objects.get(status=S.PARKED).title
    ]


def test_the_queue_ignores_a_status_it_does_not_know(bob, make_idea, client_for):
    idea = make_idea(S.SUBMITTED)
    for status in ["draft", "nonsense", "'; drop table"]:
        assert titles(client_for(bob).get(QUEUE, {"status": status})) == [idea.title]


def test_the_queue_holds_only_the_managers_own_council(
    bob, brent_manager, carol, make_idea, client_for
):
    barnet_idea = make_idea(S.SUBMITTED, visibility=Visibility.PUBLIC)
    brent_idea = make_idea(S.SUBMITTED, author=carol, reviewer=brent_manager)
    assert titles(client_for(bob).get(QUEUE)) == [barnet_idea.title]
    assert titles(client_for(brent_manager).get(QUEUE)) == [brent_idea.title]


@pytest.mark.parametrize("person", ["alice", "carol", "dan", "nina"])
def test_people_who_do_not_manage_a_council_cannot_open_the_queue(cast, client_for, person):
    assert client_for(cast[person]).get(QUEUE).status_code == 403


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_header_count_is_the_number_waiting_in_the_queue(bob, make_idea, client_for):
    for status in [S.SUBMITTED, S.IN_REVIEW, S.PARKED, S.ACCEPTED, S.DRAFT]:
        make_idea(status)
    context = review_queue(request_for(bob))
    queue = client_for(bob).get(QUEUE)
    assert context["review_waiting_count"] == queue.context["page_obj"].paginator.count == 2


def test_the_header_count_costs_managers_one_query(bob, make_idea):
    make_idea(S.SUBMITTED)
    request = request_for(bob)
    assert bob.membership.is_manager  # the navigation context processor loaded it already
    with CaptureQueriesContext(connection) as queries:
        review_queue(request)
    assert len(queries) == 1
    assert "COUNT" in queries[0]["sql"].upper()


@pytest.mark.parametrize("person", ["alice", "carol", "nina"])
def test_the_header_has_no_review_count_for_people_who_do_not_manage(cast, person):
    assert review_queue(request_for(cast[person]))["review_waiting_count"] is None


def test_the_nav_links_to_the_review_queue_with_its_count_for_managers(bob):
    html = render_to_string(
        "ideas/_nav.html",
        {"can_submit_ideas": True, "review_waiting_count": 3},
        request=request_for(bob),
    )
    assert "Submit an idea" in html
    assert "My ideas" in html
    assert "Review (3" in html


def test_the_nav_has_no_review_link_for_staff(alice):
    html = render_to_string(
        "ideas/_nav.html",
        {"can_submit_ideas": True, "review_waiting_count": None},
        request=request_for(alice),
    )
    assert "Review (" not in html
    assert "Submit an idea" in html


def test_nina_is_not_offered_to_submit_ideas(nina):
    context = review_queue(request_for(nina))
    assert context["can_submit_ideas"] is False


def test_the_submitted_time_is_recorded_for_the_queue(make_idea):
    idea = make_idea(S.SUBMITTED)
    assert timezone.now() - idea.submitted_at < datetime.timedelta(minutes=1)
