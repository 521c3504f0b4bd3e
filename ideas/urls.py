from django.urls import path

from . import views

app_name = "ideas"

urlpatterns = [
    path("", views.idea_list, name="list"),
    path("new/", views.create, name="create"),
    path("mine/", views.my_ideas, name="mine"),
    path("review/", views.review_queue, name="review_queue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/who-can-see/", views.audience, name="audience"),
    path("<int:pk>/comments/", views.comment, name="comment"),
    path("<int:pk>/comments/<int:comment_pk>/hide/", views.hide_comment, name="hide_comment"),
    path(
        "<int:pk>/comments/<int:comment_pk>/report/",
        views.report_comment,
        name="report_comment",
    ),
    path("<int:pk>/endorse/", views.endorse, name="endorse"),
    path("<int:pk>/unendorse/", views.unendorse, name="unendorse"),
]
