import pytest
from django.urls import reverse

from councils.models import MembershipRequest
from councils.services import ask_to_join, decline_membership_request

pytestmark = pytest.mark.django_db


def ask(client, council, message="", *, capture):
    with capture(execute=True):
        return client.post(
            reverse("join:request"), {"council": council.pk, "message": message}, follow=True
        )


def test_barnets_council_admin_is_emailed_about_ninas_request_and_nina_is_told_who_decides(
    client_for,
    nina,
    erin,
    bob,
    platform_admin,
    barnet,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    response = ask(
        client_for(nina),
        barnet,
        "I run the libraries digital team.",
        capture=django_capture_on_commit_callbacks,
    )
    assert "Its council admins will decide: we have emailed them." in response.content.decode()
    [email] = mailoutbox
    assert email.to == [erin.email]
    assert email.subject == "Idea Bank: Nina Noone asks to join Barnet"
    assert "nina@gmail.com" in email.body
    assert "I run the libraries digital team." in email.body
    assert "/councils/barnet/members/requests/" in email.body
    assert "because you are a council admin" in email.body
    html = email.alternatives[0].content
    assert "I run the libraries digital team." in html


def test_a_request_to_a_council_with_no_council_admin_goes_to_the_platform_admins(
    client_for, nina, dan, platform_admin, leeds, mailoutbox, django_capture_on_commit_callbacks
):
    response = ask(client_for(nina), leeds, capture=django_capture_on_commit_callbacks)
    page = response.content.decode()
    assert "Leeds has no council admin on Idea Bank yet, so the Idea Bank team will decide" in (
        page
    )
    [email] = mailoutbox
    assert email.to == [platform_admin.email]
    assert "Leeds has no council admin on Idea Bank yet" in email.body
    assert dan.email not in {address for message in mailoutbox for address in message.to}


def test_the_email_waits_for_the_commit_and_is_sent_once(
    nina, erin, barnet, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        ask_to_join(user=nina, council=barnet, message="")
        assert mailoutbox == []
    assert len(callbacks) == 1
    # The task queues the email in the outbox, whose send task runs on that commit.
    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()
    assert [email.to for email in mailoutbox] == [[erin.email]]


def test_a_request_decided_before_the_email_goes_out_emails_no_one(
    nina, erin, barnet, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        asked = ask_to_join(user=nina, council=barnet, message="")
    decline_membership_request(membership_request=asked, by=erin)
    callbacks[0]()
    assert mailoutbox == []
    assert MembershipRequest.objects.get().status == MembershipRequest.Status.DECLINED


def test_an_inactive_council_admin_does_not_count_and_is_not_emailed(
    nina, erin, platform_admin, barnet, mailoutbox, django_capture_on_commit_callbacks
):
    erin.is_active = False
    erin.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        ask_to_join(user=nina, council=barnet, message="")
    assert [email.to for email in mailoutbox] == [[platform_admin.email]]


def test_with_no_one_to_email_the_person_is_given_the_support_address(
    client_for, nina, leeds, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SUPPORT_EMAIL = "ideas-team@example.gov.uk"
    response = ask(client_for(nina), leeds, capture=django_capture_on_commit_callbacks)
    page = response.content.decode()
    assert "Email them at ideas-team@example.gov.uk" in page
    assert "we have emailed them" not in page
    assert mailoutbox == []
