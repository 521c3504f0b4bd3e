"""Included by allauth under accounts/ (the provider's `package`), in place of the
openid_connect provider's own URLs, with the same names and paths."""

from allauth.socialaccount import app_settings
from django.urls import path

from . import provider

PREFIX = app_settings.OPENID_CONNECT_URL_PREFIX

urlpatterns = [
    path(f"{PREFIX}/<str:provider_id>/login/", provider.login, name="openid_connect_login"),
    path(
        f"{PREFIX}/<str:provider_id>/login/callback/",
        provider.callback,
        name="openid_connect_callback",
    ),
]
