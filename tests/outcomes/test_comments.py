"""Comments on pilots and outcomes: the same moderation as ideas' comments, and @name
mentions of colleagues in the writer's own council."""

import pytest
from django.urls import reverse

from outcomes.models import OutcomeComment
from pilots import conversations
from pilots.models import Pilot, PilotComment
from pilots.signals import comment_posted, people_mentioned

from ..html import assert_well_formed_page
from ..queries import page_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


@pytest.fixture
def pilot(make_pilot):
    return make_pilot(Pilot.Status.COMPLETED, "partners", title="Bin day texts")


def urls(pilot):
    """For each place a comment can go: (its page, its comment URL, the model)."""
    return [
        (pilot.get_absolute_url(), reverse("pilots:comment", args=[pilot.pk]), PilotComment),
        (
            reverse("outcomes:detail", args=[pilot.pk]),
            reverse("outcomes:comment", args=[pilot.pk]),
            OutcomeComment,
        ),
    ]


def hide_url(comment):
    if isinstance(comment, PilotComment):
        return reverse("pilots:hide_comment", args=[comment.pilot_id, comment.pk])
    return reverse("outcomes:hide_comment", args=[comment.outcome.pilot_id, comment.pk])


@pytest.mark.parametrize("place", [0, 1], ids=["pilot", "outcome"])
def test_a_partner_comments_and_everyone_who_sees_it_reads_it(pilot, alice, carol, clients, place):
    page, action, model = urls(pilot)[place]
    response = clients["carol"].post(action, {"body": "We tried letters instead."})
    comment = model.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{page}#comment-{comment.pk}"
    for person in ("alice", "carol"):
        assert "We tried letters instead." in clients[person].get(page).content.decode()
    # Carol is named to Brent; Barnet reads "A member of staff at Brent" above her comment.
    assert "Carol Chen" in clients["carol"].get(page).content.decode()
    barnet_page = clients["alice"].get(page).content.decode()
    assert "Carol Chen" not in barnet_page and "A member of staff at Brent" in barnet_page


@pytest.mark.parametrize("place", [0, 1], ids=["pilot", "outcome"])
def test_an_empty_comment_comes_back_on_its_own_page_with_an_error(pilot, alice, clients, place):
    _page, action, model = urls(pilot)[place]
    response = clients["alice"].post(action, {"body": "   "})
    assert response.status_code == 200
    assert "Enter your comment" in response.content.decode()
    assert_well_formed_page(response)
    assert model.objects.count() == 0


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("place", [0, 1], ids=["pilot", "outcome"])
def test_someone_who_cannot_see_the_pilot_gets_404(pilot, dan, clients, place, method):
    _page, action, model = urls(pilot)[place]
    response = getattr(clients["dan"], method)(action, {"body": "Hello"})
    assert response.status_code == 404
    assert model.objects.count() == 0


@pytest.mark.parametrize("place", [0, 1], ids=["pilot", "outcome"])
def test_the_lead_or_a_manager_hides_a_comment_and_its_writer_sees_why(
    pilot, alice, bob, carol, amir, clients, place
):
    page, action, model = urls(pilot)[place]
    clients["carol"].post(action, {"body": "Rude words"})
    comment = model.objects.get()
    url = hide_url(comment)
    for person in ("carol", "amir"):
        assert clients[person].get(url).status_code == 403, person
    hide_page = clients["bob"].get(url)
    assert_well_formed_page(hide_page)
    # Carol is not named to Barnet, and the sentence starts with her label.
    assert "A member of staff at Brent wrote:" in hide_page.content.decode()
    assert clients["alice"].post(url, {"reason": "Not kind."}).status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == alice
    bob_page = clients["bob"].get(page).content.decode()
    assert "Rude words" not in bob_page and "Hidden by a moderator" in bob_page
    carol_page = clients["carol"].get(page).content.decode()
    assert "Rude words" in carol_page and "Reason: Not kind." in carol_page
    # A reason is needed.
    other = conversations.add_pilot_comment(pilot=pilot, by=carol, body="Another")
    response = clients["bob"].post(hide_url(other), {"reason": ""})
    assert response.status_code == 200
    other.refresh_from_db()
    assert not other.is_hidden


def test_a_comment_reached_through_another_pilot_is_not_there(
    make_pilot, pilot, amir, bob, carol, clients
):
    other = make_pilot(Pilot.Status.RUNNING, "partners")
    comment = conversations.add_pilot_comment(pilot=pilot, by=carol, body="Here")
    url = reverse("pilots:hide_comment", args=[other.pk, comment.pk])
    assert clients["bob"].get(url).status_code == 404
    url = reverse("pilots:report_comment", args=[other.pk, comment.pk])
    assert clients["amir"].post(url).status_code == 404
    comment.refresh_from_db()
    assert comment.reported_at is None


