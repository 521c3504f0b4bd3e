"""Deep pages, the most adopted order and searches past their bound make as few queries as
page 1, with 10 rows and with 10,000 (issue 15)."""

import pytest
from django.urls import reverse

from .test_queries_at_scale import MAX_LIST_QUERIES, seed

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("privileged_people_have_mfa")]

EXPERIMENTS = reverse("explore:experiments")
IDEAS = reverse("explore:ideas")
LIST_PAGES = [
    EXPERIMENTS + "?sort=adopted",
    EXPERIMENTS + "?sort=adopted&page=40",
    EXPERIMENTS + "?sort=newest&page=200",
    EXPERIMENTS + "?sort=updated&page=50",
    EXPERIMENTS + "?q=council&sort=adopted&page=3",
    IDEAS + "?sort=updated&page=200",
    IDEAS + "?q=council&page=40",
    IDEAS + "?q=council+tax&sort=newest",
]


@pytest.mark.parametrize("person", ["visitor", "alice"])
def test_deep_and_bounded_list_pages_make_as_few_queries_with_10_or_10000_ideas(
    client_for, alice, dan, settings, django_assert_max_num_queries, person
):
    settings.EXPLORE_SECTION_SECONDS = 0  # every request filters, counts and renders
    client = client_for({"visitor": None, "alice": alice}[person])
    client.get(reverse("home"))  # a session's once-a-minute write happens here
    for ideas, pilots in ((10, 10), (9_990, 1_000)):
        seed(ideas, pilots)
        for url in LIST_PAGES:
            with django_assert_max_num_queries(MAX_LIST_QUERIES):
                assert client.get(url).status_code == 200
