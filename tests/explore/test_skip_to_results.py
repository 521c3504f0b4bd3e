"""On a phone the results come after every filter: each list offers a plain link past them."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("privileged_people_have_mfa")

SKIP = '<a class="govuk-link" href="#results">Skip to results</a>'


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("explore:experiments", ()),
        ("explore:ideas", ()),
        ("explore:did_not_work", ()),
        ("explore:council", ("barnet",)),
        ("explore:partnership", ("west-london-alliance",)),
    ],
)
def test_each_list_links_past_its_filters_to_its_results_heading(client, world, name, args):
    html = client.get(reverse(name, args=args)).content.decode()

    assert html.count(SKIP) == 1
    assert html.index(SKIP) < html.index('role="search"')  # before the filters
    heading = 'class="govuk-heading-m govuk-skip-link-focused-element" id="results" tabindex="-1"'
    assert f"<h2 {heading}>" in html
