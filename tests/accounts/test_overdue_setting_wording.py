"""The overdue-pilot email switch says which pilots it covers for the person's role:
staff hear about pilots they lead, managers about every pilot at their council."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

STAFF_LABEL = "Email me when a pilot I lead passes its end date without an outcome"
MANAGER_LABEL = "Email me when a pilot at my council passes its end date without an outcome"
OLD_LABEL = "a pilot I lead or manage"


def profile_page(client):
    return client.get(reverse("accounts:profile")).content.decode()


@pytest.mark.parametrize("person", ["alice", "nina"])
def test_people_who_manage_no_pilots_are_asked_about_pilots_they_lead(client_for, person, request):
    page = profile_page(client_for(request.getfixturevalue(person)))

    assert STAFF_LABEL in page
    assert MANAGER_LABEL not in page
    assert OLD_LABEL not in page


@pytest.mark.parametrize("person", ["bob", "erin"])
def test_managers_are_asked_about_every_pilot_at_their_council(client_for, person, request):
    page = profile_page(client_for(request.getfixturevalue(person)))

    assert MANAGER_LABEL in page
    assert STAFF_LABEL not in page
    assert OLD_LABEL not in page


def test_a_manager_with_a_bad_name_sees_the_error_summary_and_keeps_the_managers_label(
    client_for, bob
):
    response = client_for(bob).post(
        reverse("accounts:profile"), {"full_name": "x" * 1000, "job_title": ""}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert MANAGER_LABEL in page
