"""Files are downloaded only through the view, by whoever can see the pilot."""

import pytest

from councils.models import Visibility
from pilots.models import Pilot

from ..security.policy import CAST, sees
from . import samples
from .test_upload import post_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def read(response):
    """The body of a (streamed) download; the test client closes the file once read."""
    return b"".join(response.streaming_content)


def attached(client, pilot, name="Evaluation report.pdf", content=None, *, outcome=False):
    from evidence.models import EvidenceFile

    response = post_file(client, pilot, name, content or samples.pdf(), outcome=outcome)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return EvidenceFile.objects.latest("pk")


def test_a_download_is_an_attachment_with_the_stored_type_and_nosniff(
    clients, running_pilot, storage
):
    evidence = attached(clients["alice"], running_pilot, "Bin report – final.pdf")

    response = clients["carol"].get(evidence.get_absolute_url())

    assert response.status_code == 200
    assert read(response) == samples.pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=utf-8''Bin%20report%20%E2%80%93%20final.pdf" in response["Content-Disposition"]
    )
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["costs.xlsx", "chart.png", "business case.docx"])
def test_the_download_says_the_type_read_from_the_content(name, clients, running_pilot, storage):
    from evidence.filetypes import KINDS

    evidence = attached(clients["alice"], running_pilot, name, samples.GOOD[name]())

    response = clients["bob"].get(evidence.get_absolute_url())
    read(response)

    assert response["Content-Type"] == KINDS[name.rsplit(".", 1)[1]].content_type
    assert f'filename="{name}"' in response["Content-Disposition"]


def test_media_url_serves_no_evidence(clients, running_pilot, storage, settings):
    evidence = attached(clients["alice"], running_pilot)

    for prefix in ("/media/", "/", "/static/"):
        response = clients["bob"].get(prefix + evidence.file.name)
        assert response.status_code == 404, prefix


PEOPLE = ["alice", "amir", "bob", "erin", "carol", "brent_manager", "dan", "nina", "visitor"]
CAST_NAMES = {"amir": "alice"}  # amir is Barnet staff like alice (not the lead)

GRID = [
    *((v, Pilot.Status.RUNNING) for v in Visibility.values),
    (Visibility.PUBLIC, Pilot.Status.PLANNED),
    (Visibility.COUNCIL, Pilot.Status.COMPLETED),
]


@pytest.mark.parametrize(("visibility", "status"), GRID)
def test_a_file_is_404_to_everyone_who_cannot_see_its_pilot(
    visibility, status, make_pilot, clients, storage
):
    pilot = make_pilot(Pilot.Status.RUNNING, visibility=visibility)
    on_pilot = attached(clients["alice"], pilot)
    Pilot.objects.filter(pk=pilot.pk).update(status=status)
    facts = {"council": "barnet", "visibility": visibility, "status": status}

    for person in PEOPLE:
        response = clients[person].get(on_pilot.get_absolute_url())
        expected = 200 if sees(CAST[CAST_NAMES.get(person, person)], facts) else 404
        if response.status_code == 200:
            read(response)
        assert response.status_code == expected, person


def test_an_outcome_file_is_404_to_everyone_who_cannot_see_the_pilot(make_pilot, clients, storage):
    pilot = make_pilot(Pilot.Status.COMPLETED, visibility=Visibility.COUNCIL)
    evidence = attached(clients["bob"], pilot, outcome=True)

    for person in PEOPLE:
        response = clients[person].get(evidence.get_absolute_url())
        if response.status_code == 200:
            read(response)
        barnet = person in {"alice", "amir", "bob", "erin"}
        assert response.status_code == (200 if barnet else 404), person


def test_a_discarded_cards_file_is_404_even_to_its_own_council(make_pilot, clients, storage):
    pilot = make_pilot(Pilot.Status.PLANNED)
    evidence = attached(clients["alice"], pilot)
    Pilot.objects.filter(pk=pilot.pk).update(status=Pilot.Status.DISCARDED)

    for person in ("alice", "bob", "erin"):
        assert clients[person].get(evidence.get_absolute_url()).status_code == 404


def test_a_download_is_get_only(clients, running_pilot, storage):
    evidence = attached(clients["alice"], running_pilot)

    assert clients["alice"].post(evidence.get_absolute_url()).status_code == 405
