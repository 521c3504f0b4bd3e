from django.contrib import admin

from ideabank.lib.admin import ModelAdmin

from .models import EvidenceFile


@admin.register(EvidenceFile)
class EvidenceFileAdmin(ModelAdmin):
    """Files are uploaded on the site, where they are checked; a platform admin may only
    read the record or delete it (the stored file goes with it, after commit)."""

    list_display = ["name", "pilot", "outcome", "size", "scan_status", "uploaded_at"]
    list_filter = ["scan_status", "extension"]
    search_fields = ["name", "pilot__title"]
    list_select_related = ["pilot", "outcome__pilot"]
    fields = [
        "name",
        "pilot",
        "outcome",
        "content_type",
        "size",
        "scan_status",
        "scanned_at",
        "uploaded_by",
        "uploaded_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
