"""Signals through which the apps above pilots add to its pages (DESIGN.md: lower layers let
upper ones act through signals, never by importing them)."""

from django.dispatch import Signal

# Sent with `pilot`, `user`, `adoptions` (the adoptions `user` may see, with their council
# and outcome) and `hidden_adoptions` (how many more there are) while the pilot page is
# built; each receiver returns a dict of extra template context (the outcomes app adds how
# the pilot went where it was repeated).
pilot_detail_context = Signal()
