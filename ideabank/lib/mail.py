"""Render the text + HTML email triplets in templates/emails/.

Nothing here sends: every email is queued in the outbox (`outbox.services.enqueue_email`),
and digests build theirs with `build_email` on top of their own outbox.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def render_email(name, context, *, subject=None):
    """Return (subject, text, html) for templates/emails/<name>_subject.txt, .txt and .html.

    A `subject` given (one `render_subject` made already for many people) is used as it is.
    """
    context = {"site_url": settings.SITE_URL, **context}
    if subject is None:
        subject = render_subject(name, context)
    text = render_to_string(f"emails/{name}.txt", context)
    html = render_to_string(f"emails/{name}.html", context)
    return subject, text, html


def render_subject(name, context):
    """templates/emails/<name>_subject.txt on one line, after the prefix every email's
    subject starts with: allauth's setting, so its emails and ours read alike."""
    subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject


def build_email(name, context, *, to, subject=None, headers=None, connection=None):
    subject, text, html = render_email(name, context, subject=subject)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[to], headers=headers or {}, connection=connection
    )
    message.attach_alternative(html, "text/html")
    return message
