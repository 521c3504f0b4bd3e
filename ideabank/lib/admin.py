"""The project's ModelAdmin: Django's, with query-string initial values checked first."""

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, ValidationError


class ModelAdmin(admin.ModelAdmin):
    def get_changeform_initial_data(self, request):
        """Django's initial values from the query string, less any foreign key that is not an id.

        The admin's autocomplete and raw-id widgets look the initial value up, and a
        value that is not an id (`?council=1e309`) raised ValueError, a server error.
        """
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.many_to_one or field.one_to_one:
                try:
                    field.target_field.to_python(value)
                except ValidationError:
                    del initial[name]
        return initial
