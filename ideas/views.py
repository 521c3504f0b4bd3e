from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, Count, Exists, OuterRef, Subquery, Value
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from councils.permissions import is_a_manager, refused_unless_manager
from councils.visibility import membership_of
from ideabank.lib.counts import count_of
from ideabank.lib.paging import render_page_of

from . import services
from .comments import comment_rows, hide_comment_page, report_comment_page
from .forms import (
    AudienceForm,
    CommentForm,
    DecisionForm,
    IdeaForm,
    MoveForm,
    WithdrawForm,
)
from .models import Comment, Endorsement, Idea, TransitionNotAllowed
from .permissions import (
    can_change_idea_audience,
    can_comment_on_idea,
    can_create_idea,
    can_edit_idea,
    can_endorse_idea,
    can_hide_comment,
    can_read_private_feedback,
    can_review_idea,
    can_withdraw_idea,
    endorsement_kind_for,
    is_author,
    person_label,
    writer_label,
)
from .signals import idea_detail_context, idea_page_columns, review_queue_sections
from .themes import theme_names_of, with_theme_names

IDEAS_PER_PAGE = 20
MY_IDEAS_PER_PAGE = 50


def visible_ideas(user):
    return Idea.objects.visible_to(user).select_related("author", "council")


def get_idea_if(allowed, user, pk, *, managers_do=None):
    """The idea, if `allowed(user, idea)`; 404 to anyone who may not see it, 403 to others.
    `managers_do` ("review ideas") tells its council's staff that only managers may."""
    idea = get_object_or_404(visible_ideas(user), pk=pk)
    if not allowed(user, idea):
        if managers_do:
            raise refused_unless_manager(user, idea.council, doing=managers_do)
        raise PermissionDenied
    return idea


def what_happens_next(idea):
    council = idea.council.short_name
    texts = {
        Idea.Status.DRAFT: _(
            "Only you can see this draft. Submit it when it is ready and the managers "
            "at %(council)s will review it."
        ),
        Idea.Status.SUBMITTED: _(
            "The managers at %(council)s will review your idea. You can still edit or "
            "withdraw it until they start."
        ),
        Idea.Status.IN_REVIEW: _(
            "A manager at %(council)s is reviewing your idea. We will email you when they decide."
        ),
        Idea.Status.ACCEPTED: _(
            "Your idea was accepted. A manager will work with you to plan a small pilot."
        ),
        Idea.Status.DECLINED: _(
            "Your idea was declined. Read the manager’s feedback on the idea’s page."
        ),
        Idea.Status.PARKED: _(
            "Your idea is on the innovation shelf. A manager may return it to review "
            "when the time is right."
        ),
        Idea.Status.WITHDRAWN: _("You withdrew this idea. Nobody will review it."),
        Idea.Status.PILOTING: _(
            "Your idea is being piloted. Its pilot page shows how it is going."
        ),
        Idea.Status.PILOTED: _(
            "Your idea was piloted and its outcome is published. Read what was learned "
            "on its pilot page."
        ),
    }
    return texts[idea.status] % {"council": council}


def timeline(user, idea):
    may_read_private = can_read_private_feedback(user, idea)
    return [
        {
            "event": event,
            "actor": person_label(user, event.actor, council=idea.council, idea=idea),
            "note": event.note if may_read_private or not event.is_private_feedback else "",
            "note_withheld": bool(event.note)
            and event.is_private_feedback
            and not may_read_private,
        }
        for event in idea.events.select_related("actor__membership")
    ]


def idea_comment_rows(user, idea):
    return comment_rows(
        user,
        idea.comments.select_related("author__membership__council"),
        writer_label=lambda comment: writer_label(
            user, comment.author, council=idea.council, idea=idea
        ),
        can_hide=lambda comment: can_hide_comment(user, comment),
        hide_url=lambda comment: reverse("ideas:hide_comment", args=[idea.pk, comment.pk]),
        report_url=lambda comment: reverse("ideas:report_comment", args=[idea.pk, comment.pk]),
    )


def endorsement_count(kind):
    return count_of(Endorsement.objects.filter(idea=OuterRef("pk"), kind=kind), "idea")


