from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tools.catalog import Catalog
from tools.errors import InputError, UnknownModelError
from tools.self_host import self_host

CATALOG = Catalog(today=date(2026, 11, 24))
BASE = {"gpu": "H100", "gpu_hourly_usd": 2.0, "tokens_per_second": 1_000, "utilization": 0.5}


def test_hand_derived_cost_per_1m_tokens() -> None:
    # 2 / (1,000 x 3,600 x 0.5) x 1e6 = $1.111 per 1M; rent 2 x 720 = $1,440 a month;
    # capacity 1,000 x 3,600 x 0.5 x 720 = 1,296,000,000 tokens a month.
    r = self_host(BASE, CATALOG)
    assert r.self_host_per_1m_usd == pytest.approx(1.111111, rel=1e-6)
    assert r.gpu_monthly_usd == pytest.approx(1_440)
    assert r.monthly_fixed_usd == pytest.approx(1_440)
    assert r.monthly_capacity_tokens == pytest.approx(1_296_000_000)
    assert r.all_in_per_1m_usd == pytest.approx(1.111111, rel=1e-6)
    assert "$1.111 per 1M tokens" in r.headline and "= $1.111;" in r.formula  # four significant digits
    assert any("around the clock" in a for a in r.assumptions)
    assert r.break_even_monthly_tokens is None and r.api_per_1m_usd is None


def test_default_utilization_is_stated() -> None:
    r = self_host({"gpu_hourly_usd": 2.0, "tokens_per_second": 1_000}, CATALOG)
    assert r.self_host_per_1m_usd == pytest.approx(1.111111, rel=1e-6)
    assert "The deployment serves 50% of its full-load throughput (default)." in r.assumptions


def test_gpu_price_from_catalog_with_source() -> None:
    # Plain "h100" is the H100 SXM at RunPod's $2.69/h (overlay, March 2026):
    # 2.69 x 2 / (2,000 x 3,600 x 0.5) x 1e6 = $1.4944 per 1M.
    r = self_host({"gpu": "h100", "gpus": 2, "tokens_per_second": 2_000}, CATALOG)
    assert r.self_host_per_1m_usd == pytest.approx(1.494444, rel=1e-6)
    assert r.gpu_monthly_usd == pytest.approx(2.69 * 2 * 720)
    source = r.sources[0]
    assert source.model == "H100 SXM 80GB" and "per GPU-hour" in source.price
    assert source.provider == "RunPod" and source.as_of == date(2026, 3, 10) and source.url
    assert any("Plain 'H100' means the H100 SXM" in n for n in source.notes)


def test_low_utilization_makes_cost_explode_like_cypher() -> None:
    # Seed: Cypher paid $1,200 on Llama 2 vs $5 on GPT-3.5 Turbo, 240x, from low utilization.
    # At 1% instead of 50% the same GPU costs 50x more: 2 / (1,000 x 3,600 x 0.01) x 1e6.
    busy = self_host({**BASE, "utilization": 0.5}, CATALOG).self_host_per_1m_usd
    idle = self_host({**BASE, "utilization": "1%"}, CATALOG)
    assert idle.self_host_per_1m_usd == pytest.approx(55.5556, rel=1e-5)
    assert idle.self_host_per_1m_usd / busy == pytest.approx(50)
    # 240x GPT-3.5's $2 per 1M is $480 per 1M: 2e6 / (3.6e6 x u) = 480 -> u = 1/864 (0.116%).
    cypher = self_host({**BASE, "utilization": 1 / 864, "api_model": "gpt-3.5-turbo-2023"},
                       CATALOG)
    assert cypher.self_host_per_1m_usd == pytest.approx(480)
    assert cypher.self_host_per_1m_usd / cypher.api_per_1m_usd == pytest.approx(240)


def test_break_even_against_api_price() -> None:
    # $1,440 / ($2 per 1M - $0) = 720,000,000 tokens a month, under the 1.296B capacity.
    r = self_host({**BASE, "api_price_per_1m": 2.0}, CATALOG)
    assert r.break_even_monthly_tokens == pytest.approx(720_000_000)
    assert "720,000,000 tokens a month" in r.headline and "capacity" not in r.headline


def test_break_even_against_catalog_model_uses_stated_split() -> None:
    # gpt-4-2023 $30 in / $60 out, 75/25: 0.75 x 30 + 0.25 x 60 = $37.50 per 1M;
    # 1,440 / 37.5e-6 = 38,400,000 tokens a month.
    r = self_host({**BASE, "api_model": "gpt-4-2023"}, CATALOG)
    assert r.api_per_1m_usd == pytest.approx(37.5)
    assert r.break_even_monthly_tokens == pytest.approx(38_400_000)
    assert any("75% input" in a for a in r.assumptions)
    assert [s.model for s in r.sources] == ["gpt-4-2023"]


