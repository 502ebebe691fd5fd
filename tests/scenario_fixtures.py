"""Scenario files shared by the scenario tests: round numbers, so every figure can be worked out by hand."""

HAND = """\
scenarios:
  hand:
    usage:
      users: 1000
      queries_per_user: 10
      period: day
      tokens: {input: 1000, output: 500}
    pricing: {input_per_1m: 1, output_per_1m: 2}
    plan: {price: 5}
    fixed_costs_per_month: 2200
    investment: {upfront: 11000, build_months: 1}
    self_hosting: {gpu_hourly: 2, gpus: 1, tokens_per_second: 1000, utilization: 50%}
    routing:
      routes: [{price_per_1m: 1, share: 50%}, {price_per_1m: 3, share: 50%}]
    compliance: {development_cost: 100000, compliance_cost: 50000}
    checks: [gross_margin >= 80%, break_even_users <= 400, cost_per_user_month <= $1]
  metered:
    extends: hand
    usage: {tokens: {cached_share: 40%}}
    pricing: {input_per_1m: 1, output_per_1m: 2, cached_input_per_1m: 0.5}  # pricing is replaced whole
    plan: {included_queries: 200, overage_per_1k: 3, free_users: 500, free_quota: 20, target_margin: 70%}
    routing: null
  losing:
    extends: hand
    plan: {price: 0.5}
    checks: [break_even_users <= 100000, payback_months <= 24]
"""
"""hand: 1,000 users x 10 queries a day x 30 = 300,000 queries a month; a query is 1,000 input tokens at $1 per
1M and 500 output at $2 per 1M = $0.002, so $600 a month, $0.60 per user; $5 a user brings $5,000 (margin 88%);
fixed $2,200 -> break-even 2,200 / 4.40 = 500 users, operating profit $2,200, payback 11,000 / 2,200 = 5 months
(6 from the start). Self-hosting: $2 / (1,000 x 3,600 x 0.5) x 1e6 = $1.1111 per 1M, one GPU for 450M tokens
(capacity 1,296M) -> $1,440 a month. Routing 50/50 at $1 and $3 = $2 per 1M against $3 (the dearest): 1/3 saved,
$450 a month on 450M tokens. Compliance 50k / 100k = 0.5x, a third of the total. The flat fee covers
5 / 0.002 = 2,500 queries a month."""
