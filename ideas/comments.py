"""What comments on ideas, pilots and outcomes (and messages about a pilot) share: their
rows as a page shows them, a reader's "Report this comment", and the moderator's "Hide
this comment" page. Each app keeps its own model (`ideas.models.ModeratedText`),
permission and name rule."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import HideCommentForm
from .models import TransitionNotAllowed
from .notifications import queue_emails
from .permissions import can_report


def comment_rows(user, comments, *, writer_label, can_hide, hide_url, report_url, more_of=None):
    """Rows for templates/includes/comments.html.

    `writer_label(comment)` names the writer for `user`; `can_hide(comment)` and
    `hide_url(comment)` give the moderator's link, `report_url(comment)` everyone
    else's "Report this comment"; `more_of(comment)` adds to a row. A hidden comment
    shows to its writer only, with the reason.
    """
    rows = []
    for comment in comments:
        is_writer = user.is_authenticated and comment.author_id == user.pk
        may_hide = not comment.is_hidden and can_hide(comment)
        rows.append(
            {
                "comment": comment,
                "writer": writer_label(comment),
                "is_writer": is_writer,
                "show_body": not comment.is_hidden or is_writer,
                "show_reason": comment.is_hidden and is_writer,
                "hide_url": hide_url(comment) if may_hide else "",
                "report_url": report_url(comment)
                if not may_hide and can_report(user, comment)
                else "",
                # Shown to the moderators and to whoever reported it, not to everyone.
                "reported": comment.reported_at is not None
                and not is_writer
                and (may_hide or comment.reported_by_id == user.pk),
                **(more_of(comment) if more_of else {}),
            }
        )
    return rows


@transaction.atomic
def report_to_moderators(comment, *, by, moderators, about):
    """Mark `comment` reported by `by` and, the first time only, email each of
    `moderators` (but its writer and `by`) templates/emails/comment_reported*.

    `about(recipient)` gives the email's `writer` (named for that recipient), `where`
    ("on the idea “Bin day texts”"), `subject` and `url` (the comment on its page).
    """
    if not comment.report(by=by):
        return False
    people = [
        person
        for person in moderators
        if person.is_active and person.pk not in (comment.author_id, by.pk)
    ]
    queue_emails(
        "comment_reported",
        comment,
        people,
        lambda comment, recipient: {
            "comment": comment,
            "recipient": recipient,
            **about(recipient),
        },
        key=f"comment_reported:{comment._meta.label_lower}:{comment.pk}",
    )
    return True


def report_comment_page(request, comment, *, report, back_url, thanks):
    """What a reader's "Report this comment" button does: `report()` tells the moderators
    (once, however often it is pressed), and `thanks` says who."""
    if comment.author_id == request.user.pk:
        raise PermissionDenied
    if comment.is_hidden:
        messages.info(request, _("That comment is already hidden"))
    else:
        if comment.reported_at is None:
            report()
        messages.success(request, thanks)
    return redirect(f"{back_url}#comment-{comment.pk}")


def hide_comment_page(request, comment, *, writer, caption, back_url):
    """The moderator's page that hides `comment` with a reason its writer will see."""
    if comment.is_hidden:
        messages.info(request, _("That comment is already hidden"))
        return redirect(back_url)
    form = HideCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            comment.hide(by=request.user, reason=form.cleaned_data["reason"])
        except TransitionNotAllowed as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, _("The comment is hidden. Its writer can see your reason."))
            return redirect(back_url)
    context = {
        "comment": comment,
        "writer": writer,
        "caption": caption,
        "back_url": f"{back_url}#comment-{comment.pk}",
        "form": form,
    }
    return render(request, "includes/comment_hide.html", context)
