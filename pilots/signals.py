"""Signals pilots sends so that the apps above it can act (DESIGN.md: lower layers let upper
ones act through signals, never by importing them). Each is sent after the transaction
commits, with `sender` the model class of the object named by the keyword."""

from django.dispatch import Signal

# Sent with `pilot` once a lead's request for sign-off commits.
sign_off_requested = Signal()

# Sent with `pilot`, `user`, `adoptions` (the adoptions `user` may see, with their council
# and outcome) and `hidden_adoptions` (how many more there are) while the pilot page is
# built; each receiver returns a dict of extra template context (the notifications app
# adds "Follow this pilot", the outcomes app how it went where it was repeated).
pilot_detail_context = Signal()

# Sent with `user` while the pilot page's query is built; each receiver returns a dict of
# columns ({name: expression on the pilot's row}) for that one query to carry, so an app
# above needs no query of its own (notifications: whether the person follows the pilot).
pilot_page_columns = Signal()

# Conversations and comments on pilots and outcomes (issue #19 "Ask the team"):
# `question_asked(question=)`, `question_answered(reply=)`, `comment_posted(comment=)` and
# `people_mentioned(comment=, people=)`.
question_asked = Signal()
question_answered = Signal()
comment_posted = Signal()
people_mentioned = Signal()

# Sent by the digests with `users` (a queryset of people); each receiver returns
# {user id: ((target, id), …)} with target "idea", "pilot" or "council": what each person
# follows, so their digest includes it (the notifications app keeps who follows what).
followed_by = Signal()
