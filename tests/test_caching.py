import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tools.caching import CachingInput, CachingResult, caching
from tools.catalog import Catalog
from tools.errors import InputError


def test_hit_rate_saving_with_free_hits() -> None:
    # $10,000 x 30% x (1 - 0) = $3,000 a month; $36,000 a year; new bill $7,000.
    r = caching({"monthly_bill_usd": 10_000, "hit_rate": "30%"})
    assert isinstance(r, CachingResult)
    assert r.cache_saving_usd == pytest.approx(3000)
    assert r.prompt_saving_usd == 0
    assert r.monthly_saving_usd == pytest.approx(3000)
    assert r.new_monthly_bill_usd == pytest.approx(7000)
    assert r.annual_saving_usd == pytest.approx(36_000)
    assert r.saving_share == pytest.approx(0.3)
    assert r.input_share_of_bill is None
    assert "$3,000 a month" in r.headline and "$36,000 a year" in r.headline
    assert "$10,000 x 30% x (1 - 0%) = $3,000" in r.formula
    assert any("costs nothing" in a for a in r.assumptions)


def test_hits_that_cost_a_tenth_of_a_miss() -> None:
    # $10,000 x 30% x (1 - 10%) = $2,700.
    r = caching(CachingInput(monthly_bill_usd=10_000, hit_rate=0.3, hit_cost_ratio=0.1))
    assert r.monthly_saving_usd == pytest.approx(2700)


def test_prompt_trim_alone_with_given_input_share() -> None:
    # $10,000 x 60% input x 20% trimmed = $1,200.
    r = caching({"monthly_bill_usd": 10_000, "prompt_reduction": "20%",
                 "input_share_of_bill": "60%"})
    assert r.cache_saving_usd == 0
    assert r.prompt_saving_usd == pytest.approx(1200)
    assert r.annual_saving_usd == pytest.approx(14_400)
    assert "cache saving" not in r.formula


def test_cache_and_trim_combined_without_double_counting() -> None:
    # cache $10,000 x 30% = $3,000; trim on the 70% misses: $10,000 x 70% x 50% x 20% = $700.
    r = caching({"monthly_bill_usd": 10_000, "hit_rate": "30%", "prompt_reduction": "20%",
                 "input_share_of_bill": "50%"})
    assert r.cache_saving_usd == pytest.approx(3000)
    assert r.prompt_saving_usd == pytest.approx(700)
    assert r.monthly_saving_usd == pytest.approx(3700)
    assert r.new_monthly_bill_usd == pytest.approx(6300)
    assert any("only to the misses" in a for a in r.assumptions)


def test_default_input_share_is_stated() -> None:
    # 50% by default: $10,000 x 50% x 10% = $500.
    r = caching({"monthly_bill_usd": 10_000, "prompt_reduction": "10%"})
    assert r.input_share_of_bill == pytest.approx(0.5)
    assert r.monthly_saving_usd == pytest.approx(500)
    assert any("50% of the bill" in a for a in r.assumptions)


def test_input_share_from_tokens_and_prices() -> None:
    # 900 input x $1 vs 100 output x $4: input share 900 / 1,300;
    # $13,000 x 900/1,300 x 20% = $1,800.
    r = caching({"monthly_bill_usd": 13_000, "prompt_reduction": "20%", "input_tokens": 900,
                 "output_tokens": 100, "input_price": 1, "output_price": 4})
    assert r.input_share_of_bill == pytest.approx(900 / 1300)
    assert r.monthly_saving_usd == pytest.approx(1800)


def test_input_share_from_catalog_model() -> None:
    # gpt-4o-mini $0.15 / $0.60 per 1M; default 75% / 25% token split:
    # 0.75 x 0.15 / (0.75 x 0.15 + 0.25 x 0.6) = 0.1125 / 0.2625 = 3/7.
    catalog = Catalog(today=date(2026, 11, 24))
    r = caching({"monthly_bill_usd": 7000, "prompt_reduction": "50%", "model": "gpt-4o-mini"},
                catalog)
    assert r.input_share_of_bill == pytest.approx(3 / 7)
    assert r.monthly_saving_usd == pytest.approx(1500)
    assert r.sources and r.sources[0].model == "gpt-4o-mini"
    assert any("75% of tokens" in a for a in r.assumptions)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"monthly_bill_usd": 0, "hit_rate": 0.3}, "monthly_bill_usd"),
        ({"monthly_bill_usd": -10, "hit_rate": 0.3}, "monthly_bill_usd"),
        ({"monthly_bill_usd": math.nan, "hit_rate": 0.3}, "monthly_bill_usd"),
        ({"monthly_bill_usd": 100, "hit_rate": "150%"}, "hit_rate"),
        ({"monthly_bill_usd": 100, "hit_rate": -0.2}, "hit_rate"),
        ({"monthly_bill_usd": 100, "hit_rate": math.nan}, "hit_rate"),
        ({"monthly_bill_usd": 100, "hit_rate": 0.3, "hit_cost_ratio": "120%"}, "hit_cost_ratio"),
        ({"monthly_bill_usd": 100, "prompt_reduction": 0.2, "input_tokens": 0,
          "output_tokens": 0, "input_price": 1, "output_price": 1}, "input_tokens"),
        ({"monthly_bill_usd": 100, "prompt_reduction": 0.2, "input_tokens": 10}, "input_price"),
    ],
)
def test_invalid_values_name_the_field(data: dict, field: str) -> None:
    with pytest.raises(InputError) as exc:
        caching(data)
    assert exc.value.field == field
    assert field in str(exc.value)


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"monthly_bill_usd": 100}, "hit_rate"),
        ({"monthly_bill_usd": 100, "prompt_reduction": 0.1, "input_price": 1}, "output_price"),
    ],
)
def test_missing_inputs_say_what_to_give(data: dict, named: str) -> None:
    with pytest.raises(InputError) as exc:
        caching(data)
    assert named in str(exc.value)


fraction = st.floats(min_value=0, max_value=1)


@given(bill=st.floats(min_value=1, max_value=1e9), h1=fraction, h2=fraction, ratio=fraction,
       trim=fraction, share=fraction)
def test_saving_grows_with_hit_rate(bill: float, h1: float, h2: float, ratio: float,
                                    trim: float, share: float) -> None:
    low, high = sorted((h1, h2))
    base = {"monthly_bill_usd": bill, "hit_cost_ratio": ratio, "prompt_reduction": trim,
            "input_share_of_bill": share}
    at_low, at_high = caching({**base, "hit_rate": low}), caching({**base, "hit_rate": high})
    tol = 1e-9 * bill
    assert at_high.cache_saving_usd >= at_low.cache_saving_usd - tol
    assert 0 <= at_high.monthly_saving_usd <= bill * (1 + 1e-12)
    if ratio == 0:  # free hits: the total saving grows too (a hit saves at least a trimmed miss)
        assert at_high.monthly_saving_usd >= at_low.monthly_saving_usd - tol
