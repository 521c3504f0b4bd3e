from django.contrib import admin

from ideabank.lib.admin import ModelAdmin, ReadOnlyMixin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyMixin, ModelAdmin):
    """Read-only: the log is written by the site, never by hand."""

    list_display = ["created_at", "kind", "actor_label", "subject", "council_name", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["actor_label", "subject", "council_name"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in AuditEvent._meta.fields]
