import pytest
from django.urls import reverse

from councils.models import Visibility
from notifications.models import Follow

from ..ideas.factories import IdeaFactory
from ..pilots.factories import PilotFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def follow_url(target, obj, verb="follow"):
    kwargs = {"slug": obj.slug} if target in {"council", "partnership"} else {"pk": obj.pk}
    return reverse(f"notifications:{verb}_{target}", kwargs=kwargs)


@pytest.fixture
def council_only_pilot(alice, bob, barnet):
    return PilotFactory(
        council=barnet, lead=alice, created_by=bob, status="running", visibility="council"
    )


@pytest.fixture
def council_only_idea(alice):
    return IdeaFactory(author=alice, status="submitted", visibility=Visibility.COUNCIL)


@pytest.mark.parametrize("target", ["idea", "pilot"])
@pytest.mark.parametrize("verb", ["follow", "unfollow"])
def test_carol_cannot_follow_barnets_council_only_item_by_get_or_post(
    client_for, carol, council_only_idea, council_only_pilot, target, verb
):
    obj = council_only_idea if target == "idea" else council_only_pilot
    client = client_for(carol)

    assert client.get(follow_url(target, obj, verb)).status_code == 404
    assert client.post(follow_url(target, obj, verb)).status_code == 404
    assert not Follow.objects.exists()


def test_alice_cannot_follow_someone_elses_draft(client_for, alice, bob):
    draft = IdeaFactory(author=bob, status="draft")
    assert client_for(alice).post(follow_url("idea", draft)).status_code == 404
    assert not Follow.objects.exists()


def test_a_visitor_is_sent_to_sign_in(client, alices_pilot):
    response = client.post(follow_url("pilot", alices_pilot))
    assert response.status_code == 302
    assert reverse("account_login") in response.url
    assert not Follow.objects.exists()


def test_carol_follows_and_stops_following_a_partners_pilot(client_for, carol, alices_pilot):
    client = client_for(carol)
    page = alices_pilot.get_absolute_url()

    html = client.get(page).content.decode()
    assert "Follow this pilot" in html
    response = client.post(follow_url("pilot", alices_pilot), {"next": page})
    assert response.status_code == 302 and response.url == page
    assert Follow.objects.filter(user=carol, pilot=alices_pilot).count() == 1
    # Following twice is still one follow.
    client.post(follow_url("pilot", alices_pilot))
    assert Follow.objects.filter(user=carol).count() == 1
    html = client.get(page).content.decode()
    assert "Stop following this pilot" in html

    client.post(follow_url("pilot", alices_pilot, "unfollow"))
    assert not Follow.objects.exists()


def test_a_get_on_a_follow_link_changes_nothing(client_for, carol, alices_pilot):
    response = client_for(carol).get(follow_url("pilot", alices_pilot))
    assert response.status_code == 302
    assert response.url == alices_pilot.get_absolute_url()
    assert not Follow.objects.exists()


def test_follow_does_not_redirect_off_site(client_for, carol, alices_pilot):
    response = client_for(carol).post(
        follow_url("pilot", alices_pilot), {"next": "https://evil.example/"}
    )
    assert response.url == alices_pilot.get_absolute_url()


@pytest.mark.parametrize(
    ("target", "label"),
    [
        ("idea", "Follow this idea"),
        ("council", "Follow this council"),
        ("partnership", "Follow this partnership"),
    ],
)
def test_each_followable_page_has_its_button(
    client_for, carol, alices_idea, brent, west_london_alliance, target, label
):
    obj = {"idea": alices_idea, "council": brent, "partnership": west_london_alliance}[target]
    page = {
        "idea": alices_idea.get_absolute_url(),
        "council": reverse("explore:council", args=["brent"]),
        "partnership": reverse("explore:partnership", args=["west-london-alliance"]),
    }[target]
    client = client_for(carol)
    assert label in client.get(page).content.decode()

    response = client.post(follow_url(target, obj))
    assert response.status_code == 302
    assert Follow.objects.filter(user=carol, **{target: obj}).exists()


def test_a_visitor_sees_no_follow_button(client, brent):
    page = client.get(reverse("explore:council", args=["brent"])).content.decode()
    assert "Follow this council" not in page
