"""Choice labels, read one at a time."""


def choice_label(choices, value):
    """`value`'s label among `choices` (a `TextChoices` class) in the active language, or
    `value` itself when it is none of them: what `get_FOO_display()` gives.

    `get_FOO_display()` translates every choice's label to find one (seven for an
    idea's status), ten times the cost on a list page's rows (docs/performance.md,
    "Ninth pass"). This translates only the label shown.
    """
    try:
        return str(choices(value).label)
    except ValueError:
        return value
