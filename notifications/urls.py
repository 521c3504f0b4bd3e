from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/read/", views.mark_read, name="mark_read"),
    path("my-work/", views.my_work, name="my_work"),
]
# Follow and stop following: ideas and pilots by id, councils and partnerships by slug.
for target, converter in [
    ("idea", "<int:pk>"),
    ("pilot", "<int:pk>"),
    ("council", "<slug:slug>"),
    ("partnership", "<slug:slug>"),
]:
    for verb, following in [("follow", True), ("unfollow", False)]:
        urlpatterns.append(
            path(
                f"notifications/{verb}/{target}/{converter}/",
                views.follow,
                {"target": target, "following": following},
                name=f"{verb}_{target}",
            )
        )
