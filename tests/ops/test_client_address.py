"""Issue 21: behind our proxy, sign-in limits count per real client address; a
forged X-Forwarded-For counts for nothing, and without a proxy the header is ignored."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from ideabank.lib.proxy import client_ip
from tests.factories import DEFAULT_PASSWORD

ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"
PROXY = "10.0.0.2"  # what gunicorn sees as the connection's address behind Caddy


@pytest.fixture
def proxies(settings):
    def trust(count):
        settings.TRUSTED_PROXY_COUNT = count
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = count

    return trust


def sign_in(email, password, forwarded=None):
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post(
        reverse("account_login"), {"login": email, "password": password}, **headers
    )


def fail_ten_times(forwarded):
    for number in range(10):
        refused = sign_in(f"guess{number}@barnet.gov.uk", "wrong-password", forwarded)
        assert refused.status_code == 200


def test_with_one_proxy_ten_wrong_passwords_from_one_address_do_not_lock_out_another(
    alice, proxies
):
    proxies(1)
    fail_ten_times(ATTACKER)

    assert sign_in(alice.email, DEFAULT_PASSWORD, ATTACKER).status_code == 200
    signed_in = sign_in(alice.email, DEFAULT_PASSWORD, COLLEAGUE)
    assert signed_in.status_code == 302


def test_with_one_proxy_a_forged_extra_hop_does_not_reset_the_limit(alice, proxies):
    proxies(1)
    fail_ten_times(ATTACKER)

    # The client wrote the first entry; Caddy appended the address it saw.
    forged = sign_in(alice.email, DEFAULT_PASSWORD, f"{COLLEAGUE}, {ATTACKER}")
    assert forged.status_code == 200
    assert "_auth_user_id" not in forged.wsgi_request.session


def test_with_no_proxy_the_forwarded_header_is_ignored(alice, proxies):
    proxies(0)
    for number in range(10):
        # Each attempt pretends to come from somewhere new.
        sign_in(f"guess{number}@barnet.gov.uk", "wrong-password", f"192.0.2.{number}")

    refused = sign_in(alice.email, DEFAULT_PASSWORD, COLLEAGUE)
    assert refused.status_code == 200
    assert "_auth_user_id" not in refused.wsgi_request.session


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, None, PROXY),
        (0, "198.51.100.20", PROXY),
        (1, None, PROXY),
        (1, "198.51.100.20", "198.51.100.20"),
        (1, "192.0.2.1, 198.51.100.20", "198.51.100.20"),
        (2, "192.0.2.1, 198.51.100.20, 10.0.0.9", "198.51.100.20"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_ip_reads_the_address_the_same_way_as_allauths_rate_limits(
    settings, count, forwarded, expected
):
    from allauth.account.adapter import DefaultAccountAdapter

    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = count
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **headers)

    assert client_ip(request) == expected
    assert DefaultAccountAdapter(request).get_client_ip(request) == expected


def test_client_ip_falls_back_to_the_connection_for_a_header_that_is_not_an_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_ip(request) == PROXY
