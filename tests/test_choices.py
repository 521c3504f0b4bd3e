"""Choice labels read one at a time say what Django's `get_FOO_display()` says."""

import pytest
from django.utils import translation

from ideabank.lib.choices import choice_label
from ideas.models import Idea, Verdict
from outcomes.models import Outcome
from pilots.models import Pilot


@pytest.mark.parametrize("status", Idea.Status.values)
def test_an_idea_status_label_is_its_display(status):
    idea = Idea(status=status)
    assert choice_label(Idea.Status, status) == idea.get_status_display()
    if status != Idea.Status.PILOTED:
        assert idea.status_label == idea.get_status_display()


@pytest.mark.parametrize("status", Pilot.Status.values)
def test_a_pilot_status_label_is_its_display(status):
    pilot = Pilot(status=status)
    assert choice_label(Pilot.Status, status) == pilot.get_status_display()


@pytest.mark.parametrize("verdict", Verdict.values)
def test_an_outcome_verdict_label_is_its_display(verdict):
    outcome = Outcome(verdict=verdict)
    assert outcome.verdict_label == outcome.get_verdict_display()


def test_a_value_that_is_no_choice_is_shown_as_it_is():
    assert choice_label(Verdict, "not-a-verdict") == "not-a-verdict"
    assert choice_label(Verdict, "") == ""
    assert Outcome(verdict="").verdict_label == ""


def test_the_label_is_a_plain_string_in_the_active_language():
    with translation.override("en-gb"):
        label = choice_label(Verdict, Verdict.DID_NOT_WORK)
    assert type(label) is str
    assert label == "It did not work"
