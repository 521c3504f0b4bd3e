"""Included at councils/<slug:slug>/members/."""

from django.urls import path

from . import audit_views, member_views
from .sso import views as sso_views

app_name = "members"

urlpatterns = [
    path("", member_views.member_list, name="list"),
    path("<int:pk>/role/", member_views.change_role, name="change_role"),
    path("<int:pk>/remove/", member_views.remove, name="remove"),
    path("requests/", member_views.request_list, name="requests"),
    path("requests/<int:pk>/approve/", member_views.approve_request, name="approve"),
    path("requests/<int:pk>/decline/", member_views.decline_request, name="decline"),
    path("email-domains/", member_views.domain_list, name="domains"),
    path("email-domains/<int:pk>/remove/", member_views.remove_domain, name="remove_domain"),
    path("security-log/", audit_views.audit_log, name="audit"),
    path("sign-in/", sso_views.settings_page, name="sso"),
    path("sign-in/test/", sso_views.test_connection, name="sso_test"),
    path("sign-in/provisioning-token/", sso_views.new_scim_token, name="scim_token"),
]
