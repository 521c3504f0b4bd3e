"""The person who asked to join a council is emailed, once, when it is decided."""

import pytest
from django.urls import reverse

from councils.models import Membership, MembershipRequest
from councils.services import decline_membership_request
from councils.tasks import email_membership_decision
from outbox.models import OutgoingEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")


def decide(client, decision, membership_request, *, capture):
    """Approve or decline (`decision`) as a browser would, running what waits for the commit."""
    url = reverse(f"members:{decision}", kwargs={"slug": "barnet", "pk": membership_request.pk})
    with capture(execute=True):
        return client.post(url)


def emails_to(person):
    return OutgoingEmail.objects.filter(to=person.email, template="membership_decided")


def test_nina_is_emailed_once_that_erin_approved_her_request_and_what_she_can_do(
    client_for, nina, erin, barnet, mailoutbox, django_capture_on_commit_callbacks
):
    asked = MembershipRequest.objects.create(user=nina, council=barnet)

    decide(client_for(erin), "approve", asked, capture=django_capture_on_commit_callbacks)

    [email] = mailoutbox
    assert email.to == [nina.email]
    assert email.subject == "Idea Bank: You are now part of Barnet"
    assert "Hello Nina Noone," in email.body
    assert "Your request to join Barnet on Idea Bank has been approved." in email.body
    assert "You can now submit ideas to Barnet" in email.body
    assert "declined" not in email.body
    assert "You are now a member of staff at Barnet." in email.alternatives[0].content
    assert emails_to(nina).get().key == f"membership_decided:{asked.pk}"


def test_nina_is_emailed_once_that_erin_declined_her_request_and_what_she_can_do(
    client_for, nina, erin, barnet, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SUPPORT_EMAIL = "ideas-team@example.gov.uk"
    asked = MembershipRequest.objects.create(user=nina, council=barnet)

    decide(client_for(erin), "decline", asked, capture=django_capture_on_commit_callbacks)

    [email] = mailoutbox
    assert email.to == [nina.email]
    assert email.subject == "Idea Bank: Barnet did not add you"
    assert "Your request to join Barnet on Idea Bank has been declined." in email.body
    assert reverse("account_email") in email.body
    assert reverse("join:request") in email.body
    assert "ideas-team@example.gov.uk" in email.body
    assert "approved" not in email.body
    html = email.alternatives[0].content
    assert "add and confirm it</a>. You join that council straight away." in html
    assert emails_to(nina).count() == 1


def test_the_decision_email_waits_for_the_commit(
    nina, erin, barnet, mailoutbox, django_capture_on_commit_callbacks
):
    asked = MembershipRequest.objects.create(user=nina, council=barnet)

    with django_capture_on_commit_callbacks() as callbacks:
        decline_membership_request(membership_request=asked, by=erin)
        assert not emails_to(nina).exists()

    assert len(callbacks) == 1


def test_running_the_task_again_queues_no_second_email(
    client_for, nina, erin, barnet, django_capture_on_commit_callbacks
):
    asked = MembershipRequest.objects.create(user=nina, council=barnet)
    decide(client_for(erin), "approve", asked, capture=django_capture_on_commit_callbacks)

    assert email_membership_decision(asked.pk) == {"sent": 0}
    assert emails_to(nina).count() == 1


def test_a_request_still_waiting_emails_no_one_about_a_decision(
    client_for, nina, erin, barnet, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(nina).post(reverse("join:request"), {"council": barnet.pk, "message": ""})
    asked = MembershipRequest.objects.get(user=nina)

    assert email_membership_decision(asked.pk) == {"sent": 0}
    assert not emails_to(nina).exists()
    assert [email.to for email in mailoutbox] == [[erin.email]]


def test_an_approval_refused_because_nina_joined_brent_meanwhile_emails_her_nothing(
    client_for, nina, erin, barnet, brent, mailoutbox, django_capture_on_commit_callbacks
):
    asked = MembershipRequest.objects.create(user=nina, council=barnet)
    Membership.objects.create(user=nina, council=brent)

    decide(client_for(erin), "approve", asked, capture=django_capture_on_commit_callbacks)

    assert mailoutbox == []
    assert not emails_to(nina).exists()


def test_a_brent_admin_cannot_decide_barnets_request_so_no_email_is_sent(
    client_for, nina, barnet, brent, mailoutbox, django_capture_on_commit_callbacks
):
    brent_admin = UserFactory(email="admin@brent.gov.uk")
    Membership.objects.create(user=brent_admin, council=brent, role=Membership.Role.COUNCIL_ADMIN)
    asked = MembershipRequest.objects.create(user=nina, council=barnet)

    response = decide(
        client_for(brent_admin), "decline", asked, capture=django_capture_on_commit_callbacks
    )

    assert response.status_code == 404
    assert mailoutbox == []


def test_the_email_for_a_closed_account_is_not_sent(nina, barnet):
    asked = MembershipRequest.objects.create(
        user=nina, council=barnet, status=MembershipRequest.Status.DECLINED
    )
    asked.delete()

    assert email_membership_decision(asked.pk) == {"sent": 0}


def test_the_join_page_says_nina_will_be_emailed_when_they_decide(client_for, nina, barnet):
    MembershipRequest.objects.create(user=nina, council=barnet)

    page = client_for(nina).get(reverse("join:request")).content.decode()

    assert "We will email you when they decide." in page
    assert "Their decision will also show under “Your requests” on this page." in page
