"""The project's Django admin: every list and form checks its query string first.

A hand-typed query string used to reach the database or a widget unchecked and
answer 500 (issue 20): `?created_at__year=99999` (Python's dates stop at 9999),
`?title__regex=(` (PostgreSQL refuses the pattern), `?council=1e309` on an add
form (looked up as an id). The checks live in one mixin that the project's
AdminSite adds to every ModelAdmin registered with it, allauth's and Django's
included, so that no admin can be registered without them.

The site adds a second mixin the same way: each add, change and delete made in the
admin is announced with `changed_in_admin`, for the audit log (issue 14), which
ideabank.lib may not import.
"""

from datetime import MAXYEAR, MINYEAR

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import validate_ipv46_address
from django.db.models import DateField, GenericIPAddressField, TimeField
from django.db.models.constants import LOOKUP_SEP
from django.dispatch import Signal

# The lookups the admin's own list filters and date hierarchy put in their links.
# Any other (`__regex`, `__search`, `__trigram_similar`, ...) is refused with 400:
# STYLE.md's rule that filters are declared, not passed through from the query string.
FILTER_LOOKUPS = {"exact", "iexact", "in", "isnull", "isempty", "gt", "gte", "lt", "lte"}
DATE_LOOKUPS = {"month", "day"}
# Lookups whose value Django turns into a datetime while building the SQL.
YEAR_LOOKUPS = {"year", "iso_year"}
# Fields whose admin widgets take a date or time as their initial value, never text.
DATE_AND_TIME_FIELDS = (DateField, TimeField)


def lookup_parts(model, lookup):
    """The field the path of `lookup` ends on, and the transforms and lookups after it;
    (None, None) when `lookup` does not start with a field (a custom filter's own
    parameter)."""
    parts = lookup.split(LOOKUP_SEP)
    field = None
    for index, part in enumerate(parts):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return (None, None) if index == 0 else (field, parts[index:])
        if not field.is_relation or field.related_model is None:
            return field, parts[index + 1 :]
        model = field.related_model
    return field, []


def is_address(value):
    """Whether PostgreSQL's inet column would take `value` (`?ip_address=0` was a 500)."""
    try:
        validate_ipv46_address(value)
    except ValidationError:
        return False
    return True


def is_year(value):
    try:
        return MINYEAR <= int(value) <= MAXYEAR
    except (TypeError, ValueError):
        return False


class ReadOnlyMixin:
    """For a record the site writes: the admin may read it, never add, change or delete."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CheckedIds:
    """An autocomplete widget that shows only the values that can be ids.

    Django's looks every submitted value up to show it again, and a form sent back
    with `council=abc` raised ValueError (500) instead of showing the form's error.
    """

    def optgroups(self, name, value, attrs=None):
        field_name = getattr(self.field.remote_field, "field_name", None)
        opts = self.field.remote_field.model._meta
        target = opts.get_field(field_name) if field_name else opts.pk
        ids = []
        for one in value:
            try:
                target.to_python(one)
            except ValidationError:
                continue
            ids.append(one)
        return super().optgroups(name, ids, attrs)


class CheckedAutocompleteSelect(CheckedIds, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(CheckedIds, AutocompleteSelectMultiple):
    pass


class CheckedQueryString:
    """Refuses (400) list lookups the admin never writes itself, drops pre-filled
    foreign keys that are not ids, and shows autocomplete fields without looking up
    values that are not ids."""

    def lookup_allowed(self, lookup, value, request=None):
        if not super().lookup_allowed(lookup, value, request):
            return False
        field, parts = lookup_parts(self.model, lookup)
        if parts is None:
            return True
        if not set(parts) <= FILTER_LOOKUPS | DATE_LOOKUPS | YEAR_LOOKUPS:
            return False
        if isinstance(field, GenericIPAddressField) and "isnull" not in parts:
            values = value if isinstance(value, list) else [value]
            if "in" in parts:
                values = [one for many in values for one in str(many).split(",")]
            return all(is_address(one) for one in values)
        return not (set(parts) & YEAR_LOOKUPS) or is_year(value)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        """Django's initial values from the query string, less any foreign key that is not
        an id and any date or time that is not one, and with each date or time read.

        The admin's autocomplete and raw-id widgets look the initial value up, and a
        value that is not an id (`?council=1e309`) raised ValueError, a server error.
        The date and time widgets take a date or time only: any text
        (`?created_at=2000-01-01`) raised AttributeError.
        """
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            try:
                if field.many_to_one or field.one_to_one:
                    field.target_field.to_python(value)
                elif isinstance(field, DATE_AND_TIME_FIELDS):
                    initial[name] = field.to_python(value)
            except ValidationError:
                del initial[name]
        return initial


# Sent with `request`, `obj`, `action` (ADDED, CHANGED or DELETED) and `message` (the
# admin's own summary, as its history page shows it, "" for a deletion), after an add
# or a change is saved and before a deletion, inside the admin's transaction where
# it has one. The audit log connects a receiver.
changed_in_admin = Signal()
ADDED, CHANGED, DELETED = "added", "changed", "deleted"


class AnnouncedChanges:
    """Sends `changed_in_admin` wherever the admin writes its own history (LogEntry):
    its add and change forms, list edits, password changes and deletions, one by one
    or as the "delete selected" action."""

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self.announce(request, obj, ADDED, entry.get_change_message())
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self.announce(request, obj, CHANGED, entry.get_change_message())
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            self.announce(request, obj, DELETED, "")
        return entries

    def announce(self, request, obj, action, message):
        changed_in_admin.send(
            sender=type(self), request=request, obj=obj, action=action, message=message
        )


# What the site adds to every admin class registered with it.
SITE_MIXINS = (CheckedQueryString, AnnouncedChanges)


class ModelAdmin(*SITE_MIXINS, admin.ModelAdmin):
    pass


class AdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        """Django's register, with the site's mixins added to the admin class (a
        subclass made here) where it lacks them."""
        admin_class = admin_class or admin.ModelAdmin
        missing = tuple(mixin for mixin in SITE_MIXINS if not issubclass(admin_class, mixin))
        if missing:
            admin_class = type(
                admin_class.__name__,
                (*missing, admin_class),
                {"__module__": admin_class.__module__},
            )
        super().register(model_or_iterable, admin_class, **options)


class AdminConfig(DjangoAdminConfig):
    """`django.contrib.admin` with the site above as `admin.site` (INSTALLED_APPS)."""

    default_site = "ideabank.lib.admin.AdminSite"
