"""Who may do what to an idea. Seeing is decided by `Idea.objects.visible_to`;
these predicates assume the idea is already visible to the user."""

from django.utils.translation import gettext as _

from councils.permissions import is_manager_of, is_member_of
from councils.visibility import membership_of

from .models import Endorsement, Idea


def is_author(user, idea):
    return user.is_authenticated and idea.author_id == user.pk


def can_create_idea(user):
    return membership_of(user) is not None


def can_edit_idea(user, idea):
    return is_author(user, idea) and idea.is_editable


def can_withdraw_idea(user, idea):
    return is_author(user, idea) and idea.status in {
        Idea.Status.SUBMITTED,
        Idea.Status.IN_REVIEW,
        Idea.Status.PARKED,
    }


def can_review_idea(user, idea):
    """Only managers of the idea's own council review it (authors included, if managers)."""
    return is_manager_of(user, idea.council_id) and idea.status != Idea.Status.DRAFT


def can_change_idea_audience(user, idea):
    """Managers of the idea's council approve, narrow or widen its audience and redact it."""
    return is_manager_of(user, idea.council_id) and idea.status != Idea.Status.DRAFT


def can_comment_on_idea(user, idea):
    return user.is_authenticated and idea.status != Idea.Status.DRAFT


def can_endorse_idea(user, idea):
    return (
        membership_of(user) is not None
        and not is_author(user, idea)
        and idea.status != Idea.Status.DRAFT
    )


def can_hide_comment(user, comment):
    return is_author(user, comment.idea) or is_manager_of(user, comment.idea.council_id)


def can_report(user, text):
    """Anyone who can read a comment or message may report someone else's, once, while
    it shows."""
    return (
        user.is_authenticated
        and text.author_id != user.pk
        and not text.is_hidden
        and text.reported_at is None
    )


def can_read_private_feedback(user, idea):
    return is_author(user, idea) or is_manager_of(user, idea.council_id)


def endorsement_kind_for(user, idea):
    """Colleagues support an idea; other councils say they would try it."""
    if is_member_of(user, idea.council_id):
        return Endorsement.Kind.SUPPORT
    return Endorsement.Kind.WOULD_TRY


def can_see_author_name(user, idea):
    """An author may show their name to their own council only (DESIGN.md)."""
    return idea.name_display == Idea.NameDisplay.EVERYONE or is_member_of(user, idea.council_id)


def person_label(user, person, *, council, idea=None):
    """Someone named on an idea or pilot of `council`, as `user` may know them: the one
    name-privacy rule of every page, email and feed.

    The idea's author keeps the choice they made on it (`author_label`). Anyone else is
    named to their own council, and elsewhere is "a manager at" or "a member of staff at"
    the council.
    """
    if person is None:
        return _("someone who no longer uses Idea Bank")
    if idea is not None and person.pk == idea.author_id:
        return author_label(user, idea)
    if person.is_closed or is_member_of(user, council.pk):
        return person.display_name
    if is_manager_of(person, council.pk):
        return _("a manager at %(council)s") % {"council": council.short_name}
    return _("a member of staff at %(council)s") % {"council": council.short_name}


def writer_label(user, writer, *, council, idea=None):
    """Someone who wrote on an idea or pilot (a comment, a question, a reply), named as
    `person_label` names them for their own council (`council` once they have none)."""
    membership = membership_of(writer) if writer is not None else None
    own = membership.council if membership is not None else council
    return person_label(user, writer, council=own, idea=idea)


def author_label(user, idea):
    """The author's name, or "a member of staff at <council>" where they chose to hide it,
    or "a former member of staff at <council>" once they closed their account."""
    council = idea.council.short_name
    if idea.author.is_closed:
        return _("a former member of staff at %(council)s") % {"council": council}
    if can_see_author_name(user, idea):
        return idea.author.display_name
    return _("a member of staff at %(council)s") % {"council": council}
