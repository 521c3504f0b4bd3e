from django.urls import path

from . import conversation_views, views

app_name = "pilots"

# The comment pages serve pilots and outcomes: this finds a pilot's comments.
PILOT_THREAD = {"thread_of": conversation_views.pilot_thread_of}

urlpatterns = [
    path("", views.pilot_list, name="list"),
    path("awaiting-outcome/", views.awaiting_outcome, name="awaiting"),
    path("from-idea/<int:idea_pk>/", views.create_from_idea, name="create"),
    path("<int:pk>/", views.pilot_detail, name="detail"),
    path("<int:pk>/edit/", views.edit_card, name="edit"),
    path("<int:pk>/sign-off/", views.sign_off, name="sign_off"),
    path("<int:pk>/ask-for-sign-off/", views.ask_for_sign_off, name="ask_for_sign_off"),
    path("<int:pk>/discard/", views.discard, name="discard"),
    path("<int:pk>/who-can-see/", views.audience, name="audience"),
    path("<int:pk>/updates/new/", views.add_update, name="add_update"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/stop-early/", views.stop_early, name="stop_early"),
    path("<int:pk>/adopt/", views.adopt, name="adopt"),
    # Comments, and questions to the team behind the pilot (pilots/conversation_views.py).
    path("<int:pk>/comments/", conversation_views.comment, PILOT_THREAD, name="comment"),
    path(
        "<int:pk>/comments/<int:comment_pk>/hide/",
        conversation_views.hide_comment,
        PILOT_THREAD,
        name="hide_comment",
    ),
    path(
        "<int:pk>/comments/<int:comment_pk>/report/",
        conversation_views.report_comment,
        PILOT_THREAD,
        name="report_comment",
    ),
    path("<int:pk>/ask/", conversation_views.ask, name="ask"),
    path("<int:pk>/questions/<int:question_pk>/", conversation_views.question, name="question"),
    path(
        "<int:pk>/questions/<int:question_pk>/messages/<int:message_pk>/report/",
        conversation_views.report_message,
        name="report_message",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/messages/<int:message_pk>/hide/",
        conversation_views.hide_message,
        name="hide_message",
    ),
]
