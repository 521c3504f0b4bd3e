"""Signals through which the apps above ideas add to its pages (DESIGN.md: lower layers let
upper ones act through signals, never by importing them)."""

from django.dispatch import Signal

# Sent with `idea` and `user` while the idea page is built; each receiver returns a dict of
# extra template context (the pilots app adds the idea's pilots and "Start a pilot").
idea_detail_context = Signal()

# Sent with `user` while the idea page's query is built; each receiver returns a dict of
# columns ({name: expression on the idea's row}) for that one query to carry, so an app
# above needs no query of its own (notifications: whether the person follows the idea).
idea_page_columns = Signal()

# Sent with `user` (a manager) and `council` while the review queue is built; each receiver
# returns a section, {"title", "rows", "empty"}, or None (the pilots app adds the cards
# waiting for sign-off).
review_queue_sections = Signal()
