import pytest
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")


def test_a_platform_admin_finds_people_by_email_in_the_admin(client_for, platform_admin, alice):
    client = client_for(platform_admin)

    response = client.get(reverse("admin:accounts_user_changelist"), {"q": "alice@barnet"})

    assert response.status_code == 200
    assert "alice@barnet.gov.uk" in response.content.decode()
    assert client.get(reverse("admin:accounts_user_change", args=[alice.pk])).status_code == 200


def test_a_platform_admin_adds_a_person_by_email_in_the_admin(client_for, platform_admin):
    response = client_for(platform_admin).post(
        reverse("admin:accounts_user_add"),
        {
            "email": "New.Person@Barnet.gov.uk",
            "full_name": "New Person",
            "usable_password": "true",
            "password1": "lantern-orchard-1987",
            "password2": "lantern-orchard-1987",
        },
    )

    assert response.status_code == 302
    assert User.objects.get(email="new.person@barnet.gov.uk").full_name == "New Person"
