"""Signing in with a council's own account, against real OpenID Connect providers."""

from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model

from councils.models import Membership

from .conftest import sign_in

User = get_user_model()


def people_and_links():
    return User.objects.count(), SocialAccount.objects.count(), Membership.objects.count()


def test_a_first_sign_in_creates_a_barnet_member_of_staff(client, barnet_idp, barnet):
    response = sign_in(client, "nadia.new@barnet.gov.uk", "nadia")

    assert response.status_code == 302, response.content.decode()[:2000]
    person = User.objects.get(email="nadia.new@barnet.gov.uk")
    assert person.full_name == "Nadia Newman"
    assert person.membership.council == barnet
    assert person.membership.role == Membership.Role.STAFF
    assert not person.has_usable_password()
    assert client.get("/account/profile/").context["user"] == person
