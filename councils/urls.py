from django.urls import path

from . import views
from .sso import views as sso_views

app_name = "councils"

urlpatterns = [
    path("councils/", views.council_list, name="list"),
    path("partnerships/", views.partnership_list, name="partnerships"),
    path("sign-in/council-account/", sso_views.start, name="sso_start"),
]
