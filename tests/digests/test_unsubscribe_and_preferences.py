import re

import pytest
from django.core import signing

from digests.models import DigestPreference, Frequency
from digests.services import UNSUBSCRIBE_SALT, unsubscribe_token

from .factories import shared_idea

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def frequency_of(user):
    return DigestPreference.objects.get(user=user).frequency


def test_every_digest_carries_both_unsubscribe_headers_and_a_link(
    alice, bob, carol, last_week, run_weekly, mailoutbox
):
    shared_idea(alice, last_week)
    shared_idea(carol, last_week)
    run_weekly()
    assert len(mailoutbox) == 3
    for message in mailoutbox:
        link = re.search(
            r"<(http://\S+/digests/unsubscribe/\S+/)>", message.extra_headers["List-Unsubscribe"]
        ).group(1)
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link in message.body
        assert link in message.alternatives[0].content
        assert "/digests/preferences/" in message.body


def test_unsubscribe_works_without_signing_in(client, carol):
    url = f"/digests/unsubscribe/{unsubscribe_token(carol)}/"
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Stop my digests" in confirm.text
    done = client.post(url)
    assert done.status_code == 200
    assert "You will not get digests any more" in done.text
    assert frequency_of(carol) == Frequency.OFF


def test_a_mail_clients_one_click_post_unsubscribes(client, carol):
    url = f"/digests/unsubscribe/{unsubscribe_token(carol)}/"
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert frequency_of(carol) == Frequency.OFF


def test_the_unsubscribe_page_offers_to_undo(client, carol):
    DigestPreference.objects.create(user=carol, frequency=Frequency.DAILY)
    token = unsubscribe_token(carol)
    done = client.post(f"/digests/unsubscribe/{token}/")
    assert 'name="frequency" value="daily"' in done.text
    undone = client.post(f"/digests/unsubscribe/{token}/undo/", {"frequency": "daily"})
    assert undone.status_code == 200
    assert frequency_of(carol) == Frequency.DAILY


def test_a_tampered_token_is_refused_with_a_clear_page(client, carol):
    token = unsubscribe_token(carol)
    tampered = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    for response in [
        client.get(f"/digests/unsubscribe/{tampered}/"),
        client.post(f"/digests/unsubscribe/{tampered}/"),
    ]:
        assert response.status_code == 400
        assert "This link does not work" in response.text
    assert not DigestPreference.objects.filter(user=carol).exists()


def test_a_token_for_someone_else_cannot_be_forged_from_a_user_id(client, carol):
    forged = signing.dumps(carol.pk, salt="another.salt", compress=True)
    assert client.post(f"/digests/unsubscribe/{forged}/").status_code == 400
    assert UNSUBSCRIBE_SALT != "another.salt"


def test_an_expired_token_is_refused(client, carol, monkeypatch):
    token = unsubscribe_token(carol)
    monkeypatch.setattr("digests.services.UNSUBSCRIBE_MAX_AGE", -1)
    response = client.post(f"/digests/unsubscribe/{token}/")
    assert response.status_code == 400
    assert not DigestPreference.objects.filter(user=carol).exists()


def test_a_visitor_is_asked_to_sign_in_for_the_preferences_page(client):
    response = client.get("/digests/preferences/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_carol_sees_weekly_by_default_and_can_change_to_daily(client_for, carol):
    client = client_for(carol)
    page = client.get("/digests/preferences/")
    assert page.status_code == 200
    assert 'value="weekly" checked' in page.text.replace("\n", " ") or (
        frequency_of(carol) == Frequency.WEEKLY
    )
    assert "Ideas waiting for my review" not in page.text
    response = client.post(
        "/digests/preferences/", {"frequency": "daily", "scope": "all"}, follow=True
    )
    assert "Your digest settings have been saved." in response.text
    preference = DigestPreference.objects.get(user=carol)
    assert (preference.frequency, preference.scope) == ("daily", "all")


def test_a_manager_can_choose_whether_to_get_the_review_queue(client_for, bob):
    client = client_for(bob)
    assert "Ideas waiting for my review" in client.get("/digests/preferences/").text
    client.post("/digests/preferences/", {"frequency": "weekly", "scope": "partnerships"})
    preference = DigestPreference.objects.get(user=bob)
    assert not preference.include_review_queue
    assert not preference.include_overdue_pilots


def test_people_who_turned_digests_off_are_not_sent_one(
    alice, carol, last_week, run_weekly, mailoutbox
):
    DigestPreference.objects.create(user=carol, frequency=Frequency.OFF)
    shared_idea(alice, last_week)
    run_weekly()
    assert mailoutbox == []


def test_dan_whose_council_has_no_partners_is_not_offered_partner_councils(client_for, dan):
    client = client_for(dan)
    page = client.get("/digests/preferences/").text
    assert "partner councils" not in page.lower()
    assert "Leeds is not in a partnership on Idea Bank yet" in page
    assert 'href="/browse/experiments/"' in page
    response = client.post("/digests/preferences/", {"frequency": "daily"}, follow=True)
    assert "Your digest settings have been saved." in response.text


def test_carol_who_has_partners_is_still_offered_the_choice(client_for, carol):
    page = client_for(carol).get("/digests/preferences/").text
    assert "My council and our partner councils" in page
    assert "is not in a partnership" not in page


def test_dan_hears_from_every_council_though_his_scope_says_partnerships(
    alice, dan, last_week, run_weekly, mailoutbox
):
    from councils.models import Visibility

    from .factories import started_pilot

    started_pilot(alice, last_week, title="For every council", visibility=Visibility.COUNCILS)
    DigestPreference.objects.create(user=dan, scope=DigestPreference.Scope.PARTNERSHIPS)
    run_weekly()
    [message] = [message for message in mailoutbox if message.to == [dan.email]]
    assert "For every council" in message.body
    assert "partner councils" not in message.body.lower()