def detail_ideas(user):
    """Ideas as their page loads them: the idea with its endorsement counts, the person's
    own endorsement (its kind is all the page shows), whether it has comments (a page
    without them asks for none), and what the apps above add (`idea_page_columns`), in
    one query."""
    mine = Endorsement.objects.filter(idea=OuterRef("pk"), user=user.pk).values("kind")[:1]
    columns = {
        "support_count": endorsement_count(Endorsement.Kind.SUPPORT),
        "would_try_count": endorsement_count(Endorsement.Kind.WOULD_TRY),
        "my_endorsement_kind": Subquery(mine)
        if user.is_authenticated
        else Value(None, CharField()),
        "has_comments": Exists(Comment.objects.filter(idea=OuterRef("pk"))),
    }
    for _receiver, extra in idea_page_columns.send(sender=Idea, user=user):
        columns.update(extra or {})
    return with_theme_names(visible_ideas(user).annotate(**columns))


def render_detail(request, idea, *, comment_form=None):
    """The idea page, for an `idea` loaded through `detail_ideas`."""
    user = request.user
    my_kind = idea.my_endorsement_kind
    can_comment = can_comment_on_idea(user, idea)
    can_endorse = can_endorse_idea(user, idea)
    my_endorsement = Endorsement(idea=idea, user=user, kind=my_kind) if my_kind else None
    context = {
        "idea": idea,
        "themes": theme_names_of(idea),
        "timeline": timeline(user, idea),
        "comments": idea_comment_rows(user, idea) if idea.has_comments else [],
        "support_count": idea.support_count,
        "would_try_count": idea.would_try_count,
        "my_endorsement": my_endorsement,
        "can_endorse": can_endorse,
        "endorse_label": Endorsement.Kind(endorsement_kind_for(user, idea)).label,
        "is_author": is_author(user, idea),
        "can_edit": can_edit_idea(user, idea),
        "can_withdraw": can_withdraw_idea(user, idea),
        # The button only where a decision or a move is possible.
        "can_review": can_review_idea(user, idea) and idea.is_reviewable,
        "can_change_audience": can_change_idea_audience(user, idea),
        "can_comment": can_comment,
        "comment_form": comment_form or (CommentForm() if can_comment else None),
        "what_happens_next": what_happens_next(idea) if is_author(user, idea) else "",
    }
    # The apps above ideas add the idea's pilots and what can be done with them.
    for _receiver, extra in idea_detail_context.send(sender=Idea, idea=idea, user=user):
        context.update(extra)
    return render(request, "ideas/idea_detail.html", context)


@require_safe
def idea_list(request):
    ideas = visible_ideas(request.user).prefetch_related("themes").order_by("-created_at", "-pk")
    return render_page_of(
        request,
        "ideas/idea_list.html",
        ideas,
        per_page=IDEAS_PER_PAGE,
        name="ideas",
        can_create=can_create_idea(request.user),
    )


@login_required
@require_safe
def my_ideas(request):
    ideas = visible_ideas(request.user).filter(author=request.user).order_by("-updated_at", "-pk")
    page_obj = Paginator(ideas, MY_IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"idea": idea, "next": what_happens_next(idea)} for idea in page_obj]
    context = {"page_obj": page_obj, "rows": rows, "can_create": can_create_idea(request.user)}
    return render(request, "ideas/idea_mine.html", context)


