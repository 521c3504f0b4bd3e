import contextlib

import pytest
from django.db import transaction

from ideas.models import Idea

from .factories import idea_in_status


@pytest.fixture
def cast(alice, bob, carol, dan, nina):
    """The grid's people, by name; the visitor is None."""
    return {"alice": alice, "bob": bob, "carol": carol, "dan": dan, "nina": nina, "visitor": None}


@pytest.fixture
def make_idea(alice, bob):
    """An idea by alice (unless told otherwise), taken to a status through the workflow."""

    def make(status=Idea.Status.SUBMITTED, *, author=None, reviewer=None, **kwargs):
        return idea_in_status(status, author=author or alice, reviewer=reviewer or bob, **kwargs)

    return make


@pytest.fixture
def rolled_back(django_capture_on_commit_callbacks):
    """A block run in a transaction that fails before it commits; gives its on-commit callbacks."""

    @contextlib.contextmanager
    def block():
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            yield callbacks
            raise RuntimeError("the database went away before commit")

    return block
