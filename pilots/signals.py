"""Signals the pilots app sends after commit, with `sender=<model class>`, so that other
parts (notifications, follows) can act on them without the pilots app knowing them."""

from django.dispatch import Signal

question_asked = Signal()  # question=: a new Question about a pilot
question_answered = Signal()  # reply=: a Message from the pilot's team in a conversation
comment_posted = Signal()  # comment=: a new PilotComment or OutcomeComment
people_mentioned = Signal()  # comment=, people=: colleagues named with @ in a comment
