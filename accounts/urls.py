from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("close/", views.close, name="close"),
    path("closed/", views.closed, name="closed"),
]
