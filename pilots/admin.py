from django.contrib import admin

from ideabank.lib.admin import ModelAdmin, ReadOnlyMixin

from .models import CARD_FIELDS, Pilot, PilotEvent, PilotSignOff, PilotUpdate


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline):
    """History shown for reference: the site never edits or deletes it."""

    extra = 0
    can_delete = False


class PilotSignOffInline(ReadOnlyInline):
    model = PilotSignOff
    fields = ["signed_by", "signed_at", "limits"]
    readonly_fields = fields


class PilotEventInline(ReadOnlyInline):
    model = PilotEvent
    fields = ["created_at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields


class PilotUpdateInline(ReadOnlyInline):
    model = PilotUpdate
    fields = ["created_at", "author", "body"]
    readonly_fields = fields


@admin.register(Pilot)
class PilotAdmin(ModelAdmin):
    list_display = ["title", "council", "status", "visibility", "end_date", "created_at"]
    list_filter = ["status", "visibility"]
    search_fields = ["title", "council__short_name"]
    list_select_related = ["council"]
    raw_id_fields = ["council", "idea", "adapted_from", "lead", "created_by"]
    readonly_fields = [
        "status",
        "started_at",
        "closed_at",
        "overdue_notified_at",
        "sign_off_requested_at",
        "created_at",
    ]
    inlines = [PilotSignOffInline, PilotUpdateInline, PilotEventInline]

    def get_readonly_fields(self, request, obj=None):
        # Signed-off limits never change, not even here.
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_card_locked:
            # The audience too: after sign-off, a manager changes it with a reason on record.
            readonly += [*CARD_FIELDS, "visibility"]
        return readonly
