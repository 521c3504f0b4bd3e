"""The list of files on the pilot and outcome pages, and what it costs."""

import pytest

from evidence.models import EvidenceFile
from ideas.models import Idea
from pilots.models import Pilot

from ..html import assert_well_formed_page
from ..queries import page_queries
from . import samples
from .test_download import attached

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def test_the_pilot_page_lists_its_files_with_type_size_uploader_and_date(
    clients, running_pilot, storage
):
    evidence = attached(clients["alice"], running_pilot, "Business case.pdf")

    response = clients["amir"].get(running_pilot.get_absolute_url())

    page = response.content.decode()
    assert_well_formed_page(response)
    assert "Business case.pdf" in page
    assert evidence.get_absolute_url() in page
    assert "PDF, " in page
    assert "Alice Adeyemi" in page  # named to her own council
    assert evidence.uploaded_at.strftime("%-d %B %Y") in page
    assert "Attach a file" not in page  # amir does not run the pilot


def test_another_council_sees_the_uploader_as_a_member_of_staff(clients, running_pilot, storage):
    attached(clients["alice"], running_pilot)
    attached(clients["bob"], running_pilot, "Manager notes.pdf")

    page = clients["carol"].get(running_pilot.get_absolute_url()).content.decode()

    assert "Alice Adeyemi" not in page and "Bob Birch" not in page
    # Each begins a cell of the files table.
    assert "A member of staff at Barnet" in page
    assert "A manager at Barnet" in page


def test_an_author_who_hid_their_name_stays_hidden_as_uploader(
    clients, make_pilot, alice, storage
):
    from ..ideas.factories import IdeaFactory

    idea = IdeaFactory(
        author=alice, council=alice.membership.council, name_display=Idea.NameDisplay.COUNCIL
    )
    pilot = make_pilot(Pilot.Status.RUNNING, idea=idea)
    attached(clients["alice"], pilot)

    page = clients["carol"].get(pilot.get_absolute_url()).content.decode()

    assert "Alice Adeyemi" not in page


def test_the_lead_is_offered_the_upload_link(clients, running_pilot, storage):
    page = clients["alice"].get(running_pilot.get_absolute_url()).content.decode()

    assert "Attach a file" in page
    assert "No files yet." in page


def test_the_outcome_page_lists_only_the_outcomes_files(clients, completed_pilot, storage):
    attached(clients["alice"], completed_pilot, "Card annex.pdf")
    attached(clients["alice"], completed_pilot, "Evaluation.pdf", outcome=True)

    outcome_page = clients["carol"].get(completed_pilot.outcome.get_absolute_url())
    pilot_page = clients["carol"].get(completed_pilot.get_absolute_url()).content.decode()

    assert_well_formed_page(outcome_page)
    assert "Evaluation.pdf" in outcome_page.content.decode()
    assert "Card annex.pdf" not in outcome_page.content.decode()
    assert "Card annex.pdf" in pilot_page and "Evaluation.pdf" not in pilot_page


@pytest.mark.parametrize("person", ["carol", "bob"])
def test_the_file_list_costs_the_same_queries_for_1_and_8_files(
    person, clients, completed_pilot, storage, django_assert_max_num_queries, bob
):
    attached(clients["alice"], completed_pilot)
    attached(clients["bob"], completed_pilot, outcome=True)
    urls = [completed_pilot.get_absolute_url(), completed_pilot.outcome.get_absolute_url()]
    few = [page_queries(clients[person], url) for url in urls]
    for n in range(7):
        uploader = "alice" if n % 2 else "bob"
        attached(clients[uploader], completed_pilot, f"report {n}.pdf")
        attached(
            clients[uploader], completed_pilot, f"evaluation {n}.png", samples.png(), outcome=True
        )
    assert EvidenceFile.objects.count() == 16

    for url, count in zip(urls, few, strict=True):
        with django_assert_max_num_queries(count):
            clients[person].get(url)
