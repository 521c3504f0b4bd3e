import re

import pytest
from django.urls import reverse

from councils.models import Visibility
from ideas.models import Idea, IdeaEvent, TransitionNotAllowed

from ..html import outline
from .factories import FULL_IDEA, IdeaFactory, theme

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

S = Idea.Status


def review_url(idea):
    return reverse("ideas:review", args=[idea.pk])


def unchanged(idea, status, events):
    idea.refresh_from_db()
    return idea.status == status and idea.events.count() == events


# Submitting and editing


def test_alice_saves_a_draft_with_only_a_title(alice, client_for):
    response = client_for(alice).post(
        reverse("ideas:create"),
        {
            "title": "Half an idea",
            "action": "draft",
            **{k: FULL_IDEA[k] for k in ("cost_band", "requested_visibility", "name_display")},
        },
    )
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert (idea.status, idea.author, idea.council) == (S.DRAFT, alice, alice.membership.council)
    assert idea.events.count() == 0


def test_the_submit_page_does_not_call_the_problem_or_proposal_optional(alice, client_for):
    page = client_for(alice).get(reverse("ideas:create")).content.decode()
    assert "What problem does it solve? (optional)" not in page
    assert "What change do you propose? (optional)" not in page
    assert "What difference would it make? (optional)" in page
    assert 'value="draft"' in page
    assert 'value="submit"' in page


def test_a_draft_still_needs_a_title(alice, client_for):
    response = client_for(alice).post(reverse("ideas:create"), {"action": "draft"})
    assert response.status_code == 200
    assert "Enter a title for your idea" in response.content.decode()
    assert not Idea.objects.exists()


def test_alice_submits_an_idea_with_themes(alice, client_for):
    waste = theme("Waste and recycling")
    response = client_for(alice).post(
        reverse("ideas:create"), {**FULL_IDEA, "themes": [waste.pk], "action": "submit"}
    )
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert idea.status == S.SUBMITTED
    assert list(idea.themes.all()) == [waste]
    assert [(e.from_status, e.to_status, e.actor) for e in idea.events.all()] == [
        (S.DRAFT, S.SUBMITTED, alice)
    ]


@pytest.mark.parametrize(
    ("name", "choices"),
    [("cost_band", 5), ("requested_visibility", 4), ("name_display", 2)],  # Barnet has partners
)
def test_a_new_ideas_questions_start_with_no_answer_chosen(alice, client_for, name, choices):
    page = client_for(alice).get(reverse("ideas:create")).content.decode()

    radios = re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert len(radios) == choices
    assert not [radio for radio in radios if "checked" in radio]


def test_submitting_without_a_cost_asks_for_one_in_the_error_summary(alice, client_for):
    data = {name: value for name, value in FULL_IDEA.items() if name != "cost_band"}
    response = client_for(alice).post(reverse("ideas:create"), {**data, "action": "submit"})

    page = response.content.decode()
    assert response.status_code == 200
    assert outline(response).title.strip().startswith("Error:")
    assert '<a href="#id_cost_band_0">Select roughly how much it would cost to try</a>' in page
    assert not Idea.objects.exists()


def test_a_draft_asks_for_the_cost_as_nothing_is_chosen_for_it(alice, client_for):
    response = client_for(alice).post(
        reverse("ideas:create"), {"title": "Half an idea", "action": "draft"}
    )

    assert response.status_code == 200
    assert "Select roughly how much it would cost to try" in response.content.decode()
    assert not Idea.objects.exists()


