"""Pages for asking the team behind a pilot, and for comments on pilots (outcomes/views.py
uses `CommentThread`, `comment_section`, `comment` and `hide_comment` for its own)."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Manager, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ideas.comments import comment_rows, hide_comment_page, report_comment_page
from ideas.forms import CommentForm
from ideas.templatetags.idea_tags import paragraphs

from . import conversations
from .mentions import highlight
from .models import Message, Pilot, Question
from .permissions import (
    can_ask_about_pilot,
    can_comment_on_pilot,
    can_hide_message,
    can_hide_pilot_comment,
    can_write_in_conversation,
    is_own_council_pilot,
    member_label,
)

COMMENT_FORM = {
    "help_text": _(
        "Be kind and constructive. Everyone who can see the pilot can read it. "
        "Type @ and a colleague’s full name to tell them, for example @Sam Jones."
    )
}
QUESTION_FORM = {
    "label": _("Your question"),
    "help_text": _(
        "Only people at your council and theirs can read it. Nobody’s email address is shown."
    ),
    "errors": {
        "required": _("Enter your question"),
        "max_length": _("Your question must be 3,000 characters or fewer"),
    },
}
REPLY_FORM = {
    "label": _("Your reply"),
    "errors": {
        "required": _("Enter your reply"),
        "max_length": _("Your reply must be 3,000 characters or fewer"),
    },
}


def visible_pilot(request, pk):
    pilots = Pilot.objects.visible_to(request.user).select_related(
        "council", "lead__membership", "idea__council", "idea__author"
    )
    return get_object_or_404(pilots, pk=pk)


@dataclass(frozen=True)
class CommentThread:
    """The comments on a pilot or on its outcome, and where their pages are."""

    pilot: Pilot
    comments: Manager  # pilot.comments or outcome.comments
    add: Callable  # add(by=..., body=...) writes a comment and returns it
    caption: str
    back_url: str
    urls: str  # the app whose `comment`, `hide_comment` and `report_comment` pages they have
    where: str  # "on the pilot “Bin day texts”", as the moderators' email says


def pilot_thread(pilot):
    add = partial(conversations.add_pilot_comment, pilot=pilot)
    where = _("on the pilot “%(title)s”") % {"title": pilot.title}
    return CommentThread(
        pilot, pilot.comments, add, pilot.title, pilot.get_absolute_url(), "pilots", where
    )


def comment_section(user, thread):
    """The context of templates/includes/comments.html for the comments of `thread`."""
    pilot, urls = thread.pilot, thread.urls
    comments = thread.comments.select_related("author__membership__council").prefetch_related(
        "mentioned"
    )
    may_hide = can_hide_pilot_comment(user, pilot)
    can_comment = can_comment_on_pilot(user, pilot)
    return {
        "comments": comment_rows(
            user,
            comments,
            writer_label=lambda comment: member_label(user, pilot, comment.author),
            can_hide=lambda comment: may_hide,
            hide_url=lambda comment: reverse(f"{urls}:hide_comment", args=[pilot.pk, comment.pk]),
            report_url=lambda comment: reverse(
                f"{urls}:report_comment", args=[pilot.pk, comment.pk]
            ),
            more_of=lambda comment: {
                "body_html": highlight(paragraphs(comment.body), comment.mentioned.all())
            },
        ),
        "comment_form": CommentForm(**COMMENT_FORM) if can_comment else None,
        "comment_action": reverse(f"{urls}:comment", args=[pilot.pk]),
        "can_ask": can_ask_about_pilot(user, pilot),
    }


def question_rows(user, pilot):
    """The conversations about `pilot` the user may read, newest first, with the question."""
    questions = (
        Question.objects.visible_to(user)
        .filter(pilot=pilot)
        .select_related("council", "asker__membership__council")
        .annotate(message_count=Count("messages"))
        .prefetch_related(Prefetch("messages", queryset=Message.objects.order_by("created_at")))
    )
    return [
        {
            "question": question,
            "asker": member_label(user, pilot, question.asker),
            "first": question.messages.all()[0],
            "replies": question.message_count - 1,
        }
        for question in questions
    ]


def discussion_context(user, pilot):
    """What the pilot page shows of its comments and of the questions about it (its query
    says whether there are any: `has_comments`, `has_questions`)."""
    thread = pilot_thread(pilot)
    if not pilot.has_comments:
        thread = replace(thread, comments=pilot.comments.none())
    questions = question_rows(user, pilot) if pilot.has_questions else []
    return {
        **comment_section(user, thread),
        "questions": questions,
        "asked_of_us": is_own_council_pilot(user, pilot),
    }


def pilot_thread_of(request, pk):
    return pilot_thread(visible_pilot(request, pk))


@login_required
def comment(request, thread_of, **lookup):
    """The comment form on a page of its own (where a comment with an error comes back).

    For a pilot's comments or its outcome's: urls.py gives `thread_of(request, **lookup)`.
    """
    thread = thread_of(request, **lookup)
    if not can_comment_on_pilot(request.user, thread.pilot):
        raise PermissionDenied
    form = CommentForm(request.POST or None, **COMMENT_FORM)
    if request.method == "POST" and form.is_valid():
        comment = thread.add(by=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Your comment has been added"))
        return redirect(f"{thread.back_url}#comment-{comment.pk}")
    context = {
        "form": form,
        "caption": thread.caption,
        "back_url": thread.back_url,
        "action": reverse(f"{thread.urls}:comment", args=[thread.pilot.pk]),
    }
    return render(request, "pilots/comment_form.html", context)


@login_required
def hide_comment(request, thread_of, comment_pk, **lookup):
    """The moderator's page that hides one of a thread's comments (see `comment`)."""
    thread = thread_of(request, **lookup)
    comments = thread.comments.select_related("author__membership")
    target = get_object_or_404(comments, pk=comment_pk)
    if not can_hide_pilot_comment(request.user, thread.pilot):
        raise PermissionDenied
    return hide_comment_page(
        request,
        target,
        writer=member_label(request.user, thread.pilot, target.author),
        caption=thread.caption,
        back_url=thread.back_url,
    )


@login_required
@require_POST
def report_comment(request, thread_of, comment_pk, **lookup):
    """A reader asks the pilot's lead and managers to look at one of a thread's comments."""
    thread = thread_of(request, **lookup)
    target = get_object_or_404(thread.comments.select_related("author__membership"), pk=comment_pk)
    return report_comment_page(
        request,
        target,
        report=partial(conversations.report_comment, thread, target, by=request.user),
        back_url=thread.back_url,
        thanks=_("Thank you. We have told the team at %(council)s. They will check the comment.")
        % {"council": thread.pilot.council.short_name},
    )


@login_required
def ask(request, pk):
    pilot = visible_pilot(request, pk)
    if not can_ask_about_pilot(request.user, pilot):
        raise PermissionDenied
    form = CommentForm(request.POST or None, **QUESTION_FORM)
    if request.method == "POST" and form.is_valid():
        try:
            question = conversations.ask_question(
                pilot=pilot, by=request.user, body=form.cleaned_data["body"]
            )
        except conversations.TooManyQuestions as error:
            form.add_error("body", str(error))
        else:
            messages.success(
                request,
                _(
                    "Your question has been sent to the team at %(council)s. We will email "
                    "you when they reply."
                )
                % {"council": pilot.council.short_name},
            )
            return redirect(question)
    return render(request, "pilots/question_form.html", {"pilot": pilot, "form": form})


def visible_question(request, pk, question_pk):
    questions = Question.objects.visible_to(request.user).select_related(
        "council",
        "asker__membership__council",
        "pilot__council",
        "pilot__lead__membership",
        "pilot__idea__council",
        "pilot__idea__author",
    )
    return get_object_or_404(questions, pk=question_pk, pilot_id=pk)


def message_rows(user, question):
    pilot = question.pilot
    found = question.messages.select_related("author__membership__council")
    for message in found:
        message.question = question  # the predicates read it: no query per message
    return comment_rows(
        user,
        found,
        writer_label=lambda message: member_label(user, pilot, message.author),
        can_hide=lambda message: can_hide_message(user, message),
        hide_url=lambda message: reverse(
            "pilots:hide_message", args=[pilot.pk, question.pk, message.pk]
        ),
        report_url=lambda message: reverse(
            "pilots:report_message", args=[pilot.pk, question.pk, message.pk]
        ),
    )


@login_required
def question(request, pk, question_pk):
    question = visible_question(request, pk, question_pk)
    can_write = can_write_in_conversation(request.user, question)
    if request.method == "POST" and not can_write:
        raise PermissionDenied
    only_they_read = _("Only people at %(asker)s and %(team)s can read your reply.") % {
        "asker": question.council.short_name,
        "team": question.pilot.council.short_name,
    }
    form = (
        CommentForm(request.POST or None, help_text=only_they_read, **REPLY_FORM)
        if can_write
        else None
    )
    if request.method == "POST" and form.is_valid():
        message = conversations.write_in_conversation(
            question=question, by=request.user, body=form.cleaned_data["body"]
        )
        messages.success(request, _("Your reply has been sent. We have emailed them."))
        return redirect(f"{question.get_absolute_url()}#comment-{message.pk}")
    pilot = question.pilot
    context = {
        "question": question,
        "pilot": pilot,
        "asker": member_label(request.user, pilot, question.asker),
        "comments": message_rows(request.user, question),
        "comment_form": form,
        "comment_action": question.get_absolute_url(),
    }
    return render(request, "pilots/question_detail.html", context)


def visible_message(request, pk, question_pk, message_pk):
    question = visible_question(request, pk, question_pk)
    message = get_object_or_404(
        question.messages.select_related("author__membership__council"), pk=message_pk
    )
    message.question = question
    return message


@login_required
@require_POST
def report_message(request, pk, question_pk, message_pk):
    message = visible_message(request, pk, question_pk, message_pk)
    return report_comment_page(
        request,
        message,
        report=partial(conversations.report_message, message=message, by=request.user),
        back_url=message.question.get_absolute_url(),
        thanks=_(
            "Thank you. We have told the managers at %(team)s and %(asker)s. "
            "They will check the message."
        )
        % {
            "team": message.question.pilot.council.short_name,
            "asker": message.question.council.short_name,
        },
    )


@login_required
def hide_message(request, pk, question_pk, message_pk):
    message = visible_message(request, pk, question_pk, message_pk)
    if not can_hide_message(request.user, message):
        raise PermissionDenied
    question = message.question
    return hide_comment_page(
        request,
        message,
        writer=member_label(request.user, question.pilot, message.author),
        caption=question.pilot.title,
        back_url=question.get_absolute_url(),
    )
