import datetime

import pytest
from django.urls import reverse

from councils.models import Council

from ..factories import CouncilFactory, PartnershipFactory, council
from ..html import outline

pytestmark = pytest.mark.django_db

LIST_URL = reverse("councils:list")
YORKSHIRE = "Yorkshire and The Humber"


def council_names(response):
    return {council.short_name for council in response.context["page_obj"]}


@pytest.fixture
def hartlepool(db):
    unitary = {"region": "North East", "authority_type": Council.AuthorityType.UNITARY}
    return council("HPL", "Hartlepool", "Hartlepool Borough Council", "E06000001", **unitary)


@pytest.fixture
def cardiff(db):
    wales = {"nation": Council.Nation.WALES, "region": "Wales"}
    unitary = {"authority_type": Council.AuthorityType.WELSH_UNITARY}
    return council("CRF", "Cardiff", "Cardiff Council", "W06000015", **wales, **unitary)


@pytest.fixture
def north_yorkshire(db):
    unitary = {"region": YORKSHIRE, "authority_type": Council.AuthorityType.UNITARY}
    names = ("NYE", "North Yorkshire", "North Yorkshire Council", "E06000065")
    return council(*names, **unitary, population=620610)


@pytest.fixture
def craven(north_yorkshire):
    """A district abolished when North Yorkshire became one council."""
    district = {
        "region": YORKSHIRE,
        "authority_type": Council.AuthorityType.NON_METROPOLITAN_DISTRICT,
    }
    abolished = {"active": False, "end_date": datetime.date(2023, 4, 1), "replaced_by": "NYE"}
    names = ("CRA", "Craven", "Craven District Council", "E07000163")
    return council(*names, **district, **abolished, parent_county="NYK")


@pytest.fixture
def councils(barnet, brent, leeds, hartlepool, cardiff, craven):
    return [barnet, brent, leeds, hartlepool, cardiff, craven]


# The councils list


def test_the_list_shows_current_councils_only_by_default(client, councils):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    names = council_names(response)
    assert {"Barnet", "Brent", "Leeds", "Hartlepool", "Cardiff", "North Yorkshire"} == names


def test_the_list_shows_former_councils_when_asked(client, councils):
    response = client.get(LIST_URL, {"include_former": "on"})

    assert "Craven" in council_names(response)
    assert "Former council" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param({"q": "barn"}, {"Barnet"}, id="searching by name finds only matching"),
        pytest.param({"q": "borough of br"}, {"Brent"}, id="searching matches the official name"),
        pytest.param({"q": "e08000035"}, {"Leeds"}, id="searching by gss code finds the council"),
        pytest.param({"nation": "Wales"}, {"Cardiff"}, id="filtering by nation"),
        pytest.param({"region": "London"}, {"Barnet", "Brent"}, id="filtering by region"),
        pytest.param(
            {"authority_type": "UA"}, {"Hartlepool", "North Yorkshire"}, id="filtering by type"
        ),
        pytest.param(
            {
                "region": "Yorkshire and The Humber",
                "authority_type": "NMD",
                "include_former": "on",
            },
            {"Craven"},
            id="filters combine",
        ),
    ],
)
def test_searching_and_filtering_show_only_the_matching_councils(
    client, councils, query, expected
):
    response = client.get(LIST_URL, query)

    assert council_names(response) == expected


def test_the_region_filter_offers_the_regions_in_the_data(client, councils):
    response = client.get(LIST_URL)

    choices = [value for value, label in response.context["form"].fields["region"].choices]
    assert choices == ["", "London", "North East", "Wales", "Yorkshire and The Humber"]


def test_the_list_shows_50_councils_a_page(client, db):
    CouncilFactory.create_batch(60)

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})

    assert len(first.context["page_obj"]) == 50
    assert len(second.context["page_obj"]) == 10
    assert "?page=2" in first.content.decode()


def test_an_unknown_nation_shows_an_error_and_is_ignored(client, councils):
    response = client.get(LIST_URL, {"nation": "Mars", "q": "barn"})

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert council_names(response) == {"Barnet"}