@pytest.mark.parametrize("place", [0, 1], ids=["pilot", "outcome"])
def test_a_mention_resolves_to_colleagues_of_the_writers_council_only(
    pilot, alice, bob, amir, carol, clients, place, django_capture_on_commit_callbacks
):
    page, action, model = urls(pilot)[place]
    heard = []

    def on_mentioned(sender, comment, people, **kwargs):
        heard.append(("mentioned", sender, comment.pk, [p.email for p in people]))

    def on_posted(sender, comment, **kwargs):
        heard.append(("posted", sender, comment.pk))

    people_mentioned.connect(on_mentioned, dispatch_uid="test-mentioned")
    comment_posted.connect(on_posted, dispatch_uid="test-posted")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            clients["alice"].post(
                action, {"body": "@bob birch and @Carol Chen, see what @Alice Adeyemi found"}
            )
    finally:
        people_mentioned.disconnect(dispatch_uid="test-mentioned")
        comment_posted.disconnect(dispatch_uid="test-posted")
    comment = model.objects.get()
    # Bob is Alice's colleague; Carol is at Brent (plain text); Alice is the writer.
    assert list(comment.mentioned.all()) == [bob]
    assert heard == [
        ("mentioned", model, comment.pk, ["bob@barnet.gov.uk"]),
        ("posted", model, comment.pk),
    ]
    html = clients["carol"].get(page).content.decode()
    assert '<strong class="app-mention">@bob birch</strong>' in html
    assert '<strong class="app-mention">@Carol Chen' not in html and "@Carol Chen" in html


def test_a_mention_is_escaped_like_the_rest_of_the_comment(pilot, alice, clients, barnet):
    from ..conftest import member

    member("oh@barnet.gov.uk", "O'Hara <b>", barnet)
    clients["alice"].post(
        reverse("pilots:comment", args=[pilot.pk]), {"body": "<i>hi</i> @O'Hara <b>"}
    )
    html = clients["alice"].get(pilot.get_absolute_url()).content.decode()
    assert "<i>hi</i>" not in html and "&lt;i&gt;hi&lt;/i&gt;" in html
    assert '<strong class="app-mention">@O&#x27;Hara &lt;b&gt;</strong>' in html


@pytest.mark.parametrize("person", ["alice", "carol", "visitor"])
def test_pages_with_comments_need_the_same_queries_for_2_and_10_comments(
    make_pilot, alice, bob, carol, clients, person, django_assert_max_num_queries
):
    pilot = make_pilot(Pilot.Status.COMPLETED, "public")

    def add(count):
        for n in range(count):
            body = f"Comment {n} for @Bob Birch"
            conversations.add_pilot_comment(pilot=pilot, by=[alice, carol][n % 2], body=body)
            conversations.add_comment(
                model=OutcomeComment, outcome=pilot.outcome, by=alice, body=body
            )

    add(2)
    pages = [page for page, _action, _model in urls(pilot)]
    few = [page_queries(clients[person], page) for page in pages]
    add(8)
    for page, count in zip(pages, few, strict=True):
        with django_assert_max_num_queries(count):
            assert clients[person].get(page).status_code == 200


def report_url(comment):
    if isinstance(comment, PilotComment):
        return reverse("pilots:report_comment", args=[comment.pilot_id, comment.pk])
    return reverse("outcomes:report_comment", args=[comment.outcome.pilot_id, comment.pk])


@pytest.mark.parametrize(
    ("place", "where"),
    [(0, "on the pilot"), (1, "on the outcome of the pilot")],
    ids=["pilot", "outcome"],
)
def test_a_reader_reports_a_comment_and_the_lead_and_managers_hear_once(
    pilot,
    alice,
    bob,
    erin,
    carol,
    amir,
    dan,
    brent_manager,
    clients,
    place,
    where,
    run_on_commit,
    mailoutbox,
):
    page, action, model = urls(pilot)[place]
    clients["carol"].post(action, {"body": "Rude words"})
    comment = model.objects.get()
    url = report_url(comment)
    assert clients["dan"].post(url).status_code == 404  # Leeds cannot see the pilot
    assert clients["carol"].post(url).status_code == 403  # her own
    assert f'action="{url}"' in clients["amir"].get(page).content.decode()
    assert f'action="{url}"' not in clients["alice"].get(page).content.decode()  # she hides
    with run_on_commit():
        response = clients["amir"].post(url, follow=True)
    assert response.redirect_chain[-1][0] == f"{page}#comment-{comment.pk}"
    assert (
        "We have told the team at Barnet. They will check the comment."
        in response.content.decode()
    )
    comment.refresh_from_db()
    assert comment.reported_by == amir
    # The lead and Barnet's managers; Carol is named to them as Brent staff.
    assert sorted(address for email in mailoutbox for address in email.to) == [
        "alice@barnet.gov.uk",
        "bob@barnet.gov.uk",
        "erin@barnet.gov.uk",
    ]
    email = mailoutbox[0]
    assert email.subject == f"Idea Bank: A comment {where} “Bin day texts” was reported"
    assert f"Someone reported what a member of staff at Brent wrote {where}" in email.body
    assert f"{page}#comment-{comment.pk}" in email.body
    with run_on_commit():
        clients["bob"].post(url)
    assert len(mailoutbox) == 3
    assert "Reported. A moderator will check it." in clients["amir"].get(page).content.decode()
    # Other readers are not told that someone reported it.
    other = clients["brent_manager"].get(page).content.decode()
    assert "reported this comment" not in other and "Reported." not in other
