"""Inputs the planner does not read from a question.

The defaults of secondary inputs, each with the sentence an answer states it in, and how it asks for a
missing primary input (users, usage, a price) instead of assuming one.
"""

from __future__ import annotations

__all__ = ["GPU", "NO_QUERY_SIZE", "PRIMARY", "TOKENS_PER_QUERY"]

TOKENS_PER_QUERY = 1_000
NO_QUERY_SIZE = f"No query size was given: {TOKENS_PER_QUERY:,} tokens per query (about 750 words) is assumed."
GPU = "H100"

PRIMARY = {  # a missing primary input: what to ask for, with an example
"users": "how many users (e.g. '100k users')",
            "queries_per_user": "how many queries each user makes (e.g. '20 queries a day')",
            "price": "a price or a model (e.g. '$0.50 per 1M tokens' or 'on gpt-4o-mini')",
            "price_per_user": "the price users pay (e.g. '$20 per user a month')",
            "cost_per_user": "the cost to serve one user (e.g. '$3 of API cost per user a month')",
            "fixed_costs": "the fixed costs (e.g. '$50k a month of fixed costs')",
            "monthly_cost": "the monthly model bill (e.g. 'a $12,000 monthly bill')",
            "budget": "the budget it must fit in (e.g. '$5,000 a month')",
            "hit_rate": "a cache hit rate or a prompt reduction (e.g. '30% cache hit rate')",
            "investment": "the upfront investment (e.g. 'a $300k fine-tune')",
            "saving": "the monthly saving it brings (e.g. 'saves $25k a month')",
            "margin": "the target gross margin (e.g. '75% margin')",
            "cost_per_query": "the cost per query (e.g. '$0.004 per query')",
            "tokens_per_second": "the deployment's throughput (e.g. '2,000 tokens per second')",
            "gpu_or_rate": "which GPU, or its hourly price (e.g. 'on A100s' or '$1.80 per GPU-hour')",
            "development_cost": "the development (R&D) cost (e.g. 'R&D cost $150k')",
            "compliance_any": "the compliance cost (e.g. 'compliance cost $344k')",
            "revenue": "the revenue (e.g. '$200k a month of revenue')",
            "provider_share": "the share of revenue paid to the provider (e.g. '40% goes to OpenAI')"}
