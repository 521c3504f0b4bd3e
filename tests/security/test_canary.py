"""Private markers must not appear on any surface a foreign person can reach:
pages, lists, their pages of results, emails and digests. (Explore's pages,
search, facets and feeds have their own canary test in tests/explore.)"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from digests.models import DigestPreference, Frequency
from digests.services import period_bounds
from digests.tasks import start_digests
from ideas.models import Idea
from notifications.models import Follow, Notification
from outcomes.models import Outcome
from pilots.conversations import ask_question, write_in_conversation
from pilots.models import Pilot
from pilots.services import adopt_pilot

from .policy import CAST, IN_CONVERSATION, sees

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

FOREIGN = ("visitor", "nina", "carol", "brent_manager", "brent_admin", "dan", "platform_admin")


def reads_conversation(person, facts):
    return sees(CAST[person], facts) and IN_CONVERSATION(CAST[person], facts)


def private_markers(world, person):
    """Markers of the objects `person` may not see, and of conversations they may not read."""
    markers = {
        thing.facts["marker"]
        for kind in ("idea", "pilot")
        for thing in world[kind]
        if not sees(CAST[person], thing.facts)
    }
    return markers | {
        thing.facts["marker"]
        for thing in world["question"]
        if not reads_conversation(person, thing.facts)
    }


def surfaces(world, person):
    urls = [
        "/",
        reverse("ideas:list"),
        reverse("pilots:list"),
        reverse("outcomes:list"),
        reverse("councils:list"),
        reverse("councils:partnerships"),
    ]
    urls += [f"{reverse('ideas:list')}?page={n}" for n in (2, 3)]
    if person != "visitor":
        urls += [reverse("ideas:mine"), reverse("accounts:profile"), reverse("pilots:awaiting")]
        urls += [reverse("ideas:review_queue") + f"?status={s}" for s in Idea.Status.values]
        urls += [reverse("digests:preferences"), reverse("join:request")]
        urls += [reverse("notifications:list"), reverse("notifications:my_work")]
    for kind, name in (("idea", "ideas:detail"), ("pilot", "pilots:detail")):
        for thing in world[kind]:
            if sees(CAST[person], thing.facts):
                urls.append(reverse(name, args=[thing.kwargs["pk"]]))
                if thing.facts.get("has_outcome"):
                    urls.append(reverse("outcomes:detail", args=[thing.kwargs["pk"]]))
    urls += [
        reverse("pilots:question", kwargs=thing.kwargs)
        for thing in world["question"]
        if reads_conversation(person, thing.facts) and not thing.facts.get("foreign_child")
    ]
    # Evidence files: the downloads of the pilots the person sees (their own marker only);
    # the pages above list each visible pilot's and outcome's files by name.
    urls += [
        reverse("evidence:download", args=[thing.kwargs["pk"]])
        for thing in world["evidence_file"]
        if sees(CAST[person], thing.facts)
    ]
    return urls


def follow_and_hear_of_everything(world, cast):
    """Each foreign person follows, and has a notification about, every idea and pilot in
    the world, seen or not (as if they could once see it): what is hidden must stay so."""
    for person in FOREIGN:
        if cast[person] is None:
            continue
        for kind in ("idea", "pilot"):
            for thing in world[kind]:
                obj = {"idea": Idea, "pilot": Pilot}[kind].objects.get(pk=thing.kwargs["pk"])
                Follow.objects.get_or_create(user=cast[person], **{kind: obj})
                Notification.objects.create(
                    recipient=cast[person],
                    kind="comment",
                    message="New comment on something you follow",
                    url=obj.get_absolute_url(),
                    key=f"canary:{kind}:{obj.pk}",
                    **{kind: obj},
                )


def text_of(response):
    """A page's text, or a downloaded file's (read, so that the file is closed)."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_no_private_marker_reaches_a_foreign_persons_pages(world, cast, client_for):
    follow_and_hear_of_everything(world, cast)
    crawled = occurrences = 0
    leaks = []
    for person in FOREIGN:
        client = client_for(cast[person])
        markers = private_markers(world, person)
        for url in surfaces(world, person):
            response = client.get(url)
            crawled += 1
            text = text_of(response)
            found = sorted(m for m in markers if m in text)
            occurrences += len(found)
            leaks += [f"{url} as {person}: {m}" for m in found]
    print(f"\ncanary pages: {crawled} responses crawled; private markers found: {occurrences}")
    assert crawled > 100
    assert leaks == []


def mailoutbox_to(person):
    return [message for message in mail.outbox if person.email in message.to]


def test_no_private_marker_reaches_a_foreign_persons_emails_or_digest(
    world, cast, django_capture_on_commit_callbacks
):
    people = [cast[person] for person in FOREIGN if cast[person] is not None]
    for user in people:
        preference = DigestPreference.for_user(user)
        preference.frequency = Frequency.WEEKLY
        preference.scope = DigestPreference.Scope.ALL  # the widest digest anyone can ask for
        preference.save()
    _key, start, _end = period_bounds("weekly", timezone.now())
    last_week = start + datetime.timedelta(days=2)
    Idea.objects.exclude(submitted_at=None).update(submitted_at=last_week, created_at=last_week)
    Pilot.objects.exclude(status=Pilot.Status.PLANNED).update(
        started_at=last_week, created_at=last_week
    )
    Outcome.objects.update(published_at=last_week)
    follow_and_hear_of_everything(world, cast)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        # Notifications to foreign people: Carol adopts a pilot she can see and
        # comments on an idea; then the weekly digest goes out.
        shared = Pilot.objects.get(visibility="partners", status=Pilot.Status.RUNNING)
        adopt_pilot(pilot=shared, by=cast["carol"])
    with django_capture_on_commit_callbacks(execute=True):
        # Carol asks the team behind a pilot she can see; its lead replies.
        question = ask_question(pilot=shared, by=cast["carol"], body="How did it go?")
    with django_capture_on_commit_callbacks(execute=True):
        write_in_conversation(question=question, by=cast["alice"], body="Well, thank you.")
    with django_capture_on_commit_callbacks(execute=True):
        start_digests("weekly")

    leaks, messages = [], 0
    for message in mail.outbox:
        for address in message.to:
            person = next((p for p in FOREIGN if cast[p] and cast[p].email == address), None)
            if person is None:
                continue
            messages += 1
            bodies = [message.subject, message.body] + [
                body for body, _ in getattr(message, "alternatives", [])
            ]
            for marker in private_markers(world, person):
                if any(marker in body for body in bodies):
                    leaks.append(f"{message.subject} to {person}: {marker}")
    digests_to = {a for m in mail.outbox if "digest" in m.subject.lower() for a in m.to}
    print(
        f"\ncanary emails: {len(mail.outbox)} sent, {messages} to foreign people "
        f"(digests to {len(digests_to)}); private markers found: {len(leaks)}"
    )
    assert {cast["carol"].email, cast["dan"].email} <= digests_to
    assert any("replied to your question" in m.subject for m in mailoutbox_to(cast["carol"]))
    assert leaks == []
