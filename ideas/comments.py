"""What comments on ideas, pilots and outcomes (and messages about a pilot) share: their
rows as a page shows them, and the moderator's "Hide this comment" page. Each app keeps
its own model (`ideas.models.ModeratedText`), permission and name rule."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import HideCommentForm
from .models import TransitionNotAllowed


def comment_rows(user, comments, *, writer_label, can_hide, hide_url, more_of=None):
    """Rows for templates/includes/comments.html.

    `writer_label(comment)` names the writer for `user`; `can_hide(comment)` and
    `hide_url(comment)` give the moderator's link; `more_of(comment)` adds to a row.
    A hidden comment shows to its writer only, with the reason.
    """
    rows = []
    for comment in comments:
        is_writer = user.is_authenticated and comment.author_id == user.pk
        rows.append(
            {
                "comment": comment,
                "writer": writer_label(comment),
                "is_writer": is_writer,
                "show_body": not comment.is_hidden or is_writer,
                "show_reason": comment.is_hidden and is_writer,
                "hide_url": hide_url(comment)
                if not comment.is_hidden and can_hide(comment)
                else "",
                **(more_of(comment) if more_of else {}),
            }
        )
    return rows


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
