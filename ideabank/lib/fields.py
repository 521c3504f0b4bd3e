"""Model fields that several apps declare the same way."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models


def person_field(verbose_name=None):
    """Who did something (decided, hid, reported…): optional, emptied if their account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


def money_field(verbose_name, **options):
    """An amount in pounds and pence, never negative (the forms' MoneyField reads it)."""
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        **options,
    )
