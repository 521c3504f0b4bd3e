import pytest
from django.contrib.auth import get_user_model

from councils.models import Visibility
from digests.content import audience_of, audiences_due
from digests.models import DigestDelivery, DigestPreference, due_for_digest
from ideas.models import Idea, Theme
from outcomes.models import Outcome
from pilots.models import Pilot

from .factories import OutcomeFactory, PilotFactory, shared_idea, started_pilot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def digest_to(mailoutbox, user):
    """The one digest sent to `user`, as (subject, text, html)."""
    [message] = [message for message in mailoutbox if message.to == [user.email]]
    return message.subject, message.body, message.alternatives[0].content


def test_carol_never_sees_alices_council_only_idea_in_her_digest(
    alice, carol, last_week, run_weekly, mailoutbox
):
    shared_idea(alice, last_week, title="Shared with partners")
    shared_idea(alice, last_week, title="Canary for Barnet only", visibility=Visibility.COUNCIL)
    run_weekly()
    _subject, text, html = digest_to(mailoutbox, carol)
    assert "Shared with partners" in text
    assert "Canary" not in text
    assert "Canary" not in html


def test_dan_never_gets_a_partners_only_item(alice, carol, dan, last_week, run_weekly, mailoutbox):
    shared_idea(alice, last_week, title="Partners-only canary")
    started_pilot(alice, last_week, title="Partners-only pilot canary")
    run_weekly()
    assert carol.email in {message.to[0] for message in mailoutbox}
    assert dan.email not in {message.to[0] for message in mailoutbox}
    assert not DigestDelivery.objects.filter(user=dan).exists()


def test_dan_gets_what_alice_shared_with_every_council_but_not_her_partners_only_pilot(
    alice, dan, last_week, run_weekly, mailoutbox
):
    started_pilot(alice, last_week, title="For every council", visibility=Visibility.COUNCILS)
    started_pilot(alice, last_week, title="Partners-only canary")
    DigestPreference.objects.create(user=dan, scope=DigestPreference.Scope.ALL)
    run_weekly()
    _subject, text, html = digest_to(mailoutbox, dan)
    assert "For every council" in text
    assert "canary" not in text
    assert "canary" not in html


def test_an_author_who_chose_my_council_only_is_never_named_in_carols_digest(
    alice, carol, last_week, run_weekly, mailoutbox
):
    shared_idea(alice, last_week, title="Quiet author", name_display=Idea.NameDisplay.COUNCIL)
    run_weekly()
    _subject, text, html = digest_to(mailoutbox, carol)
    assert "Quiet author" in text
    assert "Alice" not in text
    assert "Alice" not in html
    assert "a member of staff at Barnet" in text


def test_carol_is_told_about_ideas_pilots_outcomes_and_adoptions_from_her_partners(
    alice, bob, carol, last_week, run_weekly, mailoutbox
):
    shared_idea(alice, last_week, title="Text reminders idea")
    started_pilot(alice, last_week, title="Pop-up library pilot")
    OutcomeFactory(
        pilot=PilotFactory(
            lead=bob,
            council=bob.membership.council,
            title="Night bus pilot",
            status=Pilot.Status.COMPLETED,
        ),
        published_at=last_week,
    )
    source = PilotFactory(lead=carol, council=carol.membership.council, title="Carol's pilot")
    # Signed off: a planned card is seen by its own council only.
    adopted = PilotFactory(
        lead=alice,
        council=alice.membership.council,
        title="Barnet's copy",
        adapted_from=source,
        status=Pilot.Status.RUNNING,
    )
    Pilot.objects.filter(pk=adopted.pk).update(created_at=last_week)
    run_weekly()
    subject, text, html = digest_to(mailoutbox, carol)
    assert subject == "Idea Bank: Weekly digest: 4 new items from other councils"
    for title in ["Text reminders idea", "Pop-up library pilot", "Night bus pilot", "Barnet"]:
        assert title in text
        assert title in html
    assert "West London Alliance" in text
    assert "Adapted from “Carol’s pilot”" in text or "Adapted from “Carol's pilot”" in text


