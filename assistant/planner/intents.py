"""Intent scorer: which calculators (and whether the knowledge base) a question asks for.

Scores add keyword evidence (stems of the words people use for each calculation) and slot
evidence (the kinds of quantities present), so "what would 8 H100s cost per 1M tokens?" scores
self_host on both counts while "why can self-hosting cost more?" has no slots and goes to the
knowledge base.
"""

from __future__ import annotations

import re

from assistant.planner.grammar import Parsed

__all__ = ["KNOWLEDGE", "OUT_OF_SCOPE", "asks_to_explain", "mentions", "requests_document", "score"]

KNOWLEDGE = "search_knowledge"
OUT_OF_SCOPE = "out_of_scope"

_WORDS: dict[str, tuple[str, ...]] = {
    "token_cost": ("cost", "spend", "bill", "how much", "expensive", "cheap", "price tag", "pay",
                   "run us", "burn", "per month", "monthly", "a month", "budget", "afford"),
    "margin": ("margin", "gross", "cogs", "profitab", "keep of", "left over", "unit economics"),
    "break_even": ("break even", "break-even", "breakeven", "pay back", "payback", "pays back",
                   "pay for itself", "pays for itself", "recoup", "roi", "worth it", "how many users",
                   "how many customers", "how many subscribers", "should we charge", "what to charge",
                   "price for", "need to charge", "cover our", "cover the", "to cover", "profitable"),
    "compliance_overhead": ("complian", "regulat", "legal", "r&d", "audit", "eu ai act", "gdpr",
                            "certif", "region"),
    "self_host": ("self-host", "self host", "selfhost", "host it ourselves", "host ourselves",
                  "our own gpu", "own gpus", "on-prem", "on prem", "gpu", "tokens per second",
                  "tok/s", "utiliz", "utilis", "rent", "run it ourselves", "run llama", "host llama",
                  "open-source model", "open source model", "open-weight"),
    "routing": ("rout", "traffic", "cheaper model", "blend", "mix of models", "cascade",
                "send the rest", "small model for", "escalat", "of queries to", "of requests to"),
    "pricing_plan": ("plan", "free quota", "free tier", "freemium", "flat fee", "flat-rate",
                     "flat rate", "overage", "add-on", "addon", "subscription", "include",
                     "allowance", "quota", "lose money on", "loses money", "heavy users",
                     "unlimited", "paywall", "per seat"),
    "caching": ("cache", "caching", "hit rate", "trim", "shorter prompt", "prompt compression",
                "compress", "dedup"),
    "solve": ("what price", "which price", "max price", "maximum price", "highest price",
              "how many users can", "how many queries can", "keep", "stay under", "stay below",
              "at most", "goal", "solve", "need to be", "has to be", "must be", "what would",
              "target", "how many", "before we", "blow through", "exceed", "go over", "maximum"),
    "draft_memo": ("memo", "one-pager", "one pager", "write-up", "writeup", "pricing doc", "pricing proposal",
                   "pricing brief", "pricing recommendation", "pricing document"),
    "sweep": ("sweep", "as users grow", "as we grow", "as usage grows", "scale from", "grow from", "goes from",
              "range", "ramp", "at different", "change as", "chart", "table of", "curve", "grows from",
              "grow to", "go from", "going from", "plot", "graph"),
    "sensitivity": ("sensitiv", "tornado", "which input", "what input", "matters most", "biggest driver",
                    "drives", "most impact", "most effect", "plus or minus", "+/-", "swing", "which assumption",
                    "what if each", "what moves"),
    "monte_carlo": ("monte carlo", "simulat", "uncertain", "p95", "p5", "p50", "percentile", "distribution",
                    "worst case", "best case", "confidence", "range of outcomes", "probabilit", "odds",
                    "share of users", "what share", "what fraction", "how many of our users"),
    "compare": ("compare", "comparison", " vs", "versus", "times more", "times cheaper",
                "how many times", "difference between", "cheaper than", "more expensive than",
                "side by side", "switch"),
}

