"""`@name` mentions of colleagues in a comment: resolved to people of the writer's own
council only; a name from anywhere else stays plain text."""

import re

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from councils.visibility import membership_of

FIRST_WORD = re.compile(r"@([^\W\d_][\w'’-]*)")


def mentioned_colleagues(author, body):
    """The active members of `author`'s council whose full name follows an @ in `body`,
    other than the author, in name order."""
    membership = membership_of(author)
    words = {word.casefold() for word in FIRST_WORD.findall(body or "")}
    if membership is None or not words:
        return []
    starts = Q()
    for word in words:
        starts |= Q(full_name__istartswith=word)
    candidates = (
        get_user_model()
        .objects.filter(starts, membership__council_id=membership.council_id, is_active=True)
        .exclude(pk=author.pk)
        .filter(closed_at__isnull=True)
        .order_by("full_name", "pk")
    )
    return [person for person in candidates if names(body, person.full_name)]


def mention_pattern(name):
    return re.compile(r"@" + re.escape(name) + r"(?![\w])", re.IGNORECASE)


def names(text, name):
    return bool(name) and mention_pattern(name).search(text or "") is not None


def highlight(html, people):
    """Bold each resolved mention in already-escaped `html` (from the `paragraphs` filter)."""
    for person in people:
        if person.full_name:
            pattern = mention_pattern(escape(person.full_name))
            # The match is a piece of the escaped html: it is wrapped, never re-read.
            html = pattern.sub(
                lambda match: f'<strong class="app-mention">{match[0]}</strong>', html
            )
    return mark_safe(html)  # noqa: S308 - escaped text, wrapped in fixed tags
