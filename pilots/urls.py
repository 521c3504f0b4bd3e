from django.urls import path

from . import views

app_name = "pilots"

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
]