_KNOWLEDGE_CUES = ("why", "what is", "what's", "what are", "who", "explain", "tell me about",
                   "what did", "how do you", "how does", "how is", "how are", "what happened",
                   "according", "source", "example", "examples", "lesson", "risk", "should i",
                   "should we", "what does the", "describe", "meaning", "define", "definition",
                   "what about", "how did", "when did", "advice", "best practice", "strategy",
                   "is it true", "true that", "really", "did they", "did it", "where does", "where do",
                   "where did", "come from", "comes from", "came from", "rule of thumb", "origin",
                   "how many words", "how many english words")
_DOMAIN = ("ai", "llm", "gpt", "model", "token", "gpu", "api", "openai", "chatgpt", "price",
           "pricing", "cost", "margin", "saas", "startup", "complian", "regulat", "legal", "ip",
           "copyright", "privacy", "gdpr", "finops", "cache", "caching", "routing", "self-host",
           "open-source", "open source", "llama", "deepseek", "mosaic", "notion", "jasper", "copy.ai",
           "perceptin", "cypher", "semianalysis", "vendor", "lock-in", "aws", "tax", "monetiz",
           "freemium", "usage-based", "engineer", "economi", "break-even", "break even", "revenue",
           "fine-tun", "inference", "training", "executive order", "ai act", "licen", "watermark",
           "verification", "bias", "hallucinat", "willingness", "value", "meter", "unit econ",
           "business", "profit", "calculat", "formula", "compute", "convention", "assum")

_SLOT_EVIDENCE: dict[str, dict[str, float]] = {
    "token_cost": {"users": 1.0, "queries": 1.0, "tokens": 0.8, "input_tokens": 0.8,
                   "output_tokens": 0.8, "token_price": 0.8, "input_price": 0.8, "words": 0.5},
    "margin": {"provider_share": 2.5, "revenue": 1.5, "cogs": 1.5, "margin": 0.7, "cost_per_user": 0.7,
               "price_per_user": 0.4},
    "break_even": {"fixed_costs": 2.0, "investment": 2.0, "saving": 1.5, "price_per_user": 0.6,
                   "cost_per_user": 0.6, "margin": 0.5},
    "compliance_overhead": {"compliance": 2.5, "development": 1.5, "regions": 1.0, "technology": 1.0,
                            "verification": 1.0, "training": 1.0},
    "self_host": {"gpus": 1.5, "throughput": 2.0, "gpu_hourly": 2.0, "utilization": 1.5},
    "routing": {"traffic_share": 2.0, "multiplier": 1.0},
    "pricing_plan": {"price_per_user": 0.8, "cost_per_query": 1.0},
    "caching": {"hit_rate": 2.5, "reduction": 1.5, "bill": 1.0},
    "solve": {"budget": 2.0},
    "compare": {},
    "draft_memo": {},
    "sweep": {},
    "sensitivity": {},
    "monte_carlo": {},
}


# A memo is asked for with a document noun and a request ("draft", "write me", "I need") or a pricing word; a
# weak noun ("a brief", "a document") only with both ("prepare a brief on how to price the add-on").
_DOC_STRONG = ("memo", "one-pager", "one pager", "pager", "write-up", "writeup", "pricing doc", "pricing proposal",
               "pricing brief", "pricing recommendation", "pricing document")
_WEAK_NOUNS = ("brief", "document", "doc", "report", "proposal", "write up")
_DOC_WEAK = re.compile(r"\b(?:a|an|the|our|my)\s+(?:short\s+|quick\s+|pricing\s+)?(?:" + "|".join(_WEAK_NOUNS)
                       + r")\b(?!\s+(?:overview|summary|explanation|look|answer|note|of what))")
_DOC_ASK = ("draft", "write", "prepare", "put together", "pull together", "make", "create", "produce", "need",
            "want", "would like", "give me", "send", "generate", "build", "compose", "can you", "could you", "please")
_DOC_PRICING = ("pric", "monetiz", "plan", "fee", "charge", "add-on", "addon", "tier", "subscription", "seat")


