"""The change calculator: each kind of change, worked out by hand."""

import pytest

from tools.change import change
from tools.errors import InputError


@pytest.mark.parametrize(("how", "expected", "formula"), [
    ({"factor": 2}, 200.0, "x = 100 x 2 = 200"),
    ({"percent_change": -30}, 70.0, "x = 100 x (1 - 30%) = 70"),
    ({"minus": 40}, 60.0, "x = 100 - 40 = 60"),
    ({"plus": 25}, 125.0, "x = 100 + 25 = 125"),
    ({"share_percent": 15}, 15.0, "x = 100 x 15% = 15; the rest = 100 - 15 = 85"),
])
def test_each_change(how: dict, expected: float, formula: str) -> None:
    result = change({"name": "x", "value": 100, **how})
    assert result.value == pytest.approx(expected)
    assert result.formula == formula
    assert result.rest == (pytest.approx(100 - expected) if "share_percent" in how else None)  # the part's whole less it


def test_exactly_one_change() -> None:
    with pytest.raises(InputError, match="exactly one of factor, percent_change, minus, plus"):
        change({"value": 100, "plus": 1, "minus": 1})


def test_a_monthly_amount_is_also_given_per_year() -> None:
    result = change({"name": "monthly saving", "value": 80_000, "minus": 55_000, "per_month": True})
    assert result.value == 25_000 and result.value_per_year == 300_000
    assert result.formula == "monthly saving = 80,000 - 55,000 = 25,000; per year = 25,000 x 12 months = 300,000"
    assert "A year is 12 months." in result.assumptions
    assert change({"value": 10, "factor": 2}).value_per_year is None
