"""Template filters for the GOV.UK form widgets (templates/django/forms/widgets/)."""

from html import escape

from django import template
from django.utils.safestring import SafeData, mark_safe

register = template.Library()


def text(value):
    """`value` escaped for HTML, as Django's `conditional_escape` does (text already
    marked safe is kept), without its check for lazy arguments on every call."""
    return value if isinstance(value, SafeData) else escape(str(value))


@register.filter
def select_options(widget):
    """A select widget's <option>s (and <optgroup>s), written here rather than by a
    template loop or `format_html` per option: the browse filters' council list has
    400 options, and the loop was a quarter of a browse page's time at 100,000 ideas;
    `format_html` then cost 6 of the 7 ms the list took to write (docs/performance.md).
    Our selects set no option attributes but "selected"."""
    html = []
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{text(group_name)}">')
        html.extend(
            f'\n  <option value="{text(option["value"])}"'
            f"{' selected' if option['selected'] else ''}>{text(option['label'])}</option>"
            for option in group_choices
        )
        if group_name:
            html.append("\n  </optgroup>")
    return mark_safe("".join(html))  # noqa: S308 (each part escaped by `text`)
