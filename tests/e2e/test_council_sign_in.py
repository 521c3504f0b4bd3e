"""Signing in with the council's own account in Chromium, through a real OpenID
Connect provider (tests/sso/idp) in its own process."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from councils.models import Membership

from ..conftest import member
from ..sso.conftest import BARNET_PEOPLE, PASSWORD, callback_uri, start_provider, stop
from .conftest import axe_violations, sign_in
from .test_accessibility import check_page

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


@pytest.fixture(scope="module")
def barnet_tenant(live_server, tmp_path_factory):
    provider = start_provider(
        tmp_path_factory.mktemp("idp-browser"),
        "barnet-tenant",
        "barnet",
        BARNET_PEOPLE,
        extra_redirect_uris=[callback_uri(live_server.url, "barnet")],
    )
    yield provider
    stop(provider)


@pytest.fixture(autouse=True)
def barnet_signs_in_at_its_provider(transactional_db, barnet, barnet_tenant):
    barnet_tenant.register(barnet)


def start_with(page, url, email, button="Continue"):
    """Give a work email address on the page at `url` and go on to the council's sign-in."""
    page.set_default_timeout(10_000)
    page.goto(url)
    page.get_by_label("Your work email address").fill(email)
    page.get_by_role("button", name=button).click()


def sign_in_at_the_provider(page, username):
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_new_member_of_staff_signs_in_with_their_council_account(
    transactional_db, live_server, page, step, barnet, barnet_tenant
):
    with step("1 the sign-in page offers the council account"):
        start_with(
            page,
            f"{live_server.url}{reverse('account_login')}",
            "nadia.new@barnet.gov.uk",
            button="Continue with your council account",
        )

    with step("2 the council's own sign-in page"):
        expect(page.get_by_role("heading", name="Sign in to your organisation")).to_be_visible()
        assert page.url.startswith(barnet_tenant.url)
        sign_in_at_the_provider(page, "nadia")

    with step("3 back in Idea Bank, signed in as Barnet staff"):
        page.wait_for_url(f"{live_server.url}/**")
        page.goto(f"{live_server.url}{reverse('accounts:profile')}")
        expect(page.locator("main")).to_contain_text("Barnet")
    person = get_user_model().objects.get(email="nadia.new@barnet.gov.uk")
    assert person.full_name == "Nadia Newman"
    assert person.membership.council == barnet
    assert person.membership.role == Membership.Role.STAFF


def test_a_wrong_domain_is_refused_in_the_browser_with_a_clear_message(
    transactional_db, live_server, page, step, barnet, barnet_tenant
):
    with step("1 start with a Barnet address, sign in at the provider as a gmail account"):
        start_with(
            page, f"{live_server.url}{reverse('councils:sso_start')}", "someone@barnet.gov.uk"
        )
        sign_in_at_the_provider(page, "gmail")

    with step("2 refused, and told why"):
        expect(page.get_by_role("heading", name="You could not be signed in")).to_be_visible()
        expect(page.get_by_test_id("sso-refusal")).to_contain_text("Barnet’s email domains")
    assert not get_user_model().objects.filter(email="someone@gmail.com").exists()


def test_the_council_sign_in_pages_pass_axe_and_fit_320px(
    transactional_db, live_server, browser, barnet, barnet_tenant
):
    admin = member("erin@barnet.gov.uk", "Erin Evans", barnet, Membership.Role.COUNCIL_ADMIN)
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    base = live_server.url
    problems = {}
    for path in [reverse("councils:sso_start"), reverse("account_login")]:
        problems[path] = check_page(page, f"{base}{path}")
    page.goto(f"{base}{reverse('councils:sso_start')}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    problems["start with an error"] = axe_violations(page)
    page.goto(f"{base}/accounts/oidc/barnet/login/callback/?state=made-up&code=x")
    problems["refusal"] = axe_violations(page)
    sign_in(context, live_server, admin)
    settings_page = reverse("members:sso", args=["barnet"])
    problems[settings_page] = check_page(page, f"{base}{settings_page}")
    context.close()

    assert not any(problems.values()), problems
