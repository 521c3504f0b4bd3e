"""Every email's subject starts "Idea Bank: " once (ideabank/lib/mail.py), as allauth's do."""

from pathlib import Path

import pytest

from ideabank.lib.mail import render_subject

EMAILS = Path(__file__).resolve().parents[1] / "templates" / "emails"
NAMES = sorted(path.name.removesuffix("_subject.txt") for path in EMAILS.glob("*_subject.txt"))
# The digest's subject is all counts; every other one renders with its values left empty.
CONTEXTS = {
    "digest": [
        {"weekly": True, "digest": {"news_count": 2, "attention_count": 1}},
        {"weekly": False, "digest": {"news_count": 0, "attention_count": 3}},
    ]
}


def test_every_email_template_is_checked():
    assert len(NAMES) > 10
    assert "digest" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_every_email_subject_starts_with_idea_bank_and_names_it_once(name):
    for context in CONTEXTS.get(name, [{}]):
        subject = render_subject(name, context)

        assert subject.startswith("Idea Bank: ")
        assert subject.count("Idea Bank") == 1, subject


def test_the_digest_subject_says_which_digest_it_is_after_the_prefix():
    weekly, daily = (render_subject("digest", context) for context in CONTEXTS["digest"])

    assert weekly == (
        "Idea Bank: Weekly digest: 2 new items from other councils, 1 needs your attention"
    )
    assert daily == "Idea Bank: Daily digest: 3 things at your council need your attention"