def test_fixed_costs_push_break_even_beyond_capacity() -> None:
    # (1,440 + 8,560) / 2e-6 = 5,000,000,000 tokens, more than 1,296,000,000 capacity.
    r = self_host({**BASE, "fixed_monthly_usd": 8_560, "api_price_per_1m": 2.0}, CATALOG)
    assert r.monthly_fixed_usd == pytest.approx(10_000)
    assert r.break_even_monthly_tokens == pytest.approx(5e9)
    assert "capacity" in r.headline


def test_workload_pays_the_whole_month_and_scales_gpus() -> None:
    # 500M tokens: self-host $1,440 (whole month) vs API 500 x $2 = $1,000.
    r = self_host({**BASE, "monthly_tokens": 500_000_000, "api_price_per_1m": 2.0}, CATALOG)
    assert r.self_host_monthly_usd == pytest.approx(1_440)
    assert r.api_monthly_usd == pytest.approx(1_000)
    assert r.gpus_needed == 1
    # 2B tokens > 1.296B capacity: ceil(2 / 1.296) = 2 GPUs, 2 x $1,440 = $2,880.
    big = self_host({**BASE, "monthly_tokens": 2e9}, CATALOG)
    assert big.gpus_needed == 2
    assert big.self_host_monthly_usd == pytest.approx(2_880)
    assert "you need 2 GPUs" in big.headline


def test_marginal_cost_at_or_above_api_price_never_breaks_even() -> None:
    r = self_host({**BASE, "api_price_per_1m": 2.0, "marginal_per_1m_usd": 3.0}, CATALOG)
    assert r.break_even_monthly_tokens is None
    assert r.break_even_reason is not None and "never" in r.break_even_reason
    # With a marginal cost: 1,440 / ((2 - 0.5) / 1e6) = 960,000,000 tokens.
    ok = self_host({**BASE, "api_price_per_1m": 2.0, "marginal_per_1m_usd": 0.5}, CATALOG)
    assert ok.break_even_monthly_tokens == pytest.approx(960_000_000)


def test_zero_throughput_says_how_to_fix() -> None:
    with pytest.raises(InputError) as err:
        self_host({**BASE, "tokens_per_second": 0}, CATALOG)
    assert err.value.field == "tokens_per_second"
    assert "more than 0" in str(err.value) and "full load" in str(err.value)


@pytest.mark.parametrize(("patch", "field"), [
    ({"gpus": 0}, "gpus"),
    ({"gpus": 1.5}, "gpus"),
    ({"utilization": 0}, "utilization"),
    ({"utilization": "150%"}, "utilization"),
    ({"gpu_hourly_usd": -2}, "gpu_hourly_usd"),
    ({"tokens_per_second": float("nan")}, "tokens_per_second"),
])
def test_invalid_input_names_field(patch: dict, field: str) -> None:
    with pytest.raises(InputError) as err:
        self_host({**BASE, **patch}, CATALOG)
    assert err.value.field == field and field in str(err.value)


def test_missing_gpu_and_unknown_gpu() -> None:
    with pytest.raises(InputError, match="GPU name"):
        self_host({"tokens_per_second": 1_000}, CATALOG)
    with pytest.raises(UnknownModelError) as err:
        self_host({"gpu": "H101", "tokens_per_second": 1_000}, CATALOG)
    assert err.value.field == "gpu"
    assert "h100" in err.value.suggestions
    assert "Did you mean" in str(err.value) and "gpu_hourly_usd" in str(err.value)


@settings(max_examples=60, deadline=None)
@given(low=st.floats(0.001, 0.99), step=st.floats(1.01, 100),
       hourly=st.floats(0.1, 50), tps=st.floats(10, 1e6))
def test_cost_per_1m_falls_as_utilization_rises(low, step, hourly, tps) -> None:
    high = min(1.0, low * step)
    args = {"gpu_hourly_usd": hourly, "tokens_per_second": tps}
    a = self_host({**args, "utilization": low}, CATALOG).self_host_per_1m_usd
    b = self_host({**args, "utilization": high}, CATALOG).self_host_per_1m_usd
    assert b < a
    assert a * low == pytest.approx(b * high)  # cost x utilization is constant