@login_required
@require_safe
def review_queue(request):
    membership = membership_of(request.user)
    if not is_a_manager(request.user):
        if membership is None:
            raise PermissionDenied
        raise refused_unless_manager(request.user, membership.council, doing=_("review ideas"))
    reviewable = Idea.objects.visible_to(request.user).reviewable_by(request.user)
    counts = dict(reviewable.order_by().values_list("status").annotate(count=Count("pk")))
    status = request.GET.get("status", "")
    if status not in Idea.Status.values or status == Idea.Status.DRAFT:
        status = ""
    shown = reviewable.filter(status=status) if status else reviewable.awaiting_review()
    shown = shown.select_related("author", "council").order_by("submitted_at", "pk")
    page_obj = Paginator(shown, IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    queue_url = reverse("ideas:review_queue")
    waiting = counts.get(Idea.Status.SUBMITTED, 0) + counts.get(Idea.Status.IN_REVIEW, 0)
    tabs = [
        {
            "label": _("Waiting for a decision"),
            "count": waiting,
            "url": queue_url,
            "current": not status,
        }
    ]
    tabs += [
        {
            "label": choice.label,
            "count": counts.get(choice.value, 0),
            "url": f"{queue_url}?status={choice.value}",
            "current": status == choice.value,
        }
        for choice in Idea.Status
        if choice != Idea.Status.DRAFT
    ]
    council = membership_of(request.user).council
    context = {
        "page_obj": page_obj,
        "ideas": page_obj.object_list,
        "tabs": tabs,
        "status_label": Idea.Status(status).label if status else "",
        "council": council,
        # What else waits for these managers (pilot cards to sign off), from the apps above.
        "sections": [
            section
            for _receiver, section in review_queue_sections.send(
                sender=Idea, user=request.user, council=council
            )
            if section
        ],
    }
    return render(request, "ideas/idea_review_queue.html", context)


@require_safe
def detail(request, pk):
    idea = get_object_or_404(detail_ideas(request.user), pk=pk)
    return render_detail(request, idea)


def saved_message(idea, submitted):
    if submitted:
        return _("Your idea has been submitted. The managers at %(council)s will review it.") % {
            "council": idea.council.short_name
        }
    if idea.status == Idea.Status.DRAFT:
        return _("Your draft has been saved. Only you can see it.")
    return _("Your changes have been saved")


def saving_draft(request):
    """Only "Save as draft" saves a draft; the form shows and checks everything otherwise."""
    return request.method == "POST" and request.POST.get("action") == "draft"


@login_required
def create(request):
    if not can_create_idea(request.user):
        raise PermissionDenied
    submitting = not saving_draft(request)
    form = IdeaForm(
        request.POST or None, submitting=submitting, council=membership_of(request.user).council
    )
    if request.method == "POST" and form.is_valid():
        idea = services.create_idea(form=form, by=request.user, submit=submitting)
        messages.success(request, saved_message(idea, submitted=submitting))
        return redirect(idea)
    context = {"form": form, "page_title": _("Submit an idea"), "offer_draft": True}
    return render(request, "ideas/idea_form.html", context)


@login_required
def edit(request, pk):
    idea = get_idea_if(can_edit_idea, request.user, pk)
    is_draft = idea.status == Idea.Status.DRAFT
    submit = is_draft and request.method == "POST" and not saving_draft(request)
    form = IdeaForm(
        request.POST or None, instance=idea, submitting=not (is_draft and saving_draft(request))
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and made(form, services.update_idea, form=form, by=request.user, submit=submit)
    ):
        messages.success(request, saved_message(idea, submitted=submit))
        return redirect(idea)
    context = {
        "form": form,
        "idea": idea,
        "page_title": _("Edit your draft") if is_draft else _("Edit your idea"),
        "offer_draft": is_draft,
    }
    return render(request, "ideas/idea_form.html", context)


@login_required
def withdraw(request, pk):
    idea = get_idea_if(is_author, request.user, pk)
    form = WithdrawForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and made(form, idea.withdraw, by=request.user, note=form.cleaned_data["note"])
    ):
        messages.success(request, _("You have withdrawn your idea"))
        return redirect(idea)
    context = {"idea": idea, "form": form, "can_withdraw": can_withdraw_idea(request.user, idea)}
    return render(request, "ideas/idea_withdraw.html", context)


