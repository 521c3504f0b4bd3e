from django.contrib import admin

from ideabank.lib.admin import ModelAdmin, ReadOnlyMixin

from .models import Comment, Endorsement, Idea, IdeaEvent, Theme


@admin.register(Theme)
class ThemeAdmin(ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class IdeaEventInline(ReadOnlyMixin, admin.TabularInline):
    model = IdeaEvent
    fields = ["created_at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    extra = 0


@admin.register(Idea)
class IdeaAdmin(ModelAdmin):
    list_display = ["title", "council", "author", "status", "visibility", "created_at"]
    list_filter = ["status", "visibility", "themes"]
    search_fields = ["title", "council__short_name", "author__email"]
    list_select_related = ["council", "author"]
    autocomplete_fields = ["council", "author"]
    filter_horizontal = ["themes"]
    # Status changes go through the workflow so that each one leaves an IdeaEvent.
    readonly_fields = ["status", "created_at", "updated_at", "submitted_at", "decided_at"]
    inlines = [IdeaEventInline]

    def has_delete_permission(self, request, obj=None):
        # Deleting an idea would delete its audit trail with it.
        return False


@admin.register(IdeaEvent)
class IdeaEventAdmin(ReadOnlyMixin, ModelAdmin):
    list_display = ["idea", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["to_status"]
    list_select_related = ["idea", "actor"]
    search_fields = ["idea__title"]


class ModeratedTextAdmin(ModelAdmin):
    """Comments and messages, for moderators: read, hidden or not, never written here.
    `about` names the field for what it was written on (idea, pilot, outcome, question)."""

    about = None
    search_fields = ["author__email", "body"]
    # Those someone reported, to look at first.
    list_filter = [("reported_at", admin.EmptyFieldListFilter)]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.list_display = [cls.about, "author", "created_at", "reported_at", "hidden_at"]
        cls.list_select_related = [cls.about, "author"]
        cls.readonly_fields = [
            *(cls.about, "author", "created_at"),
            *("reported_at", "reported_by", "hidden_at", "hidden_by"),
        ]

    def has_add_permission(self, request, obj=None):
        # Written on the site's own pages; with what it is about and its author read-only,
        # adding one here could only fail (it was a 500).
        return False


@admin.register(Comment)
class CommentAdmin(ModeratedTextAdmin):
    about = "idea"
    search_fields = ["idea__title", *ModeratedTextAdmin.search_fields]


@admin.register(Endorsement)
class EndorsementAdmin(ModelAdmin):
    list_display = ["idea", "user", "kind", "created_at"]
    list_select_related = ["idea", "user"]
    readonly_fields = ["idea", "user", "kind", "created_at"]

    def has_add_permission(self, request, obj=None):
        # Endorsements are made on the idea's page; every field here is read-only,
        # so adding one could only fail (it was a 500).
        return False
