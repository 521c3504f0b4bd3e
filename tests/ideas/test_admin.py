import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from ideas.models import Idea, IdeaEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("privileged_people_have_mfa")]


def admin_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_the_audit_trail_is_read_only_in_the_admin(platform_admin, make_idea):
    make_idea(Idea.Status.ACCEPTED)
    event = IdeaEvent.objects.first()
    event_admin = site._registry[IdeaEvent]
    request = admin_request(platform_admin)
    assert not event_admin.has_add_permission(request)
    assert not event_admin.has_change_permission(request, event)
    assert not event_admin.has_delete_permission(request, event)
    assert event_admin.has_view_permission(request, event)


def test_a_platform_admin_can_read_events_but_not_add_them(platform_admin, make_idea, client_for):
    make_idea(Idea.Status.ACCEPTED)
    client = client_for(platform_admin)
    assert client.get(reverse("admin:ideas_ideaevent_changelist")).status_code == 200
    assert client.get(reverse("admin:ideas_ideaevent_add")).status_code == 403


def test_the_admin_cannot_change_an_ideas_status_or_delete_it(
    platform_admin, make_idea, client_for
):
    idea = make_idea(Idea.Status.SUBMITTED)
    idea_admin = site._registry[Idea]
    request = admin_request(platform_admin)
    assert "status" in idea_admin.get_readonly_fields(request, idea)
    assert not idea_admin.has_delete_permission(request, idea)
    response = client_for(platform_admin).get(reverse("admin:ideas_idea_change", args=[idea.pk]))
    assert response.status_code == 200
