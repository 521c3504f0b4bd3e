from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ideabank.lib.money import pounds
from pilots.forms import MoneyField


def test_pounds_show_pence_only_when_there_are_some():
    assert pounds(Decimal("15000.00")) == "£15,000"
    assert pounds(Decimal("15000.50")) == "£15,000.50"
    assert pounds(Decimal("0")) == "£0"


def test_the_dashboards_round_to_the_pound_and_a_missing_amount_says_so():
    assert pounds(Decimal("1234.56"), pence=False) == "£1,235"
    assert pounds(None) == "none"


# The money box: pounds as people type them, and nothing Python's Decimal reads besides.

MONEY = MoneyField(name="cost avoided")


def money_error(typed):
    with pytest.raises(ValidationError) as refused:
        MONEY.clean(typed)
    return refused.value.messages


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1500", Decimal("1500")),
        ("1500.50", Decimal("1500.50")),
        (" £1,250.5 ", Decimal("1250.5")),
        ("£ 40,000", Decimal("40000")),
        ("0", Decimal("0")),
    ],
)
def test_a_money_box_reads_pounds_and_pence_as_people_type_them(typed, amount):
    assert MONEY.clean(typed) == amount


@pytest.mark.parametrize(
    "typed", ["1e5", "1E5", "2e-3", "NaN", "nan", "sNaN", "Infinity", "-Infinity", "inf", "١٢٣"]
)
def test_a_money_box_refuses_exponents_nan_infinity_and_other_digits(typed):
    assert money_error(typed) == ["Cost avoided must be an amount in pounds, like 1500 or 1500.50"]


def test_a_money_boxs_errors_name_the_field_for_the_error_summary():
    assert money_error("10000000000") == ["Cost avoided must be under £10 billion"]
    assert money_error("12.345") == ["Cost avoided must be in pounds and pence, like 1500.50"]
    assert money_error("-5") == ["Cost avoided must be £0 or more"]
