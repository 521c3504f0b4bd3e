"""Fields with a length limit: GOV.UK's character count, and an error, never a silent cut."""

import re

from django.urls import reverse

from ideas.models import Idea


def form_group(html, name):
    """The form group around the field called `name`."""
    start = html.rindex('<div class="govuk-form-group', 0, html.index(f'name="{name}"'))
    return html[start : html.index("</div>\n", html.index(f'name="{name}"')) + 6]


def test_a_textarea_with_a_limit_uses_the_govuk_character_count(client_for, alice):
    html = client_for(alice).get(reverse("ideas:create")).content.decode()
    group = form_group(html, "problem")
    assert 'data-module="govuk-character-count"' in group
    assert 'data-maxlength="5000"' in group
    assert "govuk-js-character-count" in group
    assert 'aria-describedby="id_problem_helptext id_problem-info"' in group or (
        'aria-describedby="id_problem-info"' in group
    )
    assert 'id="id_problem-info" class="govuk-hint govuk-character-count__message"' in group
    assert "You can enter up to 5,000 characters" in group


def test_no_field_lets_the_browser_cut_a_paste_short(client_for, alice, nina):
    pages = [
        (client_for(alice), reverse("ideas:create")),
        (client_for(nina), reverse("join:request")),
        (client_for(alice), reverse("explore:ideas")),
    ]
    for client, url in pages:
        html = client.get(url).content.decode()
        assert not re.search(r"<(input|textarea)[^>]*maxlength", html), url


def test_a_too_long_title_is_an_error_that_keeps_what_was_typed(client_for, alice):
    title = "A" * 151
    response = client_for(alice).post(
        reverse("ideas:create"),
        {
            "title": title,
            "action": "draft",
            "cost_band": "none",
            "visibility": "partners",
            "name_display": "everyone",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Title must be 150 characters or fewer" in html
    assert 'href="#id_title"' in html
    assert f'value="{title}"' in html
    assert not Idea.objects.exists()


def test_a_too_long_request_message_is_an_error_not_a_cut(client_for, nina, barnet):
    message = "word " * 401
    response = client_for(nina).post(
        reverse("join:request"), {"council": barnet.pk, "message": message}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your message must be 2,000 characters or fewer" in html
    assert 'data-maxlength="2000"' in html


def test_a_field_without_its_own_message_gets_a_plain_english_one(client_for, alice):
    response = client_for(alice).post(
        reverse("accounts:profile"), {"full_name": "B" * 151, "job_title": ""}
    )
    html = response.content.decode()
    assert "Shorten this to 150 characters or fewer. You entered 151." in html
    assert "Ensure this value" not in html
    assert 'href="#id_full_name"' in html
