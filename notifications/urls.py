from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/read/", views.mark_read, name="mark_read"),
    path("notifications/follow/<str:target>/<int:pk>/", views.follow, name="follow"),
    path("notifications/unfollow/<str:target>/<int:pk>/", views.unfollow, name="unfollow"),
    path("my-work/", views.my_work, name="my_work"),
]
