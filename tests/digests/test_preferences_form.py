"""The digest settings form: GOV.UK messages for each field, and what happens next."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest

from digests.models import DigestPreference, Frequency
from digests.views import next_digest_in_words
from ideas.models import Theme

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

PAGE = "/digests/preferences/"
LONDON = ZoneInfo("Europe/London")


def summary_of(html):
    """The error summary's messages, each with the id it links to."""
    summary = html[html.index("govuk-error-summary__list") :]
    summary = summary[: summary.index("</ul>")]
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)


@pytest.mark.parametrize(
    ("post", "field", "message"),
    [
        ({"scope": "all"}, "frequency", "Select how often you want a digest"),
        (
            {"frequency": "hourly", "scope": "all"},
            "frequency",
            "Select how often you want a digest",
        ),
        ({"frequency": "daily"}, "scope", "Select which councils your digest should cover"),
        (
            {"frequency": "daily", "scope": "nowhere"},
            "scope",
            "Select which councils your digest should cover",
        ),
        (
            {"frequency": "daily", "scope": "all", "themes": ["999999"]},
            "themes",
            "Select themes from the list, or none to hear about every theme",
        ),
    ],
)
def test_a_crafted_post_gets_a_gov_uk_message_for_its_field(
    client_for, carol, post, field, message
):
    response = client_for(carol).post(PAGE, post)

    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." not in html
    assert "Select a valid choice" not in html
    assert "There is a problem" in html
    assert response.context["form"].errors[field] == [message]
    ((link, text),) = summary_of(html)
    assert text == message and field in link
    assert f'id="{link}"' in html
    assert html.count(message) == 2  # the summary and the field
    assert DigestPreference.objects.filter(user=carol).get().frequency == Frequency.WEEKLY


def test_the_form_keeps_every_answer_when_it_comes_back_with_an_error(client_for, carol):
    chosen = list(Theme.objects.order_by("pk")[:2])
    post = {"scope": "all", "themes": [str(theme.pk) for theme in chosen]}

    html = client_for(carol).post(PAGE, post).content.decode()

    flat = " ".join(html.split())
    assert re.search(r'value="all"[^>]* checked', flat)
    for theme in chosen:
        assert re.search(rf'value="{theme.pk}"[^>]* checked', flat)


def at(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("frequency", "now", "words"),
    [
        # Tuesday 8 December 2026; beat starts the runs at 07:00, London time.
        (Frequency.DAILY, at(2026, 12, 8, 10, 0), "come tomorrow at 7am"),
        (Frequency.DAILY, at(2026, 12, 8, 6, 59), "come today at 7am"),
        (Frequency.WEEKLY, at(2026, 12, 8, 10, 0), "come on Monday 14 December at 7am"),
        (Frequency.WEEKLY, at(2026, 12, 14, 6, 0), "come today at 7am"),
        (Frequency.WEEKLY, at(2026, 12, 14, 7, 0), "come on Monday 21 December at 7am"),
        (Frequency.WEEKLY, at(2026, 12, 13, 20, 0), "come tomorrow at 7am"),
    ],
)
def test_the_next_digest_is_named_from_the_beat_schedule(frequency, now, words):
    said = next_digest_in_words(frequency, now)
    assert words in said
    assert said.endswith("if there is something new for you.")


def test_with_digests_off_no_next_digest_is_promised():
    said = next_digest_in_words(Frequency.OFF, at(2026, 12, 8, 10, 0))
    assert said == "You will not get digests. You can turn them on again on this page."


@pytest.mark.parametrize(
    ("frequency", "words"),
    [
        ("daily", "Your next digest will come"),
        ("weekly", "Your next digest will come"),
        ("off", "You will not get digests."),
    ],
)
def test_saving_says_when_the_next_digest_comes(client_for, carol, frequency, words):
    response = client_for(carol).post(PAGE, {"frequency": frequency, "scope": "all"}, follow=True)

    html = response.content.decode()
    assert "Your digest settings have been saved." in html
    assert words in html
