"""The chart geometry (ideabank.lib.charts) and its SVG: the shapes and the table agree."""

from decimal import Decimal

from django.template.loader import render_to_string

from explore.dashboards import verdicts_summary
from ideabank.lib.charts import WIDTH, Series, bar_chart, column_chart, nice_scale


def funnel():
    return bar_chart(
        "funnel",
        title="From ideas to outcomes",
        summary="12 ideas became 3 pilots and 2 outcomes.",
        categories=["Ideas", "Pilots", "Outcomes"],
        series=[Series("Number", [12, 3, 2])],
        category_heading="Stage",
    )


def test_the_longest_bar_is_the_largest_value_and_the_others_are_in_proportion():
    chart = funnel()
    lengths = {rect.category: rect.width for rect in chart.rects}
    full = WIDTH - 200 - 110  # less the labels' and the values' room
    assert lengths["Ideas"] == full
    assert lengths["Pilots"] == round(full * 3 / 12, 1)
    assert lengths["Outcomes"] == round(full * 2 / 12, 1)


def test_the_table_holds_the_same_numbers_as_the_bars():
    chart = funnel()
    drawn = [(rect.category, rect.value) for rect in chart.rects]
    tabled = [(row.label, value) for row in chart.rows for value, _text in row.cells]
    assert drawn == tabled == [("Ideas", 12), ("Pilots", 3), ("Outcomes", 2)]


def test_grouped_bars_share_one_scale_and_get_a_legend():
    chart = bar_chart(
        "savings",
        title="Savings by theme",
        summary="s",
        categories=["Waste", "Housing"],
        series=[
            Series("Projected", [Decimal("1000"), Decimal("400")]),
            Series("Realised", [500, 0]),
        ],
        fmt=lambda value: f"£{value:,.0f}",
        width=640,
    )
    widths = [rect.width for rect in chart.rects]
    assert widths == [330.0, 165.0, 132.0, 0.0]  # Waste: projected, realised; then Housing
    assert [name.text for _swatch, name in chart.legend] == ["Projected", "Realised"]
    assert chart.rows[0].cells == [(Decimal("1000"), "£1,000"), (500, "£500")]


def test_a_negative_value_is_drawn_as_nothing_but_shown_as_it_is_in_the_table():
    chart = bar_chart(
        "n", title="t", summary="s", categories=["A", "B"], series=[Series("n", [-5, 10])]
    )
    assert chart.rects[0].width == 0
    assert chart.rows[0].cells == [(-5, "-5")]


def test_stacked_columns_add_up_to_the_total_on_a_round_scale():
    chart = column_chart(
        "verdicts",
        title="Verdicts by year",
        summary="s",
        categories=["2024-25", "2025-26"],
        series=[Series("Worked", [1, 2]), Series("Did not work", [6, 0])],
    )
    first_year = [rect for rect in chart.rects if rect.category == "2024-25"]
    assert sum(rect.height for rect in first_year) == 220 * 7 / 8
    # Stacked: each segment starts where the one below ended.
    assert first_year[1].y + first_year[1].height == first_year[0].y
    ticks = [text.text for text in chart.texts if text.anchor == "end"]
    assert ticks == ["0", "2", "4", "6", "8"]
    assert len(chart.rects) == 3  # a zero draws no segment


def test_the_scale_uses_round_steps_and_whole_steps_for_counts():
    assert nice_scale(9, whole=True) == (10, 2)
    assert nice_scale(1, whole=True) == (1, 1)
    assert nice_scale(123456) == (150000, 50000)
    assert nice_scale(0.3) == (0.3, 0.1)
    assert nice_scale(0) == (1, 1)


def test_nothing_to_draw_is_an_empty_chart():
    assert bar_chart("e", title="t", summary="s", categories=[], series=[Series("n", [])]).empty
    assert column_chart(
        "e", title="t", summary="s", categories=["A"], series=[Series("n", [0])]
    ).empty


def test_the_svg_is_an_image_with_a_title_a_description_and_a_table_of_the_same_numbers():
    html = render_to_string("includes/charts/chart.html", {"chart": funnel()})
    assert 'role="img"' in html
    assert 'aria-labelledby="funnel-title funnel-desc"' in html
    assert '<title id="funnel-title">From ideas to outcomes</title>' in html
    assert "12 ideas became 3 pilots and 2 outcomes." in html
    assert (
        html.count(
            '<td class="govuk-table__cell govuk-table__cell--numeric" data-value="12">12</td>'
        )
        == 1
    )
    assert "<script" not in html


def test_an_empty_chart_shows_its_summary_alone():
    chart = bar_chart("e", title="t", summary="Nothing yet.", categories=[], series=[])
    html = render_to_string("includes/charts/chart.html", {"chart": chart})
    assert "Nothing yet." in html
    assert "<svg" not in html and "<table" not in html


def test_the_chart_keeps_its_size_so_its_text_is_never_shrunk_and_its_table_is_below_it():
    html = render_to_string("includes/charts/chart.html", {"chart": funnel()})

    assert f'width="{WIDTH}" height=' in html
    assert 'width="100%"' not in html
    assert "govuk-grid-column" not in html  # the table is full width, not squeezed beside
    assert html.index("<svg") < html.index("<table")
    assert 'role="region" aria-label="Chart: From ideas to outcomes" tabindex="0"' in html


def test_the_verdicts_summary_names_one_year_once_and_counts_only_real_failures_as_lessons():
    assert verdicts_summary(2, 0, 2026, 2026) == (
        "2 outcomes published in 2026–27; none found the change did not work."
    )
    assert verdicts_summary(1, 1, 2025, 2026) == (
        "1 outcome published from 2025–26 to 2026–27; 1 found the change did not work, "
        "which is as useful to know."
    )
