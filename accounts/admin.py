from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import User
from .services import close_account


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class ClosedFilter(admin.SimpleListFilter):
    title = gettext_lazy("account")
    parameter_name = "closed"

    def lookups(self, request, model_admin):
        return [("no", gettext_lazy("Open")), ("yes", gettext_lazy("Closed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(closed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(closed_at__isnull=True)
        return queryset


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin, with the email address where the username was."""

    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "job_title",
        "is_active",
        "is_staff",
        "last_login",
        "closed_at",
    ]
    list_filter = [ClosedFilter, "is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name", "job_title"]
    readonly_fields = ["last_login", "date_joined", "closed_at", "closed_by"]
    actions = ["close_accounts"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (gettext_lazy("Personal details"), {"fields": ["full_name", "job_title"]}),
        (
            gettext_lazy("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (gettext_lazy("Important dates"), {"fields": ["last_login", "date_joined"]}),
        (gettext_lazy("Closed account"), {"fields": ["closed_at", "closed_by"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "usable_password", "password1", "password2"],
            },
        ),
    ]

    @admin.action(description=gettext_lazy("Close account"))
    def close_accounts(self, request, queryset):
        closed = 0
        for person in queryset.filter(closed_at__isnull=True):
            if person.pk == request.user.pk:
                self.message_user(
                    request, _("You cannot close your own account here."), messages.ERROR
                )
                continue
            try:
                close_account(person=person, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    _("Could not close the account of %(person)s. %(error)s")
                    % {"person": person.email, "error": error.messages[0]},
                    messages.ERROR,
                )
            else:
                closed += 1
        if closed:
            self.message_user(
                request,
                ngettext("Closed %(count)d account.", "Closed %(count)d accounts.", closed)
                % {"count": closed},
                messages.SUCCESS,
            )
