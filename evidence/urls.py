from django.urls import path

from . import views

app_name = "evidence"

urlpatterns = [
    path("pilot/<int:pilot_pk>/", views.attach_to_pilot, name="attach_to_pilot"),
    path("outcome/<int:pilot_pk>/", views.attach_to_outcome, name="attach_to_outcome"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/remove/", views.remove, name="remove"),
]
