from django.contrib import admin

from .models import Follow, Notification


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "idea", "pilot", "council", "partnership", "created_at"]
    raw_id_fields = ["user", "idea", "pilot", "council", "partnership"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "message", "created_at", "read_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient", "idea", "pilot"]
