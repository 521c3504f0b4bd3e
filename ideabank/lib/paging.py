"""A list page shows one page of its rows at a time (templates/includes/pagination.html)."""

from django.core.paginator import Paginator
from django.shortcuts import render


def render_page_of(request, template, rows, *, per_page, name, **context):
    """Render `template` with the page `?page=` asks for: `page_obj`, its rows as `name`."""
    page_obj = Paginator(rows, per_page).get_page(request.GET.get("page"))
    context.update({"page_obj": page_obj, name: page_obj.object_list})
    return render(request, template, context)
