from decimal import Decimal

from ideabank.lib.money import pounds


def test_pounds_show_pence_only_when_there_are_some():
    assert pounds(Decimal("15000.00")) == "£15,000"
    assert pounds(Decimal("15000.50")) == "£15,000.50"
    assert pounds(Decimal("0")) == "£0"


def test_the_dashboards_round_to_the_pound_and_a_missing_amount_says_so():
    assert pounds(Decimal("1234.56"), pence=False) == "£1,235"
    assert pounds(None) == "none"
