"""Queue an email in the outbox; the send task takes it once the transaction commits."""

import uuid
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

from ideabank.lib.mail import render_email

from . import tasks
from .models import OutgoingEmail


def message_id():
    """A Message-ID fixed when the email is queued, so a resend can be recognised as a copy."""
    return make_msgid(domain=urlsplit(settings.SITE_URL).hostname or "ideabank")


@transaction.atomic
def enqueue_email(name, context, *, to, key, headers=None):
    """Render templates/emails/<name>* for `to` and queue it once per (key, address).

    `key` names the event, e.g. f"idea_decided:{event.pk}". Returns the row, or None
    if that email to that address was queued before (a task run a second time).
    """
    subject, text, html = render_email(name, context)
    return enqueue_rendered(
        key=key, to=to, template=name, subject=subject, text=text, html=html, headers=headers
    )


@transaction.atomic
def enqueue_message(message, *, template):
    """Queue a message another library rendered (allauth's), one row per recipient.

    Each call is an event of its own (a password reset asked for twice sends twice).
    """
    html = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    key = f"{template}:{uuid.uuid4()}"
    return [
        enqueue_rendered(
            key=key,
            to=address,
            template=template,
            subject=message.subject,
            text=message.body,
            html=html,
            headers=message.extra_headers,
        )
        for address in message.to
    ]


def enqueue_rendered(*, key, to, template, subject, text, html, headers):
    email, created = OutgoingEmail.objects.get_or_create(
        key=key,
        to=to,
        defaults={
            "template": template[:100],
            "subject": subject,
            "text": text,
            "html": html,
            "headers": {"Message-ID": message_id(), **(headers or {})},
        },
    )
    if not created:
        return None
    tasks.send_outgoing_email.delay_on_commit(email.pk)
    return email


@transaction.atomic
def forget_addresses(*, addresses):
    """Delete every email to these addresses, sent or not: for an account being closed.

    Unsent ones must not go out; sent ones hold the address and what was said to it.
    """
    return OutgoingEmail.objects.filter(to__in=addresses).delete()[0]
