import pytest
from django.urls import reverse

from .html import assert_well_formed_page

PUBLIC_PAGES = [
    "home",
    "councils:list",
    "councils:partnerships",
    "pages:accessibility",
    "pages:cookies",
    "pages:privacy",
    "pages:credits",
    "pages:feedback",
    "account_login",
    "account_signup",
    "account_reset_password",
]
SIGNED_IN_PAGES = ["account_change_password", "account_email", "accounts:profile"]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_public_page_has_one_h1_and_labelled_fields(client, name, alice):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_well_formed_page(response.content)


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_every_account_page_has_one_h1_and_labelled_fields(client_for, name, alice):
    response = client_for(alice).get(reverse(name))
    assert response.status_code == 200
    assert_well_formed_page(response.content)


def test_council_and_partnership_pages_are_well_formed(client, alice, barnet):
    for url in [
        barnet.get_absolute_url(),
        reverse("explore:partnership", args=["west-london-alliance"]),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert_well_formed_page(response.content)


def test_unknown_page_uses_the_styled_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_pages_carry_a_content_security_policy_with_a_script_nonce(client, db):
    response = client.get(reverse("home"))
    policy = response.headers["Content-Security-Policy"]
    assert "'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_footer_links_to_the_accessibility_statement(client, db):
    response = client.get(reverse("home"))
    assert reverse("pages:accessibility").encode() in response.content


def test_the_phase_banner_links_to_a_feedback_page_that_emails_support(client, db, settings):
    settings.SUPPORT_EMAIL = "ideas-team@barnet.gov.uk"
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("pages:feedback")}">Tell us what you think</a>' in home
    page = client.get(reverse("pages:feedback")).content.decode()
    assert 'href="mailto:ideas-team@barnet.gov.uk?subject=Feedback%20about%20Idea%20Bank"' in page
    assert ">ideas-team@barnet.gov.uk</a>" in page


def test_every_page_links_a_favicon_that_is_also_at_the_site_root(client, db):
    home = client.get(reverse("home")).content.decode()
    assert 'rel="icon" href="/static/favicon.ico"' in home
    assert 'rel="icon" href="/static/favicon.svg" type="image/svg+xml"' in home
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    icon = response.content
    assert icon[:4] == b"\x00\x00\x01\x00"  # an ICO header


@pytest.mark.usefixtures("privileged_people_have_mfa")
def test_a_table_that_may_scroll_says_so_above_it(client_for, erin):
    html = client_for(erin).get(reverse("members:domains", args=["barnet"])).content.decode()
    hint = html.index("Scroll the table sideways to see all of it.")
    wrapper = html.index('<div class="app-table-wrapper" role="region" aria-label="Email domains"')
    assert hint < wrapper < html.index("<table")
