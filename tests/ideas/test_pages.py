"""Every ideas page has one <h1>, labels on every visible input, and shows user text
as plain text."""

import pytest
from django.urls import reverse

from councils.models import Visibility
from ideas.models import Idea
from ideas.templatetags.idea_tags import paragraphs

from ..html import assert_well_formed_page
from .factories import CommentFactory, IdeaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

S = Idea.Status


@pytest.fixture
def ideas(alice, bob, carol, make_idea):
    submitted = make_idea(S.SUBMITTED, visibility=Visibility.PARTNERS)
    CommentFactory(idea=submitted, author=carol)
    return {
        "draft": make_idea(S.DRAFT),
        "submitted": submitted,
        "in_review": make_idea(S.IN_REVIEW),
        "accepted": make_idea(S.ACCEPTED, visibility=Visibility.PUBLIC),
    }


PAGES = [
    # (who, method, url name, idea key or None, post data)
    ("visitor", "get", "ideas:list", None, None),
    ("alice", "get", "ideas:list", None, None),
    ("alice", "get", "ideas:mine", None, None),
    ("nina", "get", "ideas:mine", None, None),
    ("bob", "get", "ideas:review_queue", None, None),
    ("alice", "get", "ideas:create", None, None),
    ("alice", "post", "ideas:create", None, {"action": "submit"}),
    ("alice", "get", "ideas:edit", "draft", None),
    ("alice", "get", "ideas:edit", "submitted", None),
    ("alice", "post", "ideas:edit", "submitted", {"title": ""}),
    ("alice", "get", "ideas:withdraw", "submitted", None),
    ("alice", "get", "ideas:withdraw", "accepted", None),
    ("visitor", "get", "ideas:detail", "accepted", None),
    ("alice", "get", "ideas:detail", "draft", None),
    ("alice", "get", "ideas:detail", "submitted", None),
    ("bob", "get", "ideas:detail", "submitted", None),
    ("carol", "get", "ideas:detail", "submitted", None),
    ("carol", "post", "ideas:comment", "submitted", {"body": ""}),
    ("bob", "get", "ideas:review", "submitted", None),
    ("bob", "get", "ideas:review", "accepted", None),
    ("bob", "post", "ideas:review", "in_review", {"decision": "accept", "feedback": ""}),
]


@pytest.mark.parametrize(("who", "method", "name", "key", "data"), PAGES)
def test_every_page_has_one_h1_and_labels_every_input(
    cast, ideas, client_for, who, method, name, key, data
):
    url = reverse(name, args=[ideas[key].pk] if key else [])
    client = client_for(cast[who])
    response = client.post(url, data) if method == "post" else client.get(url)
    assert response.status_code == 200
    page = assert_well_formed_page(response)
    if method == "post":
        assert page.title.strip().startswith("Error:")


def test_the_hide_comment_page_has_one_h1_and_labels_every_input(ideas, alice, client_for):
    comment = ideas["submitted"].comments.get()
    response = client_for(alice).get(
        reverse("ideas:hide_comment", args=[ideas["submitted"].pk, comment.pk])
    )
    assert_well_formed_page(response)


def test_my_ideas_says_what_happens_next_for_every_status(alice, make_idea, client_for):
    for status in S.values:
        make_idea(status)
    response = client_for(alice).get(reverse("ideas:mine"))
    rows = response.context["rows"]
    assert {row["idea"].status for row in rows} == set(S.values)
    assert all(row["next"] for row in rows)
    assert "Only you can see this draft." in response.content.decode()


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_user_text_is_shown_as_escaped_plain_text(alice, carol, client_for):
    idea = IdeaFactory(
        author=alice,
        title=HOSTILE,
        problem=f"First paragraph {HOSTILE}\n\nSecond paragraph",
        proposal=HOSTILE,
        who_benefits=HOSTILE,
        expected_benefit=HOSTILE,
        visibility=Visibility.PARTNERS,
    )
    idea.submit(by=alice)
    CommentFactory(idea=idea, author=carol, body=HOSTILE)
    for url in [reverse("ideas:detail", args=[idea.pk]), reverse("ideas:list")]:
        page = client_for(carol).get(url).content.decode()
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;" in page


def test_paragraphs_escapes_and_keeps_paragraphs_and_line_breaks():
    html = paragraphs("One <b>bold</b>\nline two\r\n\r\nTwo & three")
    assert html == (
        '<p class="govuk-body">One &lt;b&gt;bold&lt;/b&gt;<br>line two</p>\n'
        '<p class="govuk-body">Two &amp; three</p>'
    )
    assert paragraphs("") == ""
    assert paragraphs(None) == ""
