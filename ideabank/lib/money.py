"""Sums of money as the site writes them for people."""


def pounds(amount, *, pence=True):
    """£15,000, or £15,000.50 when it has pence; whole pounds only with `pence=False`
    (the dashboards round); "none" for an amount never given."""
    if amount is None:
        return "none"
    if not pence:
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}".removesuffix(".00")
