"""Bar charts as geometry: numbers in, shapes out. No app imports, no Django.

A caller gives categories (the rows), one or more series (the columns) and the
values, and gets back a `Chart`: every rectangle, line and piece of text placed
in SVG units, plus a table of the same numbers. `templates/includes/charts/
chart.html` draws any `Chart` as server-rendered SVG above its table, so a page
needs no JavaScript and a screen reader user gets the table.

    chart = bar_chart(
        "funnel",
        title="From ideas to outcomes",
        summary="12 ideas became 3 pilots and 2 outcomes.",
        categories=["Ideas", "Pilots", "Outcomes"],
        series=[Series("Number", [12, 3, 2])],
    )

Two layouts: `bar_chart` (horizontal bars, grouped when there is more than one
series) and `column_chart` (vertical columns stacked by series, for a mix over
time). Values may be int, float or Decimal; a negative value is drawn as 0 but
shown as given in the table.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from math import ceil, floor, log10

# GOV.UK Design System colours, in an order where neighbours differ in lightness too.
PALETTE = (
    "#1d70b8",  # blue
    "#f47738",  # orange
    "#4c2c92",  # purple
    "#85994b",  # light green
    "#d53880",  # pink
    "#505a5f",  # dark grey
    "#28a197",  # turquoise
    "#912b88",  # bright purple
)
TEXT_COLOUR = "#0b0c0c"
GRID_COLOUR = "#b1b4b6"
FONT_SIZE = 14
# Drawn at this size, never shrunk (chart.html): it fits a two-thirds column on a desktop.
WIDTH = 600


@dataclass(frozen=True)
class Series:
    """One set of values, one per category, drawn in one colour and named in the legend."""

    name: str
    values: list
    colour: str = ""


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str
    value: object
    text: str
    category: str
    series: str


@dataclass(frozen=True)
class Text:
    text: str
    x: float
    y: float
    anchor: str = "start"
    bold: bool = False


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Row:
    label: str
    cells: list  # (value, text) pairs, one per series


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    summary: str
    width: float
    height: float
    rects: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    legend: list = field(default_factory=list)  # (Rect swatch, Text name) pairs
    category_heading: str = ""
    columns: list = field(default_factory=list)  # series names, the table's headings
    rows: list = field(default_factory=list)
    empty: bool = False


def as_number(value):
    """A value as a float for drawing: None and negatives draw as nothing."""
    if value is None:
        return 0.0
    number = float(value) if isinstance(value, (int, float, Decimal)) else 0.0
    return max(number, 0.0)


def nice_scale(value, *, most_ticks=5, whole=False):
    """The top of an axis and its step: a round step (1, 2 or 5 times a power of ten),
    at most `most_ticks` of them to reach `value`; steps of at least 1 if `whole`."""
    if value <= 0:
        return 1, 1
    power = 10 ** floor(log10(value / most_ticks))
    for multiple in (1, 2, 5, 10):
        step = multiple * power
        if whole:
            step = max(step, 1)
        count = ceil(value / step)
        if count <= most_ticks:
            return clean_number(count * step), clean_number(step)
    raise AssertionError("a step of ten times the power always fits")  # pragma: no cover


def coloured(series):
    return [
        Series(item.name, list(item.values), item.colour or PALETTE[index % len(PALETTE)])
        for index, item in enumerate(series)
    ]


def table_of(categories, series, fmt):
    """The table with the drawing (a column per series, a row per category), and whether
    there is anything to draw at all."""
    rows = [
        Row(label=str(category), cells=[(item.values[i], fmt(item.values[i])) for item in series])
        for i, category in enumerate(categories)
    ]
    columns = [item.name for item in series]
    return {"columns": columns, "rows": rows, "empty": is_empty(series) or not categories}


def legend_items(series, *, top, left=0):
    """One swatch and name per series, one to a line, from `top`; none for a single series."""
    if len(series) < 2:
        return [], top
    items = []
    for index, item in enumerate(series):
        y = top + index * 22
        swatch = Rect(left, y, 14, 14, item.colour, None, "", "", item.name)
        items.append((swatch, Text(item.name, left + 20, y + 12)))
    return items, top + len(series) * 22 + 8


def is_empty(series):
    return not any(as_number(value) for item in series for value in item.values)


def bar_chart(
    chart_id,
    *,
    title,
    summary,
    categories,
    series,
    fmt=str,
    category_heading="",
    label_width=200,
    bar_height=24,
    width=WIDTH,
):
    """Horizontal bars, one group per category, one bar per series; lengths share one scale."""
    series = coloured(series)
    legend, top = legend_items(series, top=0)
    value_room = 110  # room for the value written after the longest bar
    full_length = width - label_width - value_room
    largest = max((as_number(v) for item in series for v in item.values), default=0) or 1
    group_height = bar_height * len(series) + 14
    rects, texts = [], []
    for i, category in enumerate(categories):
        group_top = top + i * group_height
        texts.append(Text(str(category), 0, group_top + bar_height * len(series) / 2 + 5))
        for j, item in enumerate(series):
            value = item.values[i]
            length = round(full_length * as_number(value) / largest, 1)
            y = group_top + j * bar_height
            text = fmt(value)
            rects.append(
                Rect(
                    label_width,
                    y,
                    length,
                    bar_height - 4,
                    item.colour,
                    value,
                    text,
                    category,
                    item.name,
                )
            )
            texts.append(Text(text, label_width + length + 6, y + bar_height / 2 + 3, bold=True))
    axis = Line(label_width, top, label_width, top + len(categories) * group_height - 14)
    return Chart(
        chart_id=chart_id,
        title=title,
        summary=summary,
        width=width,
        height=top + len(categories) * group_height,
        rects=rects,
        texts=texts,
        lines=[axis] if categories else [],
        legend=legend,
        category_heading=category_heading,
        **table_of(categories, series, fmt),
    )


def column_chart(
    chart_id,
    *,
    title,
    summary,
    categories,
    series,
    fmt=str,
    category_heading="",
    plot_height=220,
    width=WIDTH,
):
    """Vertical columns, one per category, stacked by series, on a scale with round ticks."""
    series = coloured(series)
    axis_width, axis_gap = 56, 8
    totals = [sum(as_number(item.values[i]) for item in series) for i in range(len(categories))]
    whole = all(isinstance(v, int) for item in series for v in item.values)
    top_value, step = nice_scale(max(totals, default=0), whole=whole)
    legend, plot_top = legend_items(series, top=0, left=axis_width)
    plot_top += 8  # room for the top tick's text
    plot_bottom = plot_top + plot_height
    plot_width = width - axis_width - axis_gap
    slot = plot_width / max(len(categories), 1)
    column_width = round(min(slot * 0.6, 80), 1)
    lines, texts, rects = [], [], []
    for index in range(round(top_value / step) + 1):
        tick = clean_number(index * step)
        y = round(plot_bottom - plot_height * tick / top_value, 1)
        lines.append(Line(axis_width, y, width, y))
        texts.append(Text(fmt(tick), axis_width - axis_gap, y + 5, anchor="end"))
    for i, category in enumerate(categories):
        x = round(axis_width + axis_gap + slot * i + (slot - column_width) / 2, 1)
        base = plot_bottom
        for item in series:
            value = item.values[i]
            height = round(plot_height * as_number(value) / top_value, 1)
            if height:
                base -= height
                rects.append(
                    Rect(
                        x,
                        round(base, 1),
                        column_width,
                        height,
                        item.colour,
                        value,
                        fmt(value),
                        category,
                        item.name,
                    )
                )
        middle = round(x + column_width / 2, 1)
        texts.append(Text(str(category), middle, plot_bottom + 20, anchor="middle"))
        total = fmt(clean_number(totals[i]))
        texts.append(Text(total, middle, round(base - 6, 1), anchor="middle", bold=True))
    return Chart(
        chart_id=chart_id,
        title=title,
        summary=summary,
        width=width,
        height=plot_bottom + 32,
        rects=rects,
        texts=texts,
        lines=lines,
        legend=legend,
        category_heading=category_heading,
        **table_of(categories, series, fmt),
    )


def clean_number(value):
    """A whole number as an int (so `fmt` writes 5, not 5.0); anything else rounded to 6 places."""
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value
