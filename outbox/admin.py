from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ideabank.lib.admin import ModelAdmin

from . import metrics, tasks
from .models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ModelAdmin):
    """What was sent, what is waiting, and what the mail server refused (and why)."""

    change_list_template = "admin/outbox/outgoingemail/change_list.html"
    list_display = ["created_at", "template", "to", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "template"]
    search_fields = ["to", "key"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = [
        "key",
        "to",
        "template",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "due_at",
        "claimed_at",
        "sent_at",
        "subject",
        "text",
        "html",
        "headers",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "backlog": metrics.backlog(),
            "oldest_unsent_seconds": round(metrics.oldest_unsent_age()),
        }
        return super().changelist_view(request, extra_context=extra_context)

    @admin.action(description=_("Send the selected failed emails again"), permissions=["view"])
    def send_again(self, request, queryset):
        with transaction.atomic():
            ids = list(
                queryset.filter(status=OutgoingEmail.Status.FAILED).values_list("pk", flat=True)
            )
            OutgoingEmail.objects.filter(pk__in=ids).update(
                status=OutgoingEmail.Status.PENDING, attempts=0, claimed_at=None
            )
            for email_id in ids:
                tasks.send_outgoing_email.delay_on_commit(email_id)
        count = len(ids)
        self.message_user(
            request,
            ngettext("%(count)d email queued again.", "%(count)d emails queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
