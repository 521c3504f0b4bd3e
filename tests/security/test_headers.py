"""The security headers are on every response the application makes, refusals and
errors included (issue 20). Gunicorn's own answers are listed in docs/security.md."""

import io

import pytest
from django.test import Client
from django.urls import reverse

HEADERS = {
    "Content-Security-Policy": None,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def assert_security_headers(response):
    missing = [name for name in HEADERS if name not in response]
    assert missing == [], f"{response.status_code} lacks {missing}"
    for name, value in HEADERS.items():
        if value is not None:
            assert response[name] == value
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_bad_request_carries_the_security_headers(client, db):
    response = client.get(reverse("ideas:list"), {"q": "\x00"})

    assert response.status_code == 400
    assert_security_headers(response)


def test_a_forbidden_page_carries_the_security_headers(client_for, alice):
    response = client_for(alice).get(reverse("ideas:review_queue"))

    assert response.status_code == 403
    assert_security_headers(response)


def test_a_missing_page_carries_the_security_headers(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert_security_headers(response)


def test_a_server_error_carries_the_security_headers(db, monkeypatch):
    def broken(user):
        raise RuntimeError("a bug")

    monkeypatch.setattr("ideas.views.visible_ideas", broken)
    response = Client(raise_request_exception=False).get(reverse("ideas:list"))

    assert response.status_code == 500
    assert_security_headers(response)


def many(count, value="1"):
    return "&".join(f"field{number}={value}" for number in range(count))


@pytest.mark.parametrize(
    "send",
    [
        # Django's RequestDataTooBig: a form body over DATA_UPLOAD_MAX_MEMORY_SIZE.
        lambda client: client.post(
            reverse("account_login"),
            "login=" + "x" * 3_000_000,
            content_type="application/x-www-form-urlencoded",
        ),
        # TooManyFieldsSent, in the body and in the query string.
        lambda client: client.post(
            reverse("account_login"),
            many(1001),
            content_type="application/x-www-form-urlencoded",
        ),
        lambda client: client.get(reverse("ideas:list") + "?" + many(1001)),
        # TooManyFilesSent: more than DATA_UPLOAD_MAX_NUMBER_FILES.
        lambda client: client.post(
            reverse("account_login"),
            {f"file{number}": io.BytesIO(b"x") for number in range(101)},
        ),
    ],
    ids=["body too big", "too many form fields", "too many query fields", "too many files"],
)
def test_an_oversized_request_is_refused_with_the_security_headers(db, send):
    response = send(Client(raise_request_exception=False))

    assert response.status_code == 400
    assert_security_headers(response)


@pytest.mark.parametrize("https_redirect", [False, True])
def test_a_host_name_not_allowed_is_refused_with_the_security_headers(
    db, settings, https_redirect
):
    # With the redirect to HTTPS on, Django's SecurityMiddleware is the one refusing.
    settings.SECURE_SSL_REDIRECT = https_redirect
    response = Client().get(reverse("ideas:list"), HTTP_HOST="ideabank.example.com")

    assert response.status_code == 400
    assert_security_headers(response)


def test_the_redirect_to_https_carries_the_security_headers(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get(reverse("ideas:list"))

    assert response.status_code == 301
    assert_security_headers(response)
