"""Included at councils/<slug:slug>/people/: managers close the accounts of people who left."""

from django.urls import path

from . import member_views

app_name = "people"

urlpatterns = [
    path("", member_views.people_list, name="list"),
    path("<int:pk>/close-account/", member_views.close_leaver_account, name="close"),
]
