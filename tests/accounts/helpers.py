"""Small helpers for driving allauth's real pages and reading what they render."""

import re
from html.parser import HTMLParser

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


class PageOutline(HTMLParser):
    """Collects what the accessibility checks need: h1s, labels, inputs, buttons, forms."""

    def __init__(self, html):
        super().__init__()
        self.h1_count = 0
        self.label_fors = set()
        self.inputs = []
        self.buttons = []
        self.forms = []
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "h1":
            self.h1_count += 1
        elif tag == "label" and attrs.get("for"):
            self.label_fors.add(attrs["for"])
        elif tag in {"input", "select", "textarea"}:
            self.inputs.append((tag, attrs))
        elif tag == "button":
            self.buttons.append(attrs)
        elif tag == "form":
            self.forms.append(attrs)

    def unlabelled_fields(self):
        skip = {"hidden", "submit"}
        return [
            attrs
            for tag, attrs in self.inputs
            if attrs.get("type") not in skip and attrs.get("id") not in self.label_fors
        ]

    def first_index(self, tag, css_class=None):
        for index, (name, attrs) in enumerate(self.tags):
            if name == tag and (css_class is None or css_class in attrs.get("class", "")):
                return index
        return None