def test_a_pilot_that_did_not_work_is_shown_as_prominently_as_one_that_did(
    alice, carol, last_week, run_weekly, mailoutbox
):
    for title, verdict in [("Worked", Outcome.Verdict.WORKED), ("Flopped", "did_not_work")]:
        OutcomeFactory(
            pilot=PilotFactory(
                lead=alice,
                council=alice.membership.council,
                title=title,
                status=Pilot.Status.COMPLETED,
            ),
            verdict=verdict,
            published_at=last_week,
        )
    run_weekly()
    _subject, _text, html = digest_to(mailoutbox, carol)
    assert '<strong style="color: #0b0c0c;">It worked</strong>' in html
    assert '<strong style="color: #0b0c0c;">It did not work</strong>' in html


def test_carols_own_council_ideas_are_not_news_to_her(
    carol, brent_manager, last_week, run_weekly, mailoutbox
):
    shared_idea(brent_manager, last_week, title="From Brent")
    DigestPreference.objects.create(user=brent_manager, include_review_queue=False)
    run_weekly()
    assert not DigestDelivery.objects.filter(user=carol).exists()


def test_a_person_who_chose_themes_hears_only_about_those_themes(
    alice, carol, last_week, run_weekly, mailoutbox
):
    housing, waste = Theme.objects.order_by("pk")[:2]
    shared_idea(alice, last_week, title="On theme", themes=[housing])
    shared_idea(alice, last_week, title="Off theme", themes=[waste])
    DigestPreference.objects.create(user=carol).themes.set([housing])
    run_weekly()
    subject, text, _html = digest_to(mailoutbox, carol)
    assert "On theme" in text
    assert "Off theme" not in text
    assert subject == "Idea Bank: Weekly digest: 1 new item from other councils"


def test_my_partnerships_leaves_out_councils_outside_them(
    alice, dan, last_week, run_weekly, mailoutbox
):
    started_pilot(dan, last_week, title="Leeds pilot", visibility=Visibility.COUNCILS)
    DigestPreference.objects.create(user=alice, scope=DigestPreference.Scope.PARTNERSHIPS)
    run_weekly()
    assert alice.email not in {message.to[0] for message in mailoutbox}


def test_a_manager_is_told_about_ideas_waiting_for_review_and_overdue_pilots(
    alice, bob, last_week, run_weekly, mailoutbox
):
    shared_idea(alice, last_week, title="Waiting idea")
    overdue = started_pilot(alice, last_week, title="Overdue pilot")
    Pilot.objects.filter(pk=overdue.pk).update(
        start_date=last_week.date().replace(year=last_week.year - 1),
        end_date=last_week.date(),
    )
    run_weekly()
    subject, text, _html = digest_to(mailoutbox, bob)
    assert "1 idea is waiting for your review" in text
    assert "Waiting idea" in text
    assert "Overdue pilot" in text
    assert "Overdue pilot" in text.split("without an outcome")[1]


def test_a_manager_who_turned_the_review_queue_off_is_not_sent_it(
    alice, bob, last_week, run_weekly, mailoutbox
):
    shared_idea(alice, last_week, title="Waiting idea")
    DigestPreference.objects.create(
        user=bob, include_review_queue=False, include_overdue_pilots=False
    )
    run_weekly()
    assert bob.email not in {message.to[0] for message in mailoutbox}


