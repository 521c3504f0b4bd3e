import factory

from councils.models import Visibility
from ideas.models import Comment, Endorsement, Idea, Theme, Verdict

from ..factories import UserFactory, many_to_many

# What a person fills in for a complete idea, as the form posts it.
FULL_IDEA = {
    "title": "Text reminders for bin days",
    "problem": "People forget which day their bins go out.",
    "proposal": "Send a text the evening before.",
    "expected_benefit": "Fewer missed collections.",
    "who_benefits": "Residents",
    "cost_band": Idea.CostBand.UNDER_10K,
    "requested_visibility": Visibility.PARTNERS,
    "name_display": Idea.NameDisplay.EVERYONE,
}


class IdeaFactory(factory.django.DjangoModelFactory):
    """A draft by default; use `submitted_idea` or the workflow verbs to move it on."""

    class Meta:
        model = Idea
        skip_postgeneration_save = True

    author = factory.SubFactory(UserFactory)
    council = factory.LazyAttribute(lambda o: o.author.membership.council)
    title = factory.Sequence(lambda n: f"Idea number {n}")
    problem = "Residents miss bin collections because they forget the day."
    proposal = "Send a text message the evening before each collection."
    expected_benefit = "Fewer missed bins and fewer calls."
    who_benefits = "Residents and the waste team"
    # The audience a manager approved; unless a test says otherwise, as the author asked.
    visibility = Visibility.PARTNERS
    requested_visibility = factory.LazyAttribute(lambda o: o.visibility)
    name_display = Idea.NameDisplay.EVERYONE

    themes = many_to_many("themes")


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    idea = factory.SubFactory(IdeaFactory)
    author = factory.SubFactory(UserFactory)
    body = "We tried something like this in our borough."


class EndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endorsement

    idea = factory.SubFactory(IdeaFactory)
    user = factory.SubFactory(UserFactory)
    kind = Endorsement.Kind.SUPPORT


def theme(name):
    return Theme.objects.get(name=name)


def idea_in_status(status, *, author, reviewer, **kwargs):
    """An idea taken to `status` through the real workflow, so it has its events."""
    return take_to_status(IdeaFactory(author=author, **kwargs), status, reviewer=reviewer)


def take_to_status(idea, status, *, reviewer, feedback=None):
    """A draft `idea` taken to `status` through the real workflow; decided with `feedback`."""
    author = idea.author
    S = Idea.Status
    if status == S.DRAFT:
        return idea
    idea.submit(by=author)
    if status == S.SUBMITTED:
        return idea
    if status == S.WITHDRAWN:
        idea.withdraw(by=author, note="No longer needed.")
        return idea
    idea.start_review(by=reviewer)
    if status == S.IN_REVIEW:
        return idea
    decided = S.ACCEPTED if status in {S.PILOTING, S.PILOTED} else status
    decide = {S.ACCEPTED: idea.accept, S.DECLINED: idea.decline, S.PARKED: idea.park}[decided]
    # The manager approves the audience the idea was made with (for a declined idea: where
    # they chose to share the lesson).
    feedback = feedback or f"Feedback on {decided}: secret-{decided}-feedback"
    decide(by=reviewer, feedback=feedback, audience=idea.visibility)
    if status in {S.PILOTING, S.PILOTED}:
        idea.start_piloting(by=reviewer)
    if status == S.PILOTED:
        idea.finish_piloting(by=reviewer, verdict=Verdict.DID_NOT_WORK)
    return idea


def talked_about(idea, *, by):
    """The author's offer to talk about `idea` and another person's interest, as comments."""
    CommentFactory(idea=idea, author=idea.author, body="Happy to talk to anyone about this.")
    CommentFactory(idea=idea, author=by, body="We would like to try it.")
