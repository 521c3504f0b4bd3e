"""Signals outcomes sends so that the apps above it can act, each after the transaction
commits, with `sender` the model class of the object named by the keyword."""

from django.dispatch import Signal

# Sent with `outcome` once its publication commits.
outcome_published = Signal()
