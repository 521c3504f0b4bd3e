from django.urls import path

from pilots import conversation_views

from . import views

app_name = "outcomes"

# The pilots' comment pages, finding an outcome's comments.
OUTCOME_THREAD = {"thread_of": views.outcome_thread_of}

urlpatterns = [
    path("", views.outcome_list, name="list"),
    path("pilot/<int:pilot_pk>/", views.outcome_detail, name="detail"),
    path("pilot/<int:pilot_pk>/write/", views.write_outcome, name="write"),
    path(
        "pilot/<int:pilot_pk>/comments/",
        conversation_views.comment,
        OUTCOME_THREAD,
        name="comment",
    ),
    path(
        "pilot/<int:pilot_pk>/comments/<int:comment_pk>/hide/",
        conversation_views.hide_comment,
        OUTCOME_THREAD,
        name="hide_comment",
    ),
    path(
        "pilot/<int:pilot_pk>/comments/<int:comment_pk>/report/",
        conversation_views.report_comment,
        OUTCOME_THREAD,
        name="report_comment",
    ),
    path(
        "pilot/<int:pilot_pk>/savings/<int:months>-months/", views.record_check_in, name="check_in"
    ),
    path(
        "pilot/<int:pilot_pk>/savings/<int:months>-months/correct/",
        views.correct_check_in,
        name="correct_check_in",
    ),
]