@pytest.mark.parametrize(
    "query",
    [
        "page=999999",
        "page=abc",
        "page=0",
        "page=-1",
        "page=99999999999999999999999999",
        "nation=Mars",
        "region=Atlantis",
        "authority_type=PARISH",
        "include_former=maybe",
        "q=%00",
        "q=" + "x" * 500,
        "nation=England&nation=Wales",
        "nation[]=England",
        "q=%F0%9F%92%A9",
    ],
)
def test_a_bad_query_string_never_breaks_the_list(client, councils, query):
    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code in {200, 400}


def test_the_list_has_one_heading_and_labels_every_input(client, councils):
    page = outline(client.get(LIST_URL, {"nation": "Mars"}))

    assert page.h1_count == 1
    assert page.input_ids
    assert all(input_id in page.label_targets for input_id in page.input_ids)


def test_the_list_makes_the_same_queries_however_many_councils(
    client, councils, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        client.get(LIST_URL)
    CouncilFactory.create_batch(80)
    with django_assert_max_num_queries(3):
        client.get(LIST_URL, {"page": 2})


# A council's page


def test_the_council_page_shows_its_details_and_partnerships(client, barnet, west_london_alliance):
    response = client.get(barnet.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "London Borough of Barnet" in html
    assert "E09000003" in html
    assert "London borough" in html
    assert west_london_alliance.get_absolute_url() in html


def test_the_council_page_does_not_show_its_email_domains(client, barnet, alice):
    response = client.get(barnet.get_absolute_url())

    assert "barnet.gov.uk" not in response.content.decode()


def test_the_council_page_shows_the_population(client, north_yorkshire):
    response = client.get(north_yorkshire.get_absolute_url())

    assert "620,610" in response.content.decode()


def test_a_former_councils_page_says_it_was_abolished_and_what_replaced_it(
    client, craven, north_yorkshire
):
    response = client.get(craven.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "abolished on 1 April 2023" in html
    assert north_yorkshire.get_absolute_url() in html
    # The old county is not in the database, so its code is shown as text.
    assert "NYK" in html


def test_an_unknown_council_is_not_found(client, db):
    response = client.get(reverse("explore:council", kwargs={"slug": "atlantis"}))

    assert response.status_code == 404


def test_the_council_page_makes_the_same_queries_however_many_partnerships(
    client, barnet, brent, craven, django_assert_max_num_queries
):
    # Three for the council, four for its experiments (explore) and the pilots awaiting an outcome.
    PartnershipFactory(councils=[barnet, brent])
    with django_assert_max_num_queries(7):
        client.get(barnet.get_absolute_url())
    PartnershipFactory.create_batch(5, councils=[barnet])
    with django_assert_max_num_queries(7):
        client.get(barnet.get_absolute_url())
    with django_assert_max_num_queries(7):
        client.get(craven.get_absolute_url())


# Partnerships


def test_the_partnerships_list_shows_each_partnership_and_its_size(client, west_london_alliance):
    response = client.get(reverse("councils:partnerships"))

    html = response.content.decode()
    assert response.status_code == 200
    assert west_london_alliance.get_absolute_url() in html
    assert list(response.context["partnerships"])[0].council_count == 2


def test_the_partnership_page_lists_its_member_councils(
    client, west_london_alliance, barnet, brent, leeds
):
    response = client.get(west_london_alliance.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert barnet.get_absolute_url() in html
    assert brent.get_absolute_url() in html
    assert leeds.get_absolute_url() not in html


def test_an_unknown_partnership_is_not_found(client, db):
    response = client.get(reverse("explore:partnership", kwargs={"slug": "nowhere"}))

    assert response.status_code == 404


def test_the_partnership_pages_make_the_same_queries_however_many_members(
    client, db, django_assert_max_num_queries
):
    small = PartnershipFactory(councils=CouncilFactory.create_batch(2))
    large = PartnershipFactory(councils=CouncilFactory.create_batch(30))
    # Two for the partnership, four for its experiments (explore) and the late pilots.
    for partnership in (small, large):
        with django_assert_max_num_queries(6):
            client.get(partnership.get_absolute_url())
    with django_assert_max_num_queries(1):
        client.get(reverse("councils:partnerships"))


def test_council_pages_are_read_only(client, barnet, west_london_alliance):
    urls = [
        LIST_URL,
        barnet.get_absolute_url(),
        reverse("councils:partnerships"),
        west_london_alliance.get_absolute_url(),
    ]

    assert all(client.post(url).status_code == 405 for url in urls)


# The home page and the static pages


@pytest.mark.parametrize(
    "name",
    ["home", "pages:credits", "pages:cookies", "pages:privacy", "pages:accessibility"],
)
def test_every_static_page_renders_with_one_heading(client, db, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert outline(response).h1_count == 1


@pytest.mark.parametrize(
    "name",
    ["councils:list", "councils:partnerships"],
)
def test_every_list_page_has_one_heading(client, db, name):
    assert outline(client.get(reverse(name))).h1_count == 1


def test_the_council_and_partnership_pages_have_one_heading(
    client, barnet, craven, west_london_alliance
):
    for url in (
        barnet.get_absolute_url(),
        craven.get_absolute_url(),
        west_london_alliance.get_absolute_url(),
    ):
        assert outline(client.get(url)).h1_count == 1


# What each static page must say, by the test's sentence.
STATIC_PAGE_TEXTS = {
    "the credits page credits mysociety and gov uk frontend": (
        "pages:credits",
        "Contains data from mySociety's UK Local Authority Names and Codes, CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        "GOV.UK Frontend",
        "MIT licence",
    ),
    "the cookies page lists only essential cookies": (
        "pages:cookies",
        "sessionid",
        "csrftoken",
        "We do not use Google Analytics",
    ),
    "the accessibility statement gives status enforcement and review date": (
        "pages:accessibility",
        "partially compliant",
        "2.2",
        "Equality and Human Rights Commission",
        "Equality Commission for Northern Ireland",
        "last reviewed on 7 December 2026",
    ),
    "the privacy notice points to the councils data protection officer": (
        "pages:privacy",
        "data protection officer",
    ),
}


@pytest.mark.parametrize(
    ("name", "texts"),
    [(name, texts) for name, *texts in STATIC_PAGE_TEXTS.values()],
    ids=list(STATIC_PAGE_TEXTS),
)
def test_a_static_page_says_what_it_must(client, db, name, texts):
    html = client.get(reverse(name)).content.decode()

    for text in texts:
        assert text in html


def test_the_accessibility_statement_gives_the_support_email_for_problems_and_formats(
    client, db, settings
):
    settings.SUPPORT_EMAIL = "ideabank-help@barnet.gov.uk"

    html = client.get(reverse("pages:accessibility")).content.decode()

    link = '<a class="govuk-link" href="mailto:ideabank-help@barnet.gov.uk">'
    assert html.count(link + "ideabank-help@barnet.gov.uk</a>") == 2
    assert "Feedback and contact information" in html


def test_the_privacy_notice_gives_the_support_email(client, db, settings):
    settings.SUPPORT_EMAIL = "ideabank-help@barnet.gov.uk"

    html = client.get(reverse("pages:privacy")).content.decode()

    assert 'href="mailto:ideabank-help@barnet.gov.uk"' in html


def test_the_support_email_is_escaped_on_the_page(client, db, settings):
    settings.SUPPORT_EMAIL = 'help@example.gov.uk"><script>alert(1)</script>'

    html = client.get(reverse("pages:accessibility")).content.decode()

    assert "<script>alert(1)" not in html
    assert "help@example.gov.uk&quot;&gt;&lt;script&gt;" in html


def test_a_visitor_is_offered_sign_in_and_create_account_on_the_home_page(client, db):
    html = client.get(reverse("home")).content.decode()

    assert 'class="govuk-button" data-module="govuk-button">Sign in' in html
    assert reverse("account_signup") in html
    assert "Browse all UK councils" not in html


def test_a_signed_in_person_gets_links_to_councils_and_partnerships(client_for, alice):
    html = client_for(alice).get(reverse("home")).content.decode()

    assert "Browse all UK councils" in html
    assert reverse("councils:partnerships") in html
    assert "Your council: Barnet" in html
    assert "Create an account" not in html
