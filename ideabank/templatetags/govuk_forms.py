"""Template filters for the GOV.UK form widgets (templates/django/forms/widgets/)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

SELECTED = mark_safe(" selected")  # noqa: S308 (a constant)


@register.filter
def select_options(widget):
    """A select widget's <option>s (and <optgroup>s), written here rather than by a
    template loop: the browse filters' council list has 400 options, and the loop was a
    quarter of a browse page's time at 100,000 ideas (docs/performance.md). Our selects
    set no option attributes but "selected"."""
    html = []
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            html.append(format_html('\n  <optgroup label="{}">', group_name))
        html.extend(
            format_html(
                '\n  <option value="{}"{}>{}</option>',
                str(option["value"]),
                SELECTED if option["selected"] else "",
                option["label"],
            )
            for option in group_choices
        )
        if group_name:
            html.append("\n  </optgroup>")
    return mark_safe("".join(html))  # noqa: S308 (each part escaped by format_html)
