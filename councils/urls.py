from django.urls import path

from . import views

app_name = "councils"

urlpatterns = [
    path("councils/", views.council_list, name="list"),
    path("partnerships/", views.partnership_list, name="partnerships"),
]
