"""Small helpers for driving allauth's real pages and reading what they render."""

import re

from django.core import mail
from django.test import TestCase
from django.urls import reverse

PASSWORD = "lantern-orchard-1987"


def post_and_send(client, url, data):
    """POST as a browser would, then run what waits for the commit: allauth's emails
    are queued in the outbox and sent once the request's transaction commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data)


def sign_up(client, email, password=PASSWORD):
    return post_and_send(
        client,
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": password},
    )


def last_link_to(path_part):
    """The last link in the outbox whose path contains `path_part`."""
    body = mail.outbox[-1].body
    links = re.findall(r"https?://\S+", body)
    matching = [link for link in links if path_part in link]
    assert matching, body
    return matching[-1].replace("http://testserver", "")


def confirm_last_email(client):
    link = last_link_to("/confirm-email/")
    page = client.get(link)
    assert page.status_code == 200
    return client.post(link)
