from django.contrib import admin

from ideabank.lib.admin import ModelAdmin, ReadOnlyMixin
from ideas.admin import ModeratedTextAdmin

from .models import (
    CARD_FIELDS,
    Message,
    Pilot,
    PilotComment,
    PilotEvent,
    PilotSignOff,
    PilotUpdate,
    Question,
)


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


@admin.register(PilotComment)
class PilotCommentAdmin(ModeratedTextAdmin):
    about = "pilot"
    search_fields = ["pilot__title", *ModeratedTextAdmin.search_fields]


class MessageInline(ReadOnlyInline):
    model = Message
    fields = ["created_at", "author", "body", "reported_at", "hidden_at"]
    readonly_fields = fields


@admin.register(Question)
class QuestionAdmin(ReadOnlyMixin, ModelAdmin):
    """Conversations between councils, read-only: messages are hidden from the site."""

    list_display = ["pilot", "council", "asker", "created_at"]
    list_select_related = ["pilot", "council", "asker"]
    search_fields = ["pilot__title", "council__short_name", "asker__email"]
    inlines = [MessageInline]


@admin.register(Message)
class MessageAdmin(ModeratedTextAdmin):
    about = "question"
    search_fields = ["question__pilot__title", *ModeratedTextAdmin.search_fields]
