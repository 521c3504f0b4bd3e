"""Content Security Policy: no inline or eval'd script, no framing, on every response.

(The authorization sweep also checks the header is on each of its responses.)
"""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_the_policy_allows_no_inline_or_eval_script_and_no_framing():
    policy = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    script_sources = policy["script-src"]
    assert "'unsafe-inline'" not in script_sources
    assert "'unsafe-eval'" not in script_sources
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in policy.get("default-src", [])


@pytest.mark.parametrize(
    "url, status",
    [("/", 200), ("/ideas/", 200), ("/no-such-page/", 404), ("/healthz", 405)],
)
def test_every_response_carries_the_policy(client, db, url, status):
    response = client.post(url) if status == 405 else client.get(url)

    assert response.status_code == status
    found = directives(response)
    assert found["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in found["script-src"]
    assert "'unsafe-eval'" not in found["script-src"]


def test_a_forbidden_page_carries_the_policy(client_for, alice):
    response = client_for(alice).get(reverse("ideas:review_queue"))

    assert response.status_code == 403
    assert directives(response)["frame-ancestors"] == ["'none'"]


def test_a_server_error_page_carries_the_policy(db, monkeypatch):
    def broken(user):
        raise RuntimeError("a bug")

    monkeypatch.setattr("ideas.views.visible_ideas", broken)
    client = Client(raise_request_exception=False)

    response = client.get(reverse("ideas:list"))

    assert response.status_code == 500
    assert directives(response)["frame-ancestors"] == ["'none'"]


class Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inline = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src"):
            self.inline.append(attrs.get("nonce"))


def test_inline_scripts_carry_the_nonce_of_their_response(client_for, alice):
    for url in ("/", reverse("ideas:create"), reverse("ideas:list")):
        response = client_for(alice).get(url)
        nonce = next(s for s in directives(response)["script-src"] if s.startswith("'nonce-"))[
            len("'nonce-") : -1
        ]
        page = Scripts()
        page.feed(response.content.decode())
        assert all(found == nonce for found in page.inline), url


def test_static_files_carry_a_policy_that_loads_nothing_else(client, db, settings):
    # WhiteNoise answers before CSP's middleware; it adds this header itself.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = client.get("/static/govuk/ideabank.css")
    response.close()  # a file response: let go of the file
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert policy.startswith("default-src 'none';")
    assert "script-src" not in policy
