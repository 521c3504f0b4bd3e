"""What a person can read about something beyond its own page: browse search results,
facet counts, the outcome feeds and their digest. The grid tests ask each of these,
so that a column can disagree with the list and the detail page only by failing."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from councils.visibility import membership_of
from digests.content import audience_of
from digests.models import DigestRun
from digests.services import render_shared_blocks


def browse(client, section, term):
    """The browse page of `section` ("ideas" or "experiments") searched for `term`."""
    response = client.get(reverse(f"explore:{section}"), {"q": term})
    assert response.status_code == 200
    return response.content.decode()


def facet_count(page, value):
    """The count a facet offers beside option `value` (a council slug, a status), or None
    when the option is not offered (no visible row has it)."""
    found = re.search(rf'<option value="{re.escape(value)}"[^>]*>[^<]*\((\d+)\)</option>', page)
    return int(found.group(1)) if found else None


def feeds(client):
    """The public outcomes feed and Barnet's, as they are served to this client."""
    urls = [reverse("explore:feed"), reverse("explore:council_feed", args=["barnet"])]
    return "".join(client.get(url).content.decode() for url in urls)


def digest(user):
    """The digest `user` would be sent for a period ending now (HTML and text), or "" for
    someone without a council, who is sent none."""
    if user is None or membership_of(user) is None:
        return ""
    # Loaded afresh, as a digest run loads its readers (audience_of caches a default
    # preference on the user object it is given).
    user = type(user).objects.select_related("membership").get(pk=user.pk)
    now = timezone.now()
    start, end = now - datetime.timedelta(days=7), now + datetime.timedelta(seconds=1)
    run = DigestRun(key="grid", period="weekly", start=start, end=end)
    blocks = render_shared_blocks(user, audience_of(user), run=run, today=timezone.localdate())
    return blocks["body_html"] + blocks["body_text"]


def every_list(client):
    """The text of every list, browse page, feed and home page a person can reach."""
    urls = [
        reverse("home"),
        reverse("ideas:list"),
        reverse("pilots:list"),
        reverse("outcomes:list"),
        reverse("explore:ideas"),
        reverse("explore:experiments"),
        reverse("explore:experiments") + "?sort=adopted",
        reverse("explore:did_not_work"),
        reverse("explore:council", kwargs={"slug": "brent"}),
        reverse("explore:council", kwargs={"slug": "barnet"}),
        reverse("explore:partnership", kwargs={"slug": "west-london-alliance"}),
        reverse("explore:feed"),
        reverse("explore:council_feed", kwargs={"slug": "brent"}),
        reverse("explore:partnership_feed", kwargs={"slug": "west-london-alliance"}),
    ]
    return "".join(client.get(url).content.decode() for url in urls)


def downloads(client):
    """The text of every list download a person can reach (CSV) that could hold a pilot."""
    urls = [
        reverse("explore:experiments_csv"),
        reverse("explore:outcomes_csv"),
        reverse("explore:did_not_work_csv"),
        reverse("explore:council_csv", kwargs={"slug": "brent"}),
        reverse("explore:council_csv", kwargs={"slug": "barnet"}),
        reverse("explore:partnership_csv", kwargs={"slug": "west-london-alliance"}),
    ]
    files = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        files.append(b"".join(response.streaming_content).decode("utf-8-sig"))
    return "".join(files)


def conversation(client, question):
    """A conversation about a pilot as this client gets it: its page's text, or None when it
    is not there for them (404, or sign in first), and whether the pilot's page lists it."""
    page = client.get(question.get_absolute_url())
    listed = (
        question.get_absolute_url()
        in client.get(question.pilot.get_absolute_url()).content.decode()
    )
    if page.status_code == 302:  # a visitor is sent to sign in
        assert "/accounts/login/" in page["Location"]
        return None, listed
    if page.status_code == 404:
        return None, listed
    assert page.status_code == 200
    return page.content.decode(), listed
