"""Self-hosting throughput: a dated, sourced reference table instead of a 1,000 tokens/s placeholder, said to be a
reference, with its range and the break-even throughput where the API/self-host choice flips."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from tools.catalog import Catalog
from tools.errors import InputError
from tools.self_host import self_host
from tools.throughput import THROUGHPUT_FILE, benchmarks, reference


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(today=date(2026, 12, 2))


def test_every_reference_row_has_its_gpu_shape_load_date_and_source(catalog: Catalog) -> None:
    rows = yaml.safe_load(THROUGHPUT_FILE.read_text())["rows"]
    assert len(rows) == len(benchmarks()) >= 30
    for b in benchmarks():
        assert b.source and b.load and b.engine and b.as_of <= date(2026, 12, 2)
        assert b.isl > 0 and b.osl > 0 and b.gpus >= 1 and b.output_tokens_per_s > 0
        catalog.gpu(b.gpu)  # every row names a GPU the catalog prices


def test_reference_is_the_chat_shape_per_gpu_with_the_range_of_published_shapes() -> None:
    # H100 SXM, Llama 3.3 70B FP8 on 2 GPUs (TensorRT-LLM 1.0): 1,000/1,000 -> 4,205 out/s x 2,000 / 1,000 / 2 = 4,205;
    # 500/2,000 -> 5,222 x 2,500 / 2,000 / 2 = 3,263.75; 2,048/128 -> 762 x 2,176 / 128 / 2 = 6,477.
    ref = reference("H100 SXM 80GB", 70)
    assert ref.tokens_per_s_per_gpu == pytest.approx(4205)
    assert (ref.low, ref.high) == (pytest.approx(3263.75), pytest.approx(6477))
    assert "not a measurement" in ref.sentence()


def test_no_neighbour_figures_for_unlisted_gpus_or_far_sizes() -> None:
    with pytest.raises(InputError, match="no published throughput for a 70B model on A100"):
        reference("A100 SXM 80GB", 70)
    with pytest.raises(InputError, match="no published serving throughput for L40S"):
        reference("L40S 48GB", 8)


def test_self_host_without_throughput_uses_the_reference_and_says_so(catalog: Catalog) -> None:
    # 2 x H100 at $2.69/h, reference 4,205 tokens/s per GPU -> 8,410 tokens/s; 50% utilization:
    # $ per 1M = 2.69 x 2 / (8,410 x 3,600 x 0.5) x 1e6 = $0.35537...
    r = self_host({"gpu": "H100", "gpus": 2, "model_params_b": 70}, catalog)
    assert r.tokens_per_second == pytest.approx(8410) and r.throughput_is_reference
    assert r.self_host_per_1m_usd == pytest.approx(2.69 * 2 / (8410 * 3600 * 0.5) * 1e6)
    assert "reference figure" in r.headline and r.throughput_range_per_gpu == (pytest.approx(3263.75),
                                                                             pytest.approx(6477))
    assert any(s.origin.startswith("NVIDIA TensorRT-LLM") for s in r.sources)


def test_a_measured_throughput_is_not_called_a_reference(catalog: Catalog) -> None:
    r = self_host({"gpu": "H100", "tokens_per_second": 2_500}, catalog)
    assert not r.throughput_is_reference and "reference figure" not in r.headline


def test_throughput_or_a_model_size_is_required(catalog: Catalog) -> None:
    with pytest.raises(InputError, match="model_params_b"):
        self_host({"gpu": "H100"}, catalog)


def test_break_even_throughput_with_a_workload_counts_whole_gpus(catalog: Catalog) -> None:
    # API $0.60 per 1M x 20B tokens = $12,000 a month; one H100 costs $2.69 x 720 = $1,936.80, so the API bill pays
    # for floor(12,000 / 1,936.80) = 6 GPUs; 6 GPUs carry 20B tokens at 20e9 / (6 x 3,600 x 0.5 x 720) = 2,572 tok/s.
    r = self_host({"gpu": "H100", "tokens_per_second": 2_500, "monthly_tokens": 2e10, "api_price_per_1m": 0.6},
                  catalog)
    assert r.break_even_tokens_per_second_per_gpu == pytest.approx(2e10 / (6 * 3600 * 0.5 * 720))
    assert r.self_host_monthly_usd > r.api_monthly_usd  # 2,500 < 2,572: the API is cheaper, as the flip point says
    faster = self_host({"gpu": "H100", "tokens_per_second": 2_600, "monthly_tokens": 2e10, "api_price_per_1m": 0.6},
                       catalog)
    assert faster.self_host_monthly_usd < faster.api_monthly_usd


def test_break_even_throughput_without_a_workload_is_per_1m_tokens(catalog: Catalog) -> None:
    # $2.69 x 1e6 / (3,600 x 0.5 x $0.60) = 2,490.7 tokens/s per GPU.
    r = self_host({"gpu": "H100", "tokens_per_second": 1_000, "api_price_per_1m": 0.6}, catalog)
    assert r.break_even_tokens_per_second_per_gpu == pytest.approx(2.69e6 / (3600 * 0.5 * 0.6))


def test_no_throughput_flips_it_when_the_api_bill_cannot_pay_one_gpu(catalog: Catalog) -> None:
    r = self_host({"gpu": "H100", "tokens_per_second": 2_500, "monthly_tokens": 1e9, "api_price_per_1m": 0.6},
                  catalog)
    assert r.break_even_tokens_per_second_per_gpu is None and "No throughput makes self-hosting" in r.headline


def test_memo_never_recommends_self_hosting_on_a_reference_figure_silently(catalog: Catalog) -> None:
    from assistant.memo.build import build_memo

    memo = build_memo("a $10/month AI add-on for 200,000 users at 50 queries a day on gpt-4o", catalog)
    host = next(c for c in memo.tool_calls if c.name == "self_host")
    assert "tokens_per_second" not in host.args and host.args["model_params_b"] == 70
    choice = next(s for s in memo.sections if s.title.startswith("Model choice"))
    verdict = choice.paragraphs[0]
    assert "published reference figure" in verdict and "not a measurement" in verdict
    assert "beats the API only at" in verdict
    assert memo.verified, memo.unverified_numbers
