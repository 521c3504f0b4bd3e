"""An idea's or a pilot's themes, read with the row (ideas/themes.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.models import Visibility
from ideas.models import Idea
from ideas.themes import theme_names_of, with_theme_names
from pilots.models import Pilot

from ..pilots.factories import PilotFactory
from .factories import IdeaFactory, theme

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]

A_TO_Z = ["Digital and data", "Waste and recycling"]


@pytest.fixture
def themed_idea(alice):
    idea = IdeaFactory(author=alice, visibility=Visibility.PUBLIC)
    idea.themes.set([theme("Waste and recycling"), theme("Digital and data")])
    idea.submit(by=alice)
    return idea


@pytest.fixture
def themed_pilot(barnet, alice, bob):
    pilot = PilotFactory(council=barnet, lead=alice, created_by=bob, status="running")
    pilot.themes.set([theme("Waste and recycling"), theme("Digital and data")])
    return pilot


def test_the_names_come_a_to_z_however_they_are_read(themed_idea, themed_pilot):
    for model, row in ((Idea, themed_idea), (Pilot, themed_pilot)):
        read_with = with_theme_names(model.objects.filter(pk=row.pk)).get()
        assert theme_names_of(read_with) == A_TO_Z
        assert theme_names_of(model.objects.get(pk=row.pk)) == A_TO_Z


def test_a_row_without_themes_has_no_names(alice):
    idea = IdeaFactory(author=alice)
    idea.themes.clear()

    assert theme_names_of(with_theme_names(Idea.objects.filter(pk=idea.pk)).get()) == []


@pytest.mark.postgres
def test_postgresql_reads_the_names_in_the_rows_query(themed_idea):
    with CaptureQueriesContext(connection) as queries:
        names = theme_names_of(with_theme_names(Idea.objects.filter(pk=themed_idea.pk)).get())

    assert names == A_TO_Z
    assert len(queries) == 1


@pytest.mark.parametrize("page", ["idea", "pilot"])
def test_each_page_lists_its_themes_a_to_z(page, themed_idea, themed_pilot, client_for, carol):
    row = {"idea": themed_idea, "pilot": themed_pilot}[page]
    response = client_for(carol).get(row.get_absolute_url())

    assert response.context["themes"] == A_TO_Z
    assert "Digital and data, Waste and recycling" in response.content.decode()
