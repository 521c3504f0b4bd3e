"""A council admin adds only domains that carry the council's name, or sit under one it
holds: everyone who verifies an address at a domain joins its council, so Barnet adding
hackney.gov.uk would let Hackney's staff into Barnet (councils/email_domains.py)."""

import pytest
from django.urls import reverse

from councils.email_domains import council_names, is_own_domain, name_label
from councils.models import Council, CouncilEmailDomain
from tests.factories import CouncilFactory

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")


def add_domain(client, domain):
    return client.post(reverse("members:domains", kwargs={"slug": "barnet"}), {"domain": domain})


@pytest.mark.parametrize(
    "domain", ["barnet.gov.uk", "libraries.barnet.gov.uk", "barnet.gov.scot", "barnet.llyw.cymru"]
)
def test_a_domain_with_the_councils_name_may_be_added(domain):
    barnet = Council(slug="barnet", gov_uk_slug="barnet")

    assert is_own_domain(domain, names=council_names(barnet), held=[])


def test_a_domain_under_one_the_council_holds_may_be_added():
    kingston = Council(slug="kingston-upon-thames", gov_uk_slug="kingston-upon-thames")

    assert not is_own_domain("kingston.gov.uk", names=council_names(kingston), held=[])
    assert is_own_domain(
        "libraries.kingston.gov.uk", names=council_names(kingston), held=["kingston.gov.uk"]
    )
    assert not is_own_domain("notkingston.gov.uk", names=set(), held=["kingston.gov.uk"])


def test_a_hyphenated_name_may_be_written_without_its_hyphens():
    names = council_names(Council(slug="brighton-and-hove", gov_uk_slug=""))

    assert is_own_domain("brightonandhove.gov.uk", names=names, held=[])


def test_the_name_label_is_the_one_above_the_council_suffix():
    assert name_label("libraries.barnet.gov.uk") == "barnet"
    assert name_label("barnet.gov.wales") == "barnet"
    assert name_label("barnet.org.uk") is None


def test_barnet_cannot_claim_another_councils_domain(client_for, erin, barnet):
    CouncilFactory(slug="hackney", gov_uk_slug="hackney", short_name="Hackney")

    response = add_domain(client_for(erin), "hackney.gov.uk")

    assert response.status_code == 200
    html = response.content.decode()
    assert "hackney.gov.uk looks like Hackney&#x27;s email domain." in html
    assert "If it belongs to Barnet, contact the Idea Bank team" in html
    assert not CouncilEmailDomain.objects.filter(domain="hackney.gov.uk").exists()


def test_a_gov_uk_domain_without_the_councils_name_goes_to_the_idea_bank_team(
    client_for, erin, barnet
):
    response = add_domain(client_for(erin), "example.gov.uk")

    html = response.content.decode()
    assert response.status_code == 200 and 'href="#id_domain"' in html
    assert "To add example.gov.uk, contact the Idea Bank team" in html
    assert "they check it belongs to Barnet" in html
    assert not CouncilEmailDomain.objects.filter(domain="example.gov.uk").exists()


def test_barnet_adds_a_domain_with_its_name(client_for, erin, barnet):
    response = add_domain(client_for(erin), "libraries.barnet.gov.uk")

    assert response.status_code == 302
    assert barnet.email_domains.filter(domain="libraries.barnet.gov.uk").exists()
