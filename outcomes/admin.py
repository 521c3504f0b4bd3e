from django.contrib import admin

from ideabank.lib.admin import ModelAdmin
from ideas.admin import ModeratedTextAdmin

from .models import BenefitCheckIn, Outcome, OutcomeComment


@admin.register(Outcome)
class OutcomeAdmin(ModelAdmin):
    list_display = ["pilot", "verdict", "evidence_level", "actual_cost", "published_at"]
    list_filter = ["verdict", "evidence_level", "recommend"]
    search_fields = ["pilot__title", "pilot__council__short_name"]
    list_select_related = ["pilot"]
    raw_id_fields = ["pilot", "written_by"]


@admin.register(BenefitCheckIn)
class BenefitCheckInAdmin(ModelAdmin):
    list_display = ["outcome", "months", "due_on", "reminded_at", "answered_at"]
    list_filter = ["months"]
    search_fields = ["outcome__pilot__title"]
    list_select_related = ["outcome__pilot"]
    raw_id_fields = ["outcome", "answered_by"]


@admin.register(OutcomeComment)
class OutcomeCommentAdmin(ModeratedTextAdmin):
    about = "outcome"
    search_fields = ["outcome__pilot__title", *ModeratedTextAdmin.search_fields]
