"""The security log calls two-step verification by the name the rest of Idea Bank uses."""

import pytest

from audit.models import AuditEvent

OTHER_NAMES = ["two-factor", "Two-factor", "TOTP", "multi-factor"]


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        (AuditEvent.Kind.MFA_FAILED, "Two-step verification code rejected"),
        (AuditEvent.Kind.MFA_ADDED, "Two-step verification set up"),
        (AuditEvent.Kind.MFA_REMOVED, "Two-step verification turned off"),
    ],
)
def test_two_step_verification_events_are_named_as_on_the_account_pages(kind, label):
    assert kind.label == label
    for name in OTHER_NAMES:
        assert name not in str(kind.label)
