import pytest
from django.urls import reverse

from pilots.models import Pilot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def test_platform_admins_can_browse_pilots_and_outcomes(make_pilot, clients):
    pilot = make_pilot(Pilot.Status.COMPLETED)

    for url in [
        reverse("admin:pilots_pilot_changelist"),
        reverse("admin:pilots_pilot_change", args=[pilot.pk]),
        reverse("admin:outcomes_outcome_changelist"),
        reverse("admin:outcomes_outcome_change", args=[pilot.outcome.pk]),
    ]:
        assert clients["platform_admin"].get(url).status_code == 200


def test_a_signed_off_card_is_read_only_in_the_admin_too(make_pilot, clients):
    pilot = make_pilot(Pilot.Status.RUNNING, title="Signed card")

    html = (
        clients["platform_admin"]
        .get(reverse("admin:pilots_pilot_change", args=[pilot.pk]))
        .content.decode()
    )

    assert 'name="title"' not in html
    assert 'name="budget_cap"' not in html
    assert "Signed card" in html
