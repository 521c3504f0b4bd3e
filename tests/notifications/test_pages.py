import datetime
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import NotificationKind
from councils.visibility import membership_of, visible_council_ids
from notifications.context_processors import unread, unread_count
from notifications.models import Notification
from outcomes.models import Outcome
from pilots.models import Pilot, PilotUpdate

from ..html import outline
from ..pilots.factories import OutcomeFactory, PilotFactory, overdue_pilot, quiet_pilot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

LIST = reverse("notifications:list")
MY_WORK = reverse("notifications:my_work")


def notification(person, *, pilot=None, idea=None, message="Something happened", n=0, read=False):
    subject = pilot or idea
    return Notification.objects.create(
        recipient=person,
        kind=NotificationKind.COMMENT,
        message=message,
        url=subject.get_absolute_url(),
        pilot=pilot,
        idea=idea,
        key=f"test:{subject._meta.label_lower}:{subject.pk}:{n}:{message}",
        read_at=timezone.now() if read else None,
    )


def test_the_page_lists_alices_notifications_with_the_live_title(client_for, alice, alices_pilot):
    notification(alice, pilot=alices_pilot, message="New comment on a pilot you follow")
    alices_pilot.title = "Retitled by a manager"
    alices_pilot.save()

    response = client_for(alice).get(LIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert outline(html).h1_count == 1
    assert "New comment on a pilot you follow" in html
    assert "Retitled by a manager" in html
    assert "Notifications (1<span" in html


def test_a_notification_shows_when_as_gov_uk_writes_a_time(client_for, alice, alices_pilot):
    notification(alice, pilot=alices_pilot)
    summer = datetime.datetime(2026, 7, 1, 18, 30, tzinfo=datetime.UTC)  # 7:30pm in BST
    Notification.objects.update(created_at=summer)

    html = client_for(alice).get(LIST).content.decode()

    assert '<time datetime="2026-07-01T19:30:00+01:00">1 July 2026 at 7:30pm</time>' in html


def test_nobody_sees_anyone_elses_notifications(client_for, alice, bob, alices_pilot):
    notification(alice, pilot=alices_pilot, message="For alice alone")
    assert "For alice alone" not in client_for(bob).get(LIST).content.decode()
    # Nor can they mark it read.
    [mine] = Notification.objects.all()
    client_for(bob).post(reverse("notifications:mark_read"), {"notification": mine.pk})
    assert Notification.objects.get().read_at is None


def test_a_notification_about_something_that_became_hidden_disappears(
    client_for, carol, alices_pilot, alices_idea
):
    notification(carol, pilot=alices_pilot, message="Canary about the pilot")
    notification(carol, idea=alices_idea, message="Canary about the idea")
    assert unread_count(carol) == 2

    # A manager narrows both to Barnet only.
    Pilot.objects.filter(pk=alices_pilot.pk).update(visibility="council")
    type(alices_idea).objects.filter(pk=alices_idea.pk).update(visibility="council")

    html = client_for(carol).get(LIST).content.decode()
    assert "Canary" not in html
    assert alices_pilot.title not in html
    assert unread_count(carol) == 0
    assert "Notifications (" not in html


def test_mark_one_and_mark_all_as_read(client_for, alice, alices_pilot):
    first = notification(alice, pilot=alices_pilot, message="First")
    notification(alice, pilot=alices_pilot, message="Second")
    client = client_for(alice)

    response = client.post(reverse("notifications:mark_read"), {"notification": first.pk})
    assert response.status_code == 302
    assert unread_count(alice) == 1
    client.post(reverse("notifications:mark_read"))
    assert unread_count(alice) == 0
    assert "Mark all as read" not in client.get(LIST).content.decode()


@pytest.mark.parametrize("bad", ["abc", "1e9", "-1"])
def test_a_bad_notification_id_is_ignored(client_for, alice, alices_pilot, bad):
    notification(alice, pilot=alices_pilot)
    response = client_for(alice).post(reverse("notifications:mark_read"), {"notification": bad})
    assert response.status_code == 302
    assert unread_count(alice) == 1


def test_the_unread_count_is_two_queries_once_the_header_knows_the_council(
    alice, alices_pilot, alices_idea, django_assert_num_queries
):
    """Whether any wait (no visibility check to build), then how many may be seen."""
    for n in range(3):
        notification(alice, pilot=alices_pilot, n=n)
    notification(alice, idea=alices_idea, read=True)
    # The header has already loaded the person's council (councils' context processor).
    membership_of(alice)
    visible_council_ids(alice)

    with django_assert_num_queries(2):
        assert unread_count(alice) == 3


def test_with_nothing_unread_the_visibility_check_is_never_built(alice, monkeypatch):
    def refuse(user):
        raise AssertionError("the visibility check was built with nothing waiting")

    monkeypatch.setattr("notifications.context_processors.readable_by", refuse)

    assert unread_count(alice) == 0


def test_with_nothing_unread_the_header_asks_again_only_once_something_arrives(
    client_for, alice, carol, alices_pilot, django_assert_num_queries
):
    membership_of(alice)
    visible_council_ids(alice)
    with django_assert_num_queries(1):
        assert unread_count(alice) == 0
    with django_assert_num_queries(0):  # the cache knows nothing is waiting
        assert unread_count(alice) == 0
    assert "Notifications (" not in client_for(alice).get(LIST).content.decode()

    notification(alice, pilot=alices_pilot)

    assert unread_count(alice) == 1
    assert "You have 1 unread notification." in client_for(alice).get(LIST).content.decode()


def test_a_notification_about_something_hidden_keeps_the_header_counting(
    carol, alices_pilot, django_assert_num_queries
):
    notification(carol, pilot=alices_pilot)
    Pilot.objects.filter(pk=alices_pilot.pk).update(visibility="council")
    assert unread_count(carol) == 0
    # Unread but hidden: nothing shown, and nothing cached as "none waiting".
    Pilot.objects.filter(pk=alices_pilot.pk).update(visibility="partners")
    assert unread_count(carol) == 1


def test_the_header_asks_nothing_for_a_visitor(django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert unread(request) == {"unread_notifications": 0}


def test_the_notifications_page_takes_few_queries_however_many_there_are(
    client_for, alice, alices_pilot, alices_idea, django_assert_max_num_queries
):
    client = client_for(alice)
    notification(alice, pilot=alices_pilot)
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    for n in range(20):
        notification(alice, pilot=alices_pilot, n=n + 1)
        notification(alice, idea=alices_idea, n=n + 1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_the_page_is_paged(client_for, alice, alices_pilot):
    for n in range(30):
        notification(alice, pilot=alices_pilot, n=n)
    html = client_for(alice).get(LIST, {"page": "2"}).content.decode()
    assert html.count('id="notification-') == 5
    assert client_for(alice).get(LIST, {"page": "x"}).status_code == 200


# My work


def test_my_work_shows_alices_pilots_by_state_updates_and_outcomes_owed(
    client_for, alice, bob, barnet
):
    card = {"council": barnet, "lead": alice, "created_by": bob}
    PilotFactory(title="A planned card", **card)
    quiet_pilot(45, title="Quiet running pilot", **card)
    busy = PilotFactory(title="Busy running pilot", status="running", **card)
    PilotUpdate.objects.create(pilot=busy, author=alice, body="Going well")
    overdue_pilot(1, title="Overdue pilot", **card)
    PilotFactory(title="Bob's pilot", status="running", council=barnet, lead=bob, created_by=bob)

    response = client_for(alice).get(MY_WORK)

    html = response.content.decode()
    assert response.status_code == 200
    assert outline(html).h1_count == 1
    owed = html.split('id="outcomes-owed"')[1].split('id="updates-due"')[0]
    due = html.split('id="updates-due"')[1].split('id="my-pilots"')[0]
    assert "Overdue pilot" in owed and "Quiet running pilot" not in owed
    assert "Quiet running pilot" in due
    assert "Busy running pilot" not in due and "Overdue pilot" not in due
    assert "A planned card" in html
    assert "Bob's pilot" not in html
    # Staff have no sign-off queue.
    assert 'id="sign-off"' not in html


def row_headers(html):
    """The text of each row's header cell, where a table names its row."""
    return re.findall(r'<th scope="row"[^>]*>(.*?)</th>', html, flags=re.DOTALL)


def test_what_to_do_sits_under_each_pilots_title_so_a_phone_shows_it(
    client_for, alice, bob, barnet
):
    card = {"council": barnet, "lead": alice, "created_by": bob}
    owed = overdue_pilot(1, title="Overdue pilot", **card)
    quiet = quiet_pilot(45, title="Quiet running pilot", **card)

    staff_page = client_for(alice).get(MY_WORK).content.decode()
    managers_page = client_for(bob).get(MY_WORK).content.decode()

    publish = reverse("pilots:complete", args=[owed.pk])
    update = reverse("pilots:add_update", args=[quiet.pk])
    for html in (staff_page, managers_page):
        assert any("Overdue pilot" in cell and publish in cell for cell in row_headers(html))
        assert "What to do" not in html
    assert any(
        "Quiet running pilot" in cell and update in cell for cell in row_headers(staff_page)
    )


def test_my_work_shows_a_leads_pilots_in_two_columns_with_the_result_under_the_status(
    client_for, alice, bob, barnet
):
    pilot = PilotFactory(
        title="Finished pilot", status="completed", council=barnet, lead=alice, created_by=bob
    )
    OutcomeFactory(pilot=pilot, verdict=Outcome.Verdict.DID_NOT_WORK)

    html = client_for(alice).get(MY_WORK).content.decode()

    completed = html.split(">Completed</h3>")[1]
    assert completed.count('scope="col"') == 2
    assert ">Council<" not in completed and ">Result<" not in completed
    assert "Result:" in completed and "It did not work" in completed


def test_my_work_lists_a_signed_off_pilot_that_starts_later_apart_from_running_ones(
    client_for, alice, bob, barnet
):
    card = {"council": barnet, "lead": alice, "created_by": bob}
    quiet_pilot(45, title="Quiet running pilot", **card)
    later = quiet_pilot(45, title="Pilot starting next month", **card)
    start = timezone.localdate() + datetime.timedelta(days=30)
    Pilot.objects.filter(pk=later.pk).update(
        start_date=start, end_date=start + datetime.timedelta(days=60)
    )

    html = client_for(alice).get(MY_WORK).content.decode()

    due = html.split('id="updates-due"')[1].split('id="my-pilots"')[0]
    waiting, running = html.split(">Signed off, not started yet</h3>")[1].split("<h3")[:2]
    assert "Pilot starting next month" in waiting
    assert "Pilot starting next month" not in running and "Quiet running pilot" in running
    assert "Quiet running pilot" in due and "Pilot starting next month" not in due


def test_my_work_has_no_starts_later_group_when_no_pilot_waits_to_start(
    client_for, alice, bob, barnet
):
    PilotFactory(
        title="Running pilot", status="running", council=barnet, lead=alice, created_by=bob
    )

    html = client_for(alice).get(MY_WORK).content.decode()

    assert "Running pilot" in html
    assert "not started yet" not in html


def test_managers_see_cards_waiting_for_sign_off_beside_the_review_queue(
    client_for, alice, bob, barnet, brent
):
    card = PilotFactory(title="Waiting card", council=barnet, lead=alice, created_by=bob)
    card.ask_for_sign_off(by=alice)
    PilotFactory(title="Brent's card", council=brent, lead=alice, created_by=alice)

    html = client_for(bob).get(MY_WORK).content.decode()

    assert 'id="sign-off"' in html
    assert "Waiting card" in html
    assert "Brent's card" not in html
    assert reverse("ideas:review_queue") in html


def test_managers_see_every_outcome_their_council_owes_with_its_lead(
    client_for, alice, bob, barnet, brent
):
    overdue_pilot(3, title="Overdue ward pilot", council=barnet, lead=alice, created_by=bob)
    overdue_pilot(3, title="Overdue Brent pilot", council=brent, lead=alice, created_by=alice)

    managers_page = client_for(bob).get(MY_WORK).content.decode()
    staff_page = client_for(alice).get(MY_WORK).content.decode()

    owed = managers_page.split("Other pilots at Barnet whose outcome is owed")[1]
    owed = owed.split('id="updates-due"')[0]
    assert "Overdue ward pilot" in owed and alice.full_name in owed
    assert "Overdue Brent pilot" not in managers_page
    assert "No outcomes are owed for pilots you lead." in managers_page
    assert "No ideas are waiting in your review queue" in managers_page
    assert "Other pilots at" not in staff_page and "Overdue ward pilot" in staff_page


def test_my_work_takes_few_queries_however_many_pilots(
    client_for, alice, bob, barnet, django_assert_max_num_queries
):
    client = client_for(bob)
    with django_assert_max_num_queries(20) as few:
        client.get(MY_WORK)
    for n in range(10):
        running = PilotFactory(council=barnet, lead=bob, created_by=bob, status="running")
        PilotUpdate.objects.create(pilot=running, author=bob, body=f"Update {n}")
        PilotFactory(council=barnet, lead=alice, created_by=bob).ask_for_sign_off(by=alice)
        overdue_pilot(n + 1, council=barnet, lead=alice, created_by=bob)  # owed, for bob
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(MY_WORK).status_code == 200


def test_visitors_are_sent_to_sign_in(client):
    for url in (LIST, MY_WORK):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response.url


def test_closing_an_account_turns_off_every_notification_switch(alice):
    from accounts.models import PAGE_FIELDS
    from accounts.services import close_account

    close_account(person=alice, by=alice)
    alice.refresh_from_db()

    assert PAGE_FIELDS and not any(getattr(alice, name) for name in PAGE_FIELDS)
    assert not alice.notify_mention and not alice.notify_question


def test_the_settings_page_offers_three_choices_for_each_kind(client_for, alice, bob):
    staff = client_for(alice).get(reverse("accounts:profile")).content.decode()
    manager = client_for(bob).get(reverse("accounts:profile")).content.decode()
    for kind in NotificationKind:
        label = str(kind.label).removesuffix(" (managers)")
        for html, shown in ((manager, True), (staff, kind != NotificationKind.SIGN_OFF)):
            assert (label in html) is shown, kind
            for choice in ("off", "page", "email"):
                assert (f'name="kind_{kind.value}" value="{choice}"' in html) is shown, kind


def test_an_unread_tag_never_runs_into_a_message_that_starts_with_new(
    client_for, alice, alices_pilot
):
    message = "New question about a pilot at your council"
    notification(alice, pilot=alices_pilot, message=message)

    html = client_for(alice).get(LIST).content.decode()
    item = html[html.index('id="notification-') :].split(">", 1)[1]
    words = " ".join(re.sub(r"<[^>]+>", " ", item[: item.index("</p>")]).split())
    assert words.startswith(f"Unread {message}:")
    assert "New New" not in words
