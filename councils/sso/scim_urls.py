"""Included at scim/v2/<slug:slug>/: a council's provisioning endpoint (councils/sso/scim.py)."""

from django.urls import path

from . import scim

app_name = "scim"

urlpatterns = [
    path("Users", scim.users, name="users"),
    path("Users/<int:pk>", scim.user, name="user"),
]
