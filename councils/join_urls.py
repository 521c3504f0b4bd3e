"""Included at join-a-council/: people without a council email ask a council to add them."""

from django.urls import path

from . import member_views

app_name = "join"

urlpatterns = [
    path("", member_views.request_membership, name="request"),
]
