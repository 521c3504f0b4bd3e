from django.contrib import admin

from ideabank.lib.admin import ModelAdmin

from .models import (
    Council,
    CouncilEmailDomain,
    CouncilProfile,
    IdentityProvider,
    Membership,
    MembershipRequest,
    Partnership,
    SimilarCouncil,
)
from .sso.forms import IdentityProviderForm


class CouncilEmailDomainInline(admin.TabularInline):
    model = CouncilEmailDomain
    extra = 0


class ImportedDataInline(admin.TabularInline):
    """Shown, never edited here: `import_councils` writes these from open data and would
    overwrite any edit on its next run."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CouncilProfileInline(ImportedDataInline):
    model = CouncilProfile
    fields = [
        "deprivation_score",
        "deprivation_quintile",
        "high_deprivation_share",
        "density",
        "emissions",
        "rural_urban",
    ]
    readonly_fields = fields


class SimilarCouncilInline(ImportedDataInline):
    model = SimilarCouncil
    fk_name = "council"
    fields = ["rank", "similar", "distance", "reasons"]
    readonly_fields = fields
    ordering = ["rank"]


@admin.register(Council)
class CouncilAdmin(ModelAdmin):
    list_display = ["short_name", "official_name", "code", "gss_code", "authority_type", "active"]
    list_filter = ["active", "nation", "authority_type", "region"]
    search_fields = ["short_name", "official_name", "code", "gss_code", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [CouncilEmailDomainInline, CouncilProfileInline, SimilarCouncilInline]


@admin.register(CouncilEmailDomain)
class CouncilEmailDomainAdmin(ModelAdmin):
    list_display = ["domain", "council"]
    search_fields = ["domain", "council__short_name"]
    list_select_related = ["council"]
    autocomplete_fields = ["council"]


@admin.register(Partnership)
class PartnershipAdmin(ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "councils__short_name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["councils"]


@admin.register(Membership)
class MembershipAdmin(ModelAdmin):
    list_display = ["user", "council", "role", "joined_at"]
    list_filter = ["role", "council__nation"]
    search_fields = ["user__email", "user__full_name", "council__short_name"]
    list_select_related = ["user", "council"]
    autocomplete_fields = ["user", "council"]
    readonly_fields = ["joined_at"]


@admin.register(MembershipRequest)
class MembershipRequestAdmin(ModelAdmin):
    list_display = ["user", "council", "status", "created_at", "decided_at", "decided_by"]
    list_filter = ["status", "council__nation"]
    search_fields = ["user__email", "user__full_name", "council__short_name"]
    list_select_related = ["user", "council", "decided_by"]
    autocomplete_fields = ["user", "council"]
    readonly_fields = ["created_at", "decided_at", "decided_by"]
    date_hierarchy = "created_at"


@admin.register(IdentityProvider)
class IdentityProviderAdmin(ModelAdmin):
    form = IdentityProviderForm
    fields = [
        "council",
        "issuer",
        "client_id",
        "client_secret",
        "enabled",
        "required",
        "enforces_mfa",
        "last_sign_in_at",
        "last_scim_at",
    ]
    list_display = ["council", "issuer", "enabled", "required", "last_sign_in_at", "last_scim_at"]
    list_filter = ["enabled", "required", "enforces_mfa"]
    search_fields = ["council__short_name", "issuer", "client_id"]
    list_select_related = ["council"]
    autocomplete_fields = ["council"]
    readonly_fields = ["last_sign_in_at", "last_scim_at"]
