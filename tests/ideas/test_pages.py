"""Every ideas page has one <h1>, labels on every visible input, and shows user text
as plain text."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from councils.models import Visibility
from ideabank.lib.times import clock_time
from ideas.models import Idea
from ideas.templatetags.idea_tags import govuk_datetime, paragraphs, pounds

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


LONDON = ZoneInfo("Europe/London")


def london(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


def test_govuk_datetime_writes_times_as_gov_uk_does():
    with timezone.override(LONDON):
        assert govuk_datetime(london(2026, 12, 7, 19, 31)) == "7 December 2026 at 7:31pm"
        assert govuk_datetime(london(2026, 12, 7, 12, 0)) == "7 December 2026 at 12pm"  # midday
        assert govuk_datetime(london(2026, 12, 7, 0, 0)) == "7 December 2026 at 12am"  # midnight
        assert govuk_datetime(london(2026, 12, 7, 19, 0)) == "7 December 2026 at 7pm"  # no :00
        assert govuk_datetime(london(2026, 12, 7, 19, 5)) == "7 December 2026 at 7:05pm"
        assert govuk_datetime(london(2026, 12, 7, 9, 5)) == "7 December 2026 at 9:05am"
        assert govuk_datetime(None) == ""


def test_govuk_datetime_shows_the_active_time_zone_british_summer_time_included():
    with timezone.override(LONDON):
        assert govuk_datetime(datetime.datetime(2026, 7, 1, 18, 30, tzinfo=datetime.UTC)) == (
            "1 July 2026 at 7:30pm"
        )
        # The day as well as the hour: 11:30pm UTC is already the next day in London.
        assert govuk_datetime(datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)) == (
            "1 July 2026 at 12:30am"
        )
        # In winter London is on UTC.
        assert govuk_datetime(datetime.datetime(2026, 12, 7, 18, 30, tzinfo=datetime.UTC)) == (
            "7 December 2026 at 6:30pm"
        )


def test_the_emails_clock_time_follows_the_same_rule():
    with timezone.override(LONDON):
        assert clock_time(london(2026, 12, 7, 14, 5)) == "2:05pm"
        assert clock_time(london(2026, 12, 7, 12, 0)) == "12pm"
        assert clock_time(london(2026, 12, 7, 0, 0)) == "12am"
        assert clock_time(london(2026, 12, 7, 19, 0)) == "7pm"


def test_pounds_shows_pence_only_when_there_are_some():
    assert pounds(Decimal("1500.00")) == "£1,500"
    assert pounds(Decimal("1500.50")) == "£1,500.50"
    assert pounds(Decimal("0")) == "£0"
    assert pounds(0) == "£0"
    assert pounds(Decimal("1234567")) == "£1,234,567"
    assert pounds(None) == "none"  # as ideabank.lib.money.pounds says an amount never given
    assert pounds("") == ""  # not an amount (a missing variable in a template)


def test_the_filters_work_in_a_template():
    template = Template("{% load idea_tags %}{{ when|govuk_datetime }}, {{ cost|pounds }}")
    context = Context({"when": london(2026, 12, 7, 19, 0), "cost": Decimal("3200.00")})
    with timezone.override(LONDON):
        assert template.render(context) == "7 December 2026 at 7pm, £3,200"