def _memo_evidence(p: Parsed) -> float:
    asks, pricing = _keyword_score(p, _DOC_ASK) > 0, _keyword_score(p, _DOC_PRICING) > 0
    if _keyword_score(p, _DOC_STRONG) and (asks or pricing):
        return 1.0 + pricing
    return 1.0 if asks and pricing and _DOC_WEAK.search(p.norm.lower()) else 0.0


def requests_document(text: str) -> bool:
    """Whether a document is asked for ("draft", "write me", "I need"), not only named ("Pricing proposal: ...")."""
    return _DOC_REQUEST.search(text) is not None


# the request governs the document: "draft a pricing memo", "I need a one-pager on ...", "write me a proposal"; not
# "for the FY budget memo I need the annual spend" (a memo the figures are for)
_DOC_NOUN = "(?:" + "|".join(map(re.escape, (*_DOC_STRONG, *_WEAK_NOUNS, "recommendation"))) + r")\b"
_DOC_REQUEST = re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, _DOC_ASK)) + r")\b(?:\s+[\w'-]+){0,4}?\s+"
                          + _DOC_NOUN, re.I)


def _keyword_score(p: Parsed, words: tuple[str, ...]) -> float:
    return sum(1.0 for w in words if p.has(w))


def asks_to_explain(p: Parsed) -> bool:
    """Whether the question asks for facts or reasons ("why", "what did", "is it true")."""
    return _keyword_score(p, _KNOWLEDGE_CUES) > 0


def mentions(p: Parsed, tool: str) -> float:
    """Keyword evidence alone (no slots) that the question asks for `tool`."""
    return _keyword_score(p, _WORDS[tool])


def score(p: Parsed) -> dict[str, float]:
    """Evidence for each calculator, the knowledge base and out-of-scope."""
    kinds = [n.kind for n in p.nums]
    scores = {}
    for tool, words in _WORDS.items():
        s = _keyword_score(p, words)
        s += sum(w for kind, w in _SLOT_EVIDENCE[tool].items() if kind in kinds)
        scores[tool] = s
    if p.gpus:
        scores["self_host"] += 2.0
    options = len(set(p.models)) + len(p.of("token_price"))
    if options >= 2:
        shares = sum(n.percent for n in p.nums) >= 2 or (any(n.percent for n in p.nums) and len(set(p.models)) >= 2)
        scores["routing" if shares else "compare"] += 3.0  # "70% to X, 30% to Y" is a traffic split
        if not shares:  # the cost of two priced options is a comparison, however it is worded
            scores["compare"] = max(scores["compare"], scores["token_cost"] + 1.0)
    if p.has("free") and ("queries" in kinds or p.has("quota", "tier")):
        scores["pricing_plan"] += 1.0
    scores["draft_memo"] = _memo_evidence(p)
    if scores["draft_memo"] > 0:  # a memo uses every calculator: asking for one decides
        scores["draft_memo"] += max(v for k, v in scores.items() if k != "draft_memo") + 2.0
    for tool in ("sweep", "sensitivity", "monte_carlo"):  # with figures, a scenario's own words decide
        if scores[tool] > 0 and p.nums:
            scores[tool] += scores["token_cost"] + 1.0
    domain = _keyword_score(p, _DOMAIN)
    cue = _keyword_score(p, _KNOWLEDGE_CUES)
    numbers = len(p.nums)
    scores[KNOWLEDGE] = 0.0 if domain == 0 else (cue * 1.5 + min(domain, 3)) * (1.0 if numbers == 0 else 0.35)
    # Plain counts in a sentence with no economic word ("who won the 2018 World Cup?") do not make it ours.
    plain = len(p.words) >= 3 and all(n.kind == "count" and not n.money and not n.percent for n in p.nums)
    economic = domain + sum(scores[t] for t in _WORDS) + (0 if plain else numbers)
    scores[OUT_OF_SCOPE] = 3.0 if economic == 0 else (1.0 if domain == 0 and numbers == 0 else 0.0)
    return scores