def test_submitting_without_the_problem_and_proposal_shows_the_error_summary(alice, client_for):
    data = {**FULL_IDEA, "problem": "", "proposal": "  ", "action": "submit"}
    response = client_for(alice).post(reverse("ideas:create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert outline(response).title.strip().startswith("Error:")
    assert "govuk-error-summary" in page
    assert 'href="#id_problem"' in page
    assert "Describe the problem your idea solves" in page
    assert "Describe the change you propose" in page
    assert not Idea.objects.exists()


def test_nina_without_a_council_cannot_submit_an_idea(nina, client_for):
    assert client_for(nina).get(reverse("ideas:create")).status_code == 403


def test_a_visitor_is_asked_to_sign_in_before_submitting(client_for):
    response = client_for(None).get(reverse("ideas:create"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_alice_submits_her_draft_from_the_edit_page(alice, make_idea, client_for):
    idea = make_idea(S.DRAFT)
    response = client_for(alice).post(
        reverse("ideas:edit", args=[idea.pk]), {**FULL_IDEA, "action": "submit"}
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == S.SUBMITTED
    assert idea.events.count() == 1


def test_editing_a_submitted_idea_keeps_its_status(alice, make_idea, client_for):
    idea = make_idea(S.SUBMITTED)
    data = {**FULL_IDEA, "title": "A better title", "action": "save"}
    response = client_for(alice).post(reverse("ideas:edit", args=[idea.pk]), data)
    assert response.status_code == 302
    assert unchanged(idea, S.SUBMITTED, 1)
    assert idea.title == "A better title"


@pytest.mark.parametrize("status", [S.IN_REVIEW, S.ACCEPTED, S.DECLINED, S.PARKED, S.WITHDRAWN])
def test_alice_cannot_edit_her_idea_once_review_has_started(alice, make_idea, client_for, status):
    idea = make_idea(status)
    response = client_for(alice).post(reverse("ideas:edit", args=[idea.pk]), FULL_IDEA)
    assert response.status_code == 403


def test_bob_cannot_edit_alices_idea(bob, make_idea, client_for):
    idea = make_idea(S.SUBMITTED)
    assert client_for(bob).get(reverse("ideas:edit", args=[idea.pk])).status_code == 403


# Withdrawing


@pytest.mark.parametrize("status", [S.SUBMITTED, S.IN_REVIEW, S.PARKED])
def test_alice_withdraws_her_idea_with_a_note(alice, make_idea, client_for, status):
    idea = make_idea(status)
    events = idea.events.count()
    url = reverse("ideas:withdraw", args=[idea.pk])
    assert client_for(alice).get(url).status_code == 200
    response = client_for(alice).post(url, {"note": "Another team is doing this."})
    assert response.status_code == 302
    assert unchanged(idea, S.WITHDRAWN, events + 1)
    event = idea.events.last()
    assert (event.from_status, event.note) == (status, "Another team is doing this.")


def test_withdrawing_an_accepted_idea_is_refused_with_a_clear_message(
    alice, make_idea, client_for
):
    idea = make_idea(S.ACCEPTED)
    events = idea.events.count()
    url = reverse("ideas:withdraw", args=[idea.pk])
    assert "you can no longer withdraw it" in client_for(alice).get(url).content.decode()
    response = client_for(alice).post(url, {"note": ""})
    assert response.status_code == 200
    assert "An idea that is “Accepted” cannot become “Withdrawn”." in response.content.decode()
    assert unchanged(idea, S.ACCEPTED, events)


def test_bob_cannot_withdraw_alices_idea(bob, make_idea, client_for):
    idea = make_idea(S.SUBMITTED)
    response = client_for(bob).post(reverse("ideas:withdraw", args=[idea.pk]))
    assert response.status_code == 403
    assert unchanged(idea, S.SUBMITTED, 1)


# Who may review


@pytest.mark.parametrize(
    ("visibility", "status_code"),
    [
        pytest.param(Visibility.COUNCIL, 404, id="404 for an idea they cannot see"),
        pytest.param(Visibility.PARTNERS, 403, id="403 for a partners idea"),
        pytest.param(Visibility.COUNCILS, 403, id="403 for a councils idea"),
        pytest.param(Visibility.PUBLIC, 403, id="403 for a public idea"),
    ],
)
def test_a_brent_manager_cannot_review_a_barnet_idea(
    brent_manager, make_idea, client_for, visibility, status_code
):
    idea = make_idea(S.SUBMITTED, visibility=visibility)
    client = client_for(brent_manager)
    assert client.get(review_url(idea)).status_code == status_code
    response = client.post(review_url(idea), {"decision": "accept", "feedback": "Yes"})
    assert response.status_code == status_code
    assert unchanged(idea, S.SUBMITTED, 1)


@pytest.mark.parametrize(
    ("person", "author", "post", "status_code", "then", "events"),
    [
        pytest.param(
            "alice", "alice", {"decision": "accept", "feedback": "Me"}, 403, S.SUBMITTED, 1,
            id="alice cannot review her own idea",
        ),
        pytest.param(
            "bob", "bob", {"decision": "start_review"}, 302, S.IN_REVIEW, 2,
            id="bob may review his own idea because he manages its council",
        ),
        pytest.param(
            "erin", "alice", {"decision": "park", "feedback": "Later"}, 302, S.PARKED, 2,
            id="erin the council admin may review",
        ),
    ],
)  # fmt: skip
def test_who_at_barnet_may_review_an_idea(
    request, make_idea, client_for, person, author, post, status_code, then, events
):
    idea = make_idea(S.SUBMITTED, author=request.getfixturevalue(author))
    response = client_for(request.getfixturevalue(person)).post(review_url(idea), post)
    assert response.status_code == status_code
    assert unchanged(idea, then, events)


# Illegal moves are refused with a clear message and change nothing


def test_a_draft_cannot_be_accepted(alice, bob):
    idea = IdeaFactory(author=alice)
    with pytest.raises(TransitionNotAllowed, match="“Draft” cannot become “Accepted”"):
        idea.accept(by=bob, feedback="Great")
    assert unchanged(idea, S.DRAFT, 0)


def test_bob_cannot_accept_his_own_draft_through_the_review_page(bob, client_for):
    idea = IdeaFactory(author=bob)
    response = client_for(bob).post(review_url(idea), {"decision": "accept", "feedback": "Yes"})
    assert response.status_code == 403
    assert unchanged(idea, S.DRAFT, 0)


def test_a_withdrawn_idea_cannot_be_accepted(bob, make_idea, client_for):
    idea = make_idea(S.WITHDRAWN)
    response = client_for(bob).post(review_url(idea), {"decision": "accept", "feedback": "Yes"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "An idea that is “Withdrawn” cannot become “Accepted”." in page
    assert unchanged(idea, S.WITHDRAWN, 2)


def test_review_cannot_start_twice(bob, make_idea, client_for):
    idea = make_idea(S.IN_REVIEW)
    response = client_for(bob).post(review_url(idea), {"decision": "start_review"})
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "An idea that is “In review” cannot become “In review”." in page
    assert unchanged(idea, S.IN_REVIEW, 2)


@pytest.mark.parametrize("decision", ["accept", "decline", "park"])
@pytest.mark.parametrize("feedback", ["", "   \n  "])
def test_a_decision_without_feedback_is_refused(bob, make_idea, client_for, decision, feedback):
    idea = make_idea(S.IN_REVIEW)
    response = client_for(bob).post(review_url(idea), {"decision": decision, "feedback": feedback})
    page = response.content.decode()
    assert response.status_code == 200
    assert outline(response).title.strip().startswith("Error:")
    assert 'href="#id_feedback"' in page
    assert "Write feedback to the author before you decide" in page
    assert unchanged(idea, S.IN_REVIEW, 2)


def test_the_model_refuses_a_decision_without_feedback(bob, make_idea):
    idea = make_idea(S.SUBMITTED)
    with pytest.raises(TransitionNotAllowed, match="Write feedback"):
        idea.decline(by=bob, feedback="  ")
    assert unchanged(idea, S.SUBMITTED, 1)


def test_a_decision_is_required(bob, make_idea, client_for):
    idea = make_idea(S.SUBMITTED)
    response = client_for(bob).post(review_url(idea), {"feedback": "Hmm"})
    assert "Select your decision" in response.content.decode()
    assert unchanged(idea, S.SUBMITTED, 1)


def test_the_review_page_offers_only_the_moves_open_from_the_status(bob, make_idea, client_for):
    parked = make_idea(S.PARKED)
    page = client_for(bob).get(review_url(parked)).content.decode()
    assert 'value="return_to_review"' in page
    assert 'value="accept"' not in page
    assert 'value="start_review"' not in page
    submitted = make_idea(S.SUBMITTED)
    page = client_for(bob).get(review_url(submitted)).content.decode()
    assert 'value="start_review"' in page
    assert 'value="accept"' in page
    assert 'value="return_to_review"' not in page
    accepted = make_idea(S.ACCEPTED)
    page = client_for(bob).get(review_url(accepted)).content.decode()
    assert "There is nothing more to decide." in page


# Every legal move leaves exactly one event

LEGAL_REVIEW_MOVES = [
    (S.SUBMITTED, "start_review", S.IN_REVIEW),
    (S.SUBMITTED, "accept", S.ACCEPTED),
    (S.SUBMITTED, "decline", S.DECLINED),
    (S.SUBMITTED, "park", S.PARKED),
    (S.IN_REVIEW, "accept", S.ACCEPTED),
    (S.IN_REVIEW, "decline", S.DECLINED),
    (S.IN_REVIEW, "park", S.PARKED),
    (S.PARKED, "return_to_review", S.IN_REVIEW),
]


@pytest.mark.parametrize(("start", "decision", "end"), LEGAL_REVIEW_MOVES)
def test_every_legal_review_move_leaves_exactly_one_event(
    bob, make_idea, client_for, start, decision, end
):
    idea = make_idea(start)
    before = set(idea.events.values_list("pk", flat=True))
    response = client_for(bob).post(
        review_url(idea), {"decision": decision, "feedback": "Because of the budget."}
    )
    assert response.status_code == 302
    new = IdeaEvent.objects.filter(idea=idea).exclude(pk__in=before)
    assert [(e.from_status, e.to_status, e.actor) for e in new] == [(start, end, bob)]
    idea.refresh_from_db()
    assert idea.status == end


def test_a_decision_records_the_feedback_and_the_time(bob, make_idea, client_for):
    idea = make_idea(S.IN_REVIEW)
    client_for(bob).post(review_url(idea), {"decision": "accept", "feedback": "Go for it."})
    idea.refresh_from_db()
    assert idea.decided_at is not None
    assert idea.events.last().note == "Go for it."


@pytest.mark.parametrize("status", S.values)
def test_the_workflow_helper_leaves_one_event_per_move(make_idea, status):
    steps = {
        S.DRAFT: 0,
        S.SUBMITTED: 1,
        S.WITHDRAWN: 2,
        S.IN_REVIEW: 2,
        S.ACCEPTED: 3,
        S.DECLINED: 3,
        S.PARKED: 3,
        S.PILOTING: 4,
        S.PILOTED: 5,
    }
    assert make_idea(status).events.count() == steps[status]
