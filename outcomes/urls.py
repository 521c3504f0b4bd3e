from django.urls import path

from . import views

app_name = "outcomes"

urlpatterns = [
    path("", views.outcome_list, name="list"),
    path("pilot/<int:pilot_pk>/", views.outcome_detail, name="detail"),
    path("pilot/<int:pilot_pk>/write/", views.write_outcome, name="write"),
    path("pilot/<int:pilot_pk>/comments/", views.comment, name="comment"),
    path(
        "pilot/<int:pilot_pk>/comments/<int:comment_pk>/hide/",
        views.hide_comment,
        name="hide_comment",
    ),
    path(
        "pilot/<int:pilot_pk>/savings/<int:months>-months/", views.record_check_in, name="check_in"
    ),
]
