import re

from django import template
from django.contrib.auth.models import AnonymousUser
from django.utils.html import format_html, format_html_join

from ideabank.lib import money, times

from .. import permissions
from ..models import Idea

register = template.Library()

STATUS_TAG_CLASSES = {
    Idea.Status.DRAFT: "govuk-tag--grey",
    Idea.Status.SUBMITTED: "govuk-tag--blue",
    Idea.Status.IN_REVIEW: "govuk-tag--light-blue",
    Idea.Status.ACCEPTED: "govuk-tag--green",
    Idea.Status.DECLINED: "govuk-tag--red",
    Idea.Status.PARKED: "govuk-tag--yellow",
    Idea.Status.WITHDRAWN: "govuk-tag--grey",
    Idea.Status.PILOTING: "govuk-tag--purple",
    Idea.Status.PILOTED: "govuk-tag--turquoise",
}

BLANK_LINES = re.compile(r"\n\s*\n")


@register.simple_tag(takes_context=True)
def author_label(context, idea):
    """The author's name, or "a member of staff at <council>", for the person viewing."""
    request = context.get("request")
    user = request.user if request is not None else AnonymousUser()
    return permissions.author_label(user, idea)


@register.simple_tag
def status_tag(status, label):
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', STATUS_TAG_CLASSES.get(status, ""), label
    )


@register.filter(is_safe=True)
def paragraphs(value):
    """User text, escaped: a blank line starts a paragraph and a newline breaks a line."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    return format_html_join(
        "\n",
        '<p class="govuk-body">{}{}</p>',
        (
            (format_html_join("", "{}<br>", ((line,) for line in lines[:-1])), lines[-1])
            for lines in (part.split("\n") for part in BLANK_LINES.split(text))
        ),
    )


@register.filter
def govuk_datetime(value):
    """ "7 December 2026 at 7:31pm", in the active time zone (ideabank/lib/times.py)."""
    if value in (None, ""):
        return ""
    return times.date_and_time(value)


@register.filter
def pounds(value):
    """ "£1,500", or "£1,500.50" when there are pence (ideabank/lib/money.py); for pages and
    emails, never a form's input or an export's figure."""
    try:
        return money.pounds(value)
    except (TypeError, ValueError):  # not an amount: nothing, as Django's own filters do
        return ""