@login_required
def review(request, pk):
    idea = get_idea_if(can_review_idea, request.user, pk, managers_do=_("review ideas"))
    decision_form = DecisionForm(
        initial={"audience": idea.requested_visibility}, council=idea.council
    )
    failed_form = None
    if request.method == "POST":
        is_move = request.POST.get("decision") in MoveForm.MOVES
        form = (
            MoveForm(request.POST) if is_move else DecisionForm(request.POST, council=idea.council)
        )
        if form.is_valid() and made(
            form, services.review_idea, idea=idea, by=request.user, **form.cleaned_data
        ):
            messages.success(
                request, _("The idea is now “%(status)s”") % {"status": idea.get_status_display()}
            )
            return redirect(idea)
        failed_form = form
        if not is_move:
            decision_form = form
    context = {
        "idea": idea,
        "decision_form": decision_form,
        "failed_form": failed_form,
        "can_start_review": idea.status == Idea.Status.SUBMITTED,
        "can_return_to_review": idea.status == Idea.Status.PARKED,
        "can_decide": idea.is_decidable,
    }
    return render(request, "ideas/idea_review.html", context)


def made(form, change, /, *, error_field=None, **arguments):
    """Make `change(**arguments)`, or show on `form` why the workflow refused it.

    True if it was made.
    """
    try:
        change(**arguments)
    except TransitionNotAllowed as error:
        form.add_error(error_field, str(error))
        return False
    return True


def change_audience(request, target, *, kind):
    """The "who can see it" page for an idea or a pilot: approve, narrow or widen, or redact."""
    form = AudienceForm(request.POST if request.method == "POST" else None, target=target)
    if (
        request.method == "POST"
        and form.is_valid()
        and made(
            form,
            target.change_audience,
            by=request.user,
            audience=form.cleaned_data["audience"],
            reason=form.cleaned_data["reason"],
            text=form.text(),
        )
    ):
        messages.success(
            request,
            _("Saved. Who can see it: %(audience)s")
            % {"audience": target.get_visibility_display()},
        )
        return redirect(target)
    context = {"target": target, "form": form, "kind": kind}
    return render(request, "ideas/audience_form.html", context)


@login_required
def audience(request, pk):
    """A manager approves, narrows or widens who sees an idea, or redacts its text."""
    idea = get_idea_if(
        can_change_idea_audience, request.user, pk, managers_do=_("change who can see an idea")
    )
    return change_audience(request, idea, kind=_("idea"))


@login_required
@require_POST
def comment(request, pk):
    idea = get_object_or_404(detail_ideas(request.user), pk=pk)
    if not can_comment_on_idea(request.user, idea):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if not form.is_valid():
        return render_detail(request, idea, comment_form=form)
    new_comment = services.add_comment(idea=idea, by=request.user, body=form.cleaned_data["body"])
    messages.success(request, _("Your comment has been added"))
    return redirect(f"{idea.get_absolute_url()}#comment-{new_comment.pk}")


@login_required
def hide_comment(request, pk, comment_pk):
    idea = get_object_or_404(visible_ideas(request.user), pk=pk)
    target = get_object_or_404(idea.comments.select_related("author"), pk=comment_pk)
    if not can_hide_comment(request.user, target):
        raise PermissionDenied
    return hide_comment_page(
        request,
        target,
        writer=writer_label(request.user, target.author, council=idea.council, idea=idea),
        caption=idea.title,
        back_url=idea.get_absolute_url(),
    )


@login_required
@require_POST
def report_comment(request, pk, comment_pk):
    """A reader asks the managers of the idea's council to look at a comment."""
    idea = get_object_or_404(visible_ideas(request.user), pk=pk)
    target = get_object_or_404(idea.comments.select_related("author__membership"), pk=comment_pk)
    return report_comment_page(
        request,
        target,
        report=partial(services.report_comment, target, by=request.user),
        back_url=idea.get_absolute_url(),
        thanks=_(
            "Thank you. We have told the managers at %(council)s. They will check the comment."
        )
        % {"council": idea.council.short_name},
    )


@login_required
@require_POST
def endorse(request, pk):
    idea = get_idea_if(can_endorse_idea, request.user, pk)
    Endorsement.objects.get_or_create(
        idea=idea,
        user=request.user,
        defaults={"kind": endorsement_kind_for(request.user, idea)},
    )
    return redirect(f"{idea.get_absolute_url()}#endorsements")


@login_required
@require_POST
def unendorse(request, pk):
    idea = get_object_or_404(visible_ideas(request.user), pk=pk)
    Endorsement.objects.filter(idea=idea, user=request.user).delete()
    return redirect(f"{idea.get_absolute_url()}#endorsements")
