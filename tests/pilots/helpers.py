"""Small checks shared by the pilots and outcomes tests."""

import datetime

from django.forms.models import model_to_dict
from django.utils import timezone

from councils.models import Visibility
from pilots.models import CARD_FIELDS

# Who can see something owned by Barnet (DESIGN.md "Visibility").
BARNET = {"alice", "amir", "bob", "erin"}
PARTNERS = BARNET | {"carol", "brent_manager"}
ANY_COUNCIL = PARTNERS | {"dan"}
EVERYONE = ANY_COUNCIL | {"nina", "platform_admin", "visitor"}
SEES_BARNET = {
    Visibility.COUNCIL: BARNET,
    Visibility.PARTNERS: PARTNERS,
    Visibility.COUNCILS: ANY_COUNCIL,
    Visibility.PUBLIC: EVERYONE,
}
PEOPLE = sorted(EVERYONE)


def seen_by(visibility, status):
    """Who sees a Barnet pilot: its council alone until sign-off, no one once discarded."""
    if status == "discarded":
        return set()
    if status == "planned":
        return BARNET
    return SEES_BARNET[visibility]


# The lead (alice) and the managers of Barnet (bob, erin).
LEAD_OR_MANAGER = {"alice", "bob", "erin"}
MANAGERS = {"bob", "erin"}


def has_error_summary(response):
    return 'class="govuk-error-summary"' in response.content.decode()


def expected_codes(visibility, allowed, *, ok=200, login_first=True):
    """What each person should get from a Barnet page: `allowed` may act once they can see it.

    `visibility` is a level, or (level, pilot status) for a pilot's page.

    Invisible is 404, visible but not allowed is 403, and visitors are sent to
    sign in first on pages that change something.
    """
    seen = seen_by(*visibility) if isinstance(visibility, tuple) else SEES_BARNET[visibility]
    codes = {}
    for name in PEOPLE:
        if name == "visitor" and login_first:
            codes[name] = 302
        elif name not in seen:
            codes[name] = 404
        else:
            codes[name] = ok if name in allowed else 403
    return codes


def answers(clients, url, method="get"):
    return {name: getattr(clients[name], method)(url).status_code for name in PEOPLE}


def new_card_post(title, lead, **changes):
    """A complete card for a new pilot, as the form page posts it, with `changes` on top."""
    today = timezone.localdate()
    data = {
        "title": title,
        "summary": "Texts before bin day.",
        "hypothesis": "We believe texts cut missed bins.",
        "success_measure": "Missed bins a month.",
        "baseline": "14 per 1,000.",
        "amplify_signals": "",
        "stop_criteria": "Ten complaints in a week.",
        "start_date": today.isoformat(),
        "end_date": (today + datetime.timedelta(days=30)).isoformat(),
        "budget_cap": "500",
        "max_exposure": "One ward.",
        "rollback_plan": "Stop the texts.",
        "lead": lead,
        "team": "Waste",
    }
    return {**data, **changes}


def card_as_posted(pilot, **changes):
    """`pilot`'s card as its edit form posts it back, with `changes` on top."""
    fields = [field for field in CARD_FIELDS if field != "themes"]
    data = {k: "" if v is None else v for k, v in model_to_dict(pilot, fields=fields).items()}
    data["start_date"] = pilot.start_date.isoformat()
    data["end_date"] = pilot.end_date.isoformat()
    return {**data, **changes}
