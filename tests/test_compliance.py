import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tools.compliance import ComplianceInput, ComplianceResult, compliance_overhead
from tools.errors import InputError


def test_perceptin_compliance_is_about_2_3x_development() -> None:
    # Seed: PerceptIn compliance $344,000 vs R&D $150,000.
    # ratio 344/150 = 2.2933; share 344/494 = 69.64%; total $494,000.
    r = compliance_overhead({"development_cost_usd": 150_000, "compliance_cost_usd": 344_000})
    assert isinstance(r, ComplianceResult)
    assert r.compliance_ratio == pytest.approx(2.293333, rel=1e-6)
    assert r.compliance_share == pytest.approx(0.696356, rel=1e-6)
    assert r.total_cost_usd == pytest.approx(494_000)
    assert "2.29x" in r.headline and "69.64%" in r.headline and "$494,000" in r.headline
    assert "$344,000 / $150,000 = 2.29x" in r.formula
    assert "$344,000 / $494,000 = 69.64%" in r.formula
    # no extra regions: the region-adjusted figures equal the base ones
    assert r.region_adjusted_compliance_usd == pytest.approx(344_000)
    assert r.region_adjusted_ratio == pytest.approx(r.compliance_ratio)
    assert [(c.category, c.side) for c in r.categories] == [
        ("development", "development"), ("compliance", "compliance")]
    assert r.categories[1].share_of_total == pytest.approx(0.696356, rel=1e-6)


def test_breakdown_over_the_four_seed_categories() -> None:
    # technology $100k is the development cost; compliance = 50k + 30k + 20k = $100k -> 1x, 50%.
    r = compliance_overhead({"technology_usd": 100_000, "regulatory_compliance_usd": 50_000,
                             "response_verification_usd": 30_000, "user_training_usd": 20_000})
    assert r.development_cost_usd == pytest.approx(100_000)
    assert r.compliance_cost_usd == pytest.approx(100_000)
    assert r.compliance_ratio == pytest.approx(1.0)
    assert r.compliance_share == pytest.approx(0.5)
    assert len(r.categories) == 4
    assert [c.side for c in r.categories] == ["development"] + ["compliance"] * 3
    assert [c.share_of_total for c in r.categories] == pytest.approx([0.5, 0.25, 0.15, 0.1])
    assert "$50,000 + $30,000 + $20,000 = $100,000" in r.formula
    assert any("technology is development cost" in a for a in r.assumptions)
    assert any("technology cost is the development cost" in a for a in r.assumptions)


def test_given_development_cost_wins_over_technology() -> None:
    # development $200k (technology $100k is part of it); compliance $100k -> 0.5x, 33.3%.
    r = compliance_overhead({"development_cost_usd": 200_000, "technology_usd": 100_000,
                             "regulatory_compliance_usd": 100_000})
    assert r.development_cost_usd == pytest.approx(200_000)
    assert r.compliance_ratio == pytest.approx(0.5)
    assert r.compliance_share == pytest.approx(1 / 3)
    assert any("not added again" in a for a in r.assumptions)


def test_extra_regions_with_default_multiplier() -> None:
    # 2 extra regions x 25% -> $344,000 x 1.5 = $516,000; vs $150,000 -> 3.44x; share 516/666.
    r = compliance_overhead(ComplianceInput(development_cost_usd=150_000,
                                            compliance_cost_usd=344_000, extra_regions=2))
    assert r.region_adjusted_compliance_usd == pytest.approx(516_000)
    assert r.region_adjusted_total_usd == pytest.approx(666_000)
    assert r.region_adjusted_ratio == pytest.approx(3.44)
    assert r.region_adjusted_share == pytest.approx(516 / 666)
    assert r.compliance_ratio == pytest.approx(344 / 150)  # base ratio unchanged
    assert "$344,000 x (1 + 2 x 25%) = $516,000" in r.formula
    assert "region-adjusted share = $516,000 / $666,000 = 77.48%" in r.formula
    assert "77.48% of the $666,000 total" in r.headline  # the share after regions is shown, not only computed
    assert any("25%" in a and "default" in a for a in r.assumptions)


def test_region_multiplier_override() -> None:
    # 3 extra regions x 10% -> $100,000 x 1.3 = $130,000.
    r = compliance_overhead({"development_cost_usd": 100_000, "compliance_cost_usd": 100_000,
                             "extra_regions": 3, "region_multiplier": "10%"})
    assert r.region_adjusted_compliance_usd == pytest.approx(130_000)
    assert any("as given" in a for a in r.assumptions)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"development_cost_usd": 0, "compliance_cost_usd": 1}, "development_cost_usd"),
        ({"development_cost_usd": -5, "compliance_cost_usd": 1}, "development_cost_usd"),
        ({"development_cost_usd": math.nan, "compliance_cost_usd": 1}, "development_cost_usd"),
        ({"development_cost_usd": 1, "compliance_cost_usd": -1}, "compliance_cost_usd"),
        ({"development_cost_usd": 1, "compliance_cost_usd": 1, "extra_regions": -1},
         "extra_regions"),
        ({"development_cost_usd": 1, "compliance_cost_usd": 1, "extra_regions": 1.5},
         "extra_regions"),
        ({"development_cost_usd": 1, "user_training_usd": math.inf}, "user_training_usd"),
    ],
)
def test_invalid_values_name_the_field(data: dict, field: str) -> None:
    with pytest.raises(InputError) as exc:
        compliance_overhead(data)
    assert exc.value.field == field
    assert field in str(exc.value)


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"compliance_cost_usd": 344_000}, "development_cost_usd"),
        ({"technology_usd": 0, "compliance_cost_usd": 1}, "development_cost_usd"),
        ({"development_cost_usd": 150_000}, "compliance_cost_usd"),
        ({"development_cost_usd": 1, "compliance_cost_usd": 1, "user_training_usd": 1},
         "user_training_usd"),
    ],
)
def test_missing_or_double_counted_inputs_say_what_to_give(data: dict, named: str) -> None:
    with pytest.raises(InputError) as exc:
        compliance_overhead(data)
    assert named in str(exc.value)


costs = st.floats(min_value=1, max_value=1e9, allow_nan=False, allow_infinity=False)


@given(dev=costs, comp=st.floats(min_value=0, max_value=1e9), regions=st.integers(0, 10))
def test_share_is_ratio_over_one_plus_ratio(dev: float, comp: float, regions: int) -> None:
    r = compliance_overhead({"development_cost_usd": dev, "compliance_cost_usd": comp,
                             "extra_regions": regions})
    assert r.compliance_share == pytest.approx(r.compliance_ratio / (1 + r.compliance_ratio))
    assert r.region_adjusted_compliance_usd >= r.compliance_cost_usd