def test_a_runs_plan_puts_each_person_in_the_audience_their_own_digest_is_built_for(
    alice, bob, carol, dan, erin
):
    housing, waste = Theme.objects.order_by("pk")[:2]
    themed = DigestPreference.objects.create(user=carol, scope=DigestPreference.Scope.ALL)
    themed.themes.set([waste, housing])
    DigestPreference.objects.create(user=bob, include_review_queue=False)
    DigestPreference.objects.create(user=dan, include_review_queue=False)  # not a manager
    users = due_for_digest(get_user_model().objects.all(), "weekly")
    groups = audiences_due(users)
    loaded = users.select_related("membership", "digest_preference")
    expected = {}
    for user in loaded.order_by("pk"):
        expected.setdefault(audience_of(user), []).append(user.pk)
    assert groups == expected
    assert audience_of(loaded.get(pk=carol.pk)).theme_ids == tuple(sorted([housing.pk, waste.pk]))
    assert audience_of(loaded.get(pk=bob.pk)).review_queue is False
    assert audience_of(loaded.get(pk=erin.pk)).review_queue is True
    assert len(groups) == 5  # Barnet staff; Bob; Erin; Carol's themes; Dan


def test_a_manager_with_only_review_work_is_told_that_other_councils_shared_nothing(
    alice, bob, last_week, run_weekly, mailoutbox
):
    shared_idea(alice, last_week, title="Waiting idea")
    run_weekly()
    subject, text, html = digest_to(mailoutbox, bob)
    assert subject == "Idea Bank: Weekly digest: 1 thing at your council needs your attention"
    assert "Other councils shared nothing new with you last week." in text
    assert "Here is what other councils shared" not in text
    assert "Here is what other councils shared" not in html
    assert "Needs your attention" in text
    assert "Needs your attention" in html


def test_partner_news_comes_first_and_the_managers_own_work_follows_under_its_own_heading(
    alice, bob, carol, last_week, run_weekly, mailoutbox
):
    shared_idea(alice, last_week, title="Waiting idea")
    started_pilot(carol, last_week, title="Brent pilot")
    run_weekly()
    subject, text, html = digest_to(mailoutbox, bob)
    assert subject == (
        "Idea Bank: Weekly digest: 1 new item from other councils, 1 needs your attention"
    )
    assert "Here is what other councils shared with you on Idea Bank last week." in text
    for body, heading in [(text, "==== Needs your attention ===="), (html, "attention</h2>")]:
        news, attention = body.split(heading)
        assert "Brent pilot" in news
        assert "Waiting idea" not in news
        assert "Waiting idea" in attention
        assert "Brent pilot" not in attention


def test_staff_never_get_a_needs_your_attention_section(
    alice, carol, last_week, run_weekly, mailoutbox
):
    started_pilot(alice, last_week, title="Barnet pilot")
    run_weekly()
    subject, text, html = digest_to(mailoutbox, carol)
    assert subject == "Idea Bank: Weekly digest: 1 new item from other councils"
    assert "Needs your attention" not in text
    assert "Needs your attention" not in html


def test_nothing_from_partners_and_nothing_to_do_sends_no_digest_even_with_own_council_news(
    alice, bob, last_week, run_weekly, mailoutbox
):
    started_pilot(bob, last_week, title="Barnet's own pilot")
    OutcomeFactory(
        pilot=PilotFactory(lead=bob, council=bob.membership.council, title="Own outcome"),
        published_at=last_week,
    )
    run_weekly()
    assert mailoutbox == []
    assert not DigestDelivery.objects.exists()


def test_a_long_review_queue_says_how_many_wait_and_that_the_list_shows_the_oldest(
    alice, bob, last_week, run_weekly, mailoutbox
):
    for number in range(12):
        shared_idea(alice, last_week, title=f"Queued idea {number}")
    run_weekly()
    subject, text, _html = digest_to(mailoutbox, bob)
    assert subject.endswith("12 things at your council need your attention")
    assert "12 ideas are waiting for your review" in text
    assert "These are the 10 waiting longest." in text


def test_a_person_without_preferences_can_be_placed_in_an_audience_twice(alice):
    loaded = get_user_model().objects.select_related("membership").get(pk=alice.pk)

    first = audience_of(loaded)

    assert audience_of(loaded) == first
    assert not DigestPreference.objects.filter(user=alice).exists()
