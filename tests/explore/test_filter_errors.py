"""A filter value the lists cannot use is named in a GOV.UK error, never silently dropped or
turned into an option."""

import pytest
from django.urls import reverse

from ideas.models import Theme

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

EXPERIMENTS = reverse("explore:experiments")
IDEAS = reverse("explore:ideas")


def facet_options(response, name):
    return dict(response.context["form"].fields[name].widget.choices[1:])


@pytest.mark.parametrize("url", [EXPERIMENTS, IDEAS])
def test_a_theme_that_does_not_exist_is_an_error_not_a_new_option(client_for, dan, world, url):
    response = client_for(dan).get(url, {"theme": "abc"})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_theme">Select a theme from the list</a>' in html
    assert "abc" not in facet_options(response, "theme")
    assert response.context["page_obj"].paginator.count > 0  # ignored, as a bad status is


def test_a_real_theme_with_nothing_in_it_is_kept_without_an_error(client_for, dan, world):
    Theme.objects.create(slug="housing", name="Housing")

    response = client_for(dan).get(EXPERIMENTS, {"theme": "housing"})

    assert "Select a theme from the list" not in response.content.decode()
    assert "housing" in facet_options(response, "theme")
    assert response.context["page_obj"].paginator.count == 0


@pytest.mark.parametrize("url", [EXPERIMENTS, IDEAS, reverse("explore:did_not_work")])
def test_a_to_date_before_the_from_date_is_an_error(client_for, dan, world, url):
    response = client_for(dan).get(url, {"added_from": "1 1 2030", "added_to": "1 1 2020"})

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<a href="#id_added_to">Added on or before must be the same as or after 1 January 2030</a>'
        in html
    )
    assert html.count("Added on or before must be the same as or after") == 2  # summary, field


def test_a_range_of_one_day_is_not_an_error(client_for, dan, world):
    response = client_for(dan).get(EXPERIMENTS, {"added_from": "1 1 2026", "added_to": "1 1 2026"})

    assert "must be the same as or after" not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"theme": "x" * 101},
        {"theme": "a\x00b"},
        {"theme": ["abc", "waste-and-recycling"]},
        {"added_from": "2030-01-01", "added_to": "31 2 2020"},
        {"added_from": "nonsense", "added_to": "1 1 2020"},
    ],
)
def test_odd_theme_and_date_values_are_never_a_server_error(client_for, dan, world, query):
    assert client_for(dan).get(EXPERIMENTS, query).status_code in {200, 400}
