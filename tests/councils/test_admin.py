"""The imported profile and similar councils are shown on a council's admin page, read-only:
the next import would overwrite an edit."""

import pytest
from django.urls import reverse

from councils.models import CouncilProfile, SimilarCouncil

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


@pytest.fixture
def barnet_with_profile(barnet, brent):
    CouncilProfile.objects.create(
        council=barnet, deprivation_score=21.5, deprivation_quintile=3, density=4521.0
    )
    SimilarCouncil.objects.create(
        council=barnet, similar=brent, rank=1, distance=0.125, reasons=["similar deprivation"]
    )
    return barnet


def test_a_councils_admin_page_shows_its_profile_and_similar_councils_read_only(
    barnet_with_profile, client_for, platform_admin
):
    url = reverse("admin:councils_council_change", args=[barnet_with_profile.pk])
    response = client_for(platform_admin).get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert "21.5" in page and "4521.0" in page
    assert "Brent" in page and "similar deprivation" in page
    assert 'name="profile-0-deprivation_score"' not in page
    assert 'name="similar_links-0-rank"' not in page
    assert 'name="profile-0-DELETE"' not in page
    assert 'name="similar_links-0-DELETE"' not in page
