from django.contrib import admin

from ideabank.lib.admin import ModelAdmin

from .models import DigestDelivery, DigestPreference, DigestRun


@admin.register(DigestPreference)
class DigestPreferenceAdmin(ModelAdmin):
    list_display = ["user", "frequency", "scope", "updated_at"]
    list_filter = ["frequency", "scope"]
    raw_id_fields = ["user"]


@admin.register(DigestRun)
class DigestRunAdmin(ModelAdmin):
    list_display = ["key", "start", "end", "created_at"]


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(ModelAdmin):
    list_display = ["run", "user", "status", "attempts", "claimed_at", "sent_at"]
    list_filter = ["status", "run"]
    raw_id_fields = ["user"]
