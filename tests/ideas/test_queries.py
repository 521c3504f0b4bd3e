"""Lists cost the same number of queries however many ideas there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import Visibility
from ideas.models import Idea

from .factories import IdeaFactory, theme

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def add_ideas(count, *, author):
    themes = [theme("Waste and recycling"), theme("Digital and data")]
    for number in range(count):
        idea = IdeaFactory(author=author, visibility=Visibility.PUBLIC, themes=themes)
        if number % 2:
            idea.submit(by=author)


def queries_for(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("person", "url", "params"),
    [
        ("alice", "ideas:mine", None),
        ("alice", "ideas:list", None),
        ("carol", "ideas:list", None),
        ("visitor", "ideas:list", None),
        ("bob", "ideas:review_queue", None),
        ("bob", "ideas:review_queue", {"status": "submitted"}),
    ],
)
def test_a_list_makes_the_same_number_of_queries_for_5_and_for_50_ideas(
    cast, client_for, django_assert_max_num_queries, person, url, params
):
    client = client_for(cast[person])
    add_ideas(5, author=cast["alice"])
    with_five = queries_for(client, reverse(url), params)
    add_ideas(45, author=cast["alice"])
    assert Idea.objects.count() == 50
    with django_assert_max_num_queries(with_five):
        response = client.get(reverse(url), params or {})
    assert len(response.context["page_obj"]) > 5
    print(f"{person} {url} {params}: {with_five} queries")
