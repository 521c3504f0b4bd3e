"""The outcome form is blameless by design."""

import re

import pytest

from outcomes.forms import OutcomeForm
from outcomes.models import Outcome

pytestmark = pytest.mark.django_db


def test_the_form_has_no_field_for_who_was_at_fault():
    fields = set(OutcomeForm(ending="stopped_early").fields)

    assert fields == {
        "verdict",
        "stop_reason",
        "expected_result",
        "measured_result",
        "learned",
        "do_differently",
        "recommend",
        "evidence_level",
        "actual_cost",
        "yearly_saving",
        "cashable_saving",
        "cost_avoided",
        "saving_basis",
        "people_reached",
    }
    assert not any(re.search(r"fault|blame|responsib|who", name) for name in fields)


def test_the_guidance_asks_about_conditions_systems_and_assumptions():
    form = OutcomeForm(ending="completed")
    guidance = " ".join(str(field.help_text) for field in form.fields.values()).lower()

    for word in ["conditions", "systems", "assumptions"]:
        assert word in guidance
    assert "fault" not in guidance
    assert "blame" not in guidance


def test_every_evidence_level_is_explained_on_the_form():
    html = str(OutcomeForm(ending="completed")["evidence_level"].as_field_group())

    for level in Outcome.EvidenceLevel:
        assert str(level.label) in html
        assert f'id="id_evidence_level_{level.value - 1}-hint"' in html
        assert f'aria-describedby="id_evidence_level_{level.value - 1}-hint"' in html
    assert "Nesta Standards of Evidence" in html


def test_radios_offer_no_empty_choice():
    form = OutcomeForm(ending="completed")

    for name in ["verdict", "recommend", "evidence_level"]:
        assert "" not in [value for value, _ in form.fields[name].choices]
