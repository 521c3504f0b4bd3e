from councils.visibility import membership_of

from .models import Idea


def review_queue(request):
    """What the header needs for ideas: can this person submit, and how many wait for review.

    `review_waiting_count` is None for everyone but managers. `reviewable_by` is
    limited to the manager's own council, all of whose ideas `visible_to` shows
    them, so one COUNT is enough (tests check it agrees with the queue).
    """
    user = getattr(request, "user", None)
    membership = membership_of(user) if user is not None else None
    if membership is None or not membership.is_manager:
        return {"can_submit_ideas": membership is not None, "review_waiting_count": None}
    waiting = Idea.objects.reviewable_by(user).awaiting_review().count()
    return {"can_submit_ideas": True, "review_waiting_count": waiting}
