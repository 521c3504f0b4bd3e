"""Two real OpenID Connect providers, one per council tenant, each in its own process.

Idea Bank's side runs in the Django test client; the provider's side (its sign-in
page and redirects) is driven over real HTTP with `requests`, because the test
client cannot leave its own host. Idea Bank itself calls the provider's discovery,
token and key endpoints over HTTP, as it would Entra ID.
"""

import html
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.conf import settings
from django.urls import reverse

from councils.models import IdentityProvider

PASSWORD = "idp-password-1"
CONTINUE_LINK = re.compile(r'id="continue-to-provider" href="([^"]+)"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TEST_SERVER = "http://testserver"

BARNET_PEOPLE = [
    {"username": "nadia", "email": "nadia.new@barnet.gov.uk", "name": "Nadia Newman"},
    {"username": "nadia-renamed", "email": "nadia.new@barnet.gov.uk", "name": "Nadia Newman-Lee"},
    {"username": "alice", "email": "alice@barnet.gov.uk", "name": "Alice Adeyemi-Smith"},
    {
        "username": "bob-mfa",
        "email": "bob@barnet.gov.uk",
        "name": "Bob Birch",
        "amr": ["pwd", "mfa"],
    },
    {"username": "bob-pwd", "email": "bob@barnet.gov.uk", "name": "Bob Birch", "amr": ["pwd"]},
    {"username": "gmail", "email": "someone@gmail.com", "name": "Sam Someone"},
    {"username": "carol", "email": "carol@brent.gov.uk", "name": "Carol Chen"},
    {"username": "expired", "email": "eve@barnet.gov.uk", "name": "Eve", "quirk": "expired"},
    {"username": "tampered", "email": "tom@barnet.gov.uk", "name": "Tom", "quirk": "tampered"},
    {"username": "other", "email": "olga@barnet.gov.uk", "name": "Olga", "quirk": "other_issuer"},
]
BRENT_PEOPLE = [
    {"username": "mallory", "email": "mallory@barnet.gov.uk", "name": "Mallory"},
    {"username": "carol", "email": "carol@brent.gov.uk", "name": "Carol Chen"},
]


@dataclass
class TestProvider:
    tenant: str
    url: str
    client_id: str
    client_secret: str
    process: subprocess.Popen

    @property
    def issuer(self):
        return f"{self.url}/{self.tenant}/v2.0"

    def register(self, council, **options):
        """Register this provider as `council`'s, as its council admin would."""
        identity_provider = IdentityProvider(
            council=council, issuer=self.issuer, client_id=self.client_id, **options
        )
        identity_provider.set_client_secret(self.client_secret)
        identity_provider.save()
        return identity_provider


def callback_uri(base, slug):
    return f"{base}/accounts/oidc/{slug}/login/callback/"


def start_provider(tmp_path, tenant, slug, people, extra_redirect_uris=()):
    client_id = f"ideabank-{slug}"
    config = {
        "tenant": tenant,
        "database": str(tmp_path / f"{tenant}.sqlite3"),
        "people": people,
        "clients": [
            {
                "client_id": client_id,
                "client_secret": f"{slug}-client-secret",
                "redirect_uris": [callback_uri(TEST_SERVER, slug), *extra_redirect_uris],
            }
        ],
    }
    env = {**os.environ, "IDP_CONFIG": json.dumps(config)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.sso.idp.serve"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    if not line.startswith("PORT "):
        process.kill()
        raise RuntimeError(f"The test identity provider did not start: {line!r}")
    url = f"http://127.0.0.1:{line.split()[1]}"
    return TestProvider(tenant, url, client_id, f"{slug}-client-secret", process)


def stop(*providers):
    for provider in providers:
        provider.process.terminate()
        provider.process.wait(timeout=10)
        provider.process.stdout.close()


@pytest.fixture(scope="session")
def identity_providers(tmp_path_factory):
    """Barnet's and Brent's tenants: started once per test process."""
    tmp_path = tmp_path_factory.mktemp("idp")
    barnet = start_provider(tmp_path, "barnet-tenant", "barnet", BARNET_PEOPLE)
    brent = start_provider(tmp_path, "brent-tenant", "brent", BRENT_PEOPLE)
    yield {"barnet": barnet, "brent": brent}
    stop(barnet, brent)


@pytest.fixture
def barnet_idp(identity_providers, barnet):
    identity_providers["barnet"].register(barnet)
    return identity_providers["barnet"]


@pytest.fixture
def brent_idp(identity_providers, brent):
    identity_providers["brent"].register(brent)
    return identity_providers["brent"]


def start_sign_in(client, email):
    """Idea Bank's sign-in page: the email address picks the council's provider."""
    response = client.post(reverse("councils:sso_start"), {"email": email})
    assert response.status_code == 200, response.content.decode()[:500]
    return html.unescape(CONTINUE_LINK.search(response.content.decode()).group(1))


def sign_in_at_provider(authorize_url, username):
    """Follow the provider's redirects and sign in there; return where it sends the
    browser back to (Idea Bank's callback, with the code and state)."""
    browser = requests.Session()
    url = authorize_url
    for _ in range(10):
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and "csrfmiddlewaretoken" in response.text:
            token = CSRF_FIELD.search(response.text).group(1)
            next_url = parse_qs(urlsplit(response.url).query)["next"][0]
            response = browser.post(
                response.url,
                {
                    "csrfmiddlewaretoken": token,
                    "username": username,
                    "password": PASSWORD,
                    "next": next_url,
                },
                allow_redirects=False,
                timeout=10,
            )
        assert response.status_code == 302, response.text[:500]
        url = urljoin(response.url, response.headers["Location"])
        if not url.startswith("http://127.0.0.1"):
            return url
    raise AssertionError("The provider never sent the browser back")


def return_to_ideabank(client, callback_url):
    parts = urlsplit(callback_url)
    return client.get(parts.path, parse_qs(parts.query, keep_blank_values=True))


def sign_in(client, email, username):
    """The whole journey: Idea Bank -> provider -> Idea Bank. Returns Idea Bank's answer."""
    callback_url = sign_in_at_provider(start_sign_in(client, email), username)
    return return_to_ideabank(client, callback_url)


@pytest.fixture(autouse=True)
def _privileged_people_have_mfa(privileged_people_have_mfa):
    """These tests were written with managers' and admins' authenticators in place;
    the MFA step itself is what some of them test."""
