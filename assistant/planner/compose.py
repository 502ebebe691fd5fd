"""Compose the final answer from tool results only: the number first, then the audit trail."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant import passages as passages_
from tools import fmt

__all__ = ["ToolOutcome", "answers_question", "compose"]

ToolOutcome = tuple[str, dict[str, Any], dict[str, Any] | list[Any] | None, str | None]
"""(tool name, args, result artifact, error message)."""

_MATCH_SHARE = 0.6  # share of a question's content words a passage must hold to answer it
_FUNCTION_WORDS = frozenset({
    "about", "also", "could", "does", "from", "give", "have", "into", "just", "know", "many", "more", "most",
    "much", "only", "ours", "shall", "should", "show", "some", "tell", "than", "that", "their", "them",
    "there", "these", "they", "this", "those", "very", "were", "what", "when", "where", "which", "whom",
    "whose", "will", "with", "would", "your"
})


def code(text: str) -> str:
    """A formula as inline code, so markdown leaves `*` and `_` alone ("100*monthly_cost/(3*price)")."""
    text = " ".join(str(text).split())
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}" if text else ""


def _value(v: Any) -> str:
    if isinstance(v, bool) or not isinstance(v, int | float):
        return str(v)
    return fmt.number(v)


def _inputs(result: dict[str, Any]) -> str:
    parts = []
    for name, q in (result.get("inputs") or {}).items():
        unit = q.get("unit", "")
        value = _value(q.get("value"))
        parts.append(f"{name.replace('_', ' ')} = {value}{'' if unit in ('USD', '') else ' ' + unit}")
    return "; ".join(parts)


def _calc_section(tool: str, result: dict[str, Any]) -> list[str]:
    lines = [f"**{tool.replace('_', ' ').capitalize()}**",
             f"- Formula: {code(result.get('formula', ''))}"]
    if inputs := _inputs(result):
        lines.append(f"- Inputs: {inputs}")
    return lines


def _sources(results: list[dict[str, Any]]) -> list[str]:
    lines, seen = [], set()
    for r in results:
        for s in r.get("sources") or []:
            key = (s["provider"], s["model"], s["price"])
            if key in seen:
                continue
            seen.add(key)
            line = f"- {s['provider']} {s['model']}: {s['price']}, as of {s['as_of']} ({s['origin']}"
            line += f"; checked {s['checked']})" if s.get("checked") else ")"
            if s.get("warning"):
                line += f" **Warning:** {s['warning']}"
            if s.get("stale_note"):
                line += f" Note: {s['stale_note']}"
            line += "".join(f" {n}" for n in s.get("notes") or [])
            lines.append(line)
    return lines


def _passages(artifacts: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The found passages once each, sanitized and flagged: evidence to quote, never instructions."""
    out, seen = [], set()
    for passages in artifacts:
        for p in passages:
            key = (p.get("source"), p.get("section"), p.get("text", "")[:80])
            if key not in seen:
                seen.add(key)
                out.append(p)
    return passages_.prepare(out)


_LABELS: dict[str, tuple[str, str]] = {  # asked variable -> (label, format)
    "monthly_revenue": ("Monthly revenue", "money"),
    "heavy_user_bill": ("The heavy user pays", "money"), "heavy_user_cost": ("The heavy user costs", "money"),
    "heavy_user_margin": ("Margin on the heavy user", "pct"),
    "monthly_cost": ("Monthly cost", "money"), "yearly_cost": ("Yearly cost", "money"),
    "daily_cost": ("Daily cost", "money"), "weekly_cost": ("Weekly cost", "money"),
    "quarterly_cost": ("Quarterly cost", "money"), "baseline_monthly_cost": ("Monthly bill on the baseline", "money"),
    "cost_per_query": ("Cost per query", "money"),
    "cost_per_user": ("Cost per user per month", "money"), "margin": ("Gross margin", "pct"),
    "plan_model_cost": ("Monthly model cost, both tiers", "money"), "total": ("Total per month", "money"),
    "gross_profit": ("Gross profit", "money"), "profit": ("Monthly profit after fixed costs", "money"),
    "break_even_users": ("Break-even users", "users"),
    "break_even_revenue": ("Monthly revenue at break-even", "money"),
    "price_per_user": ("Price per user per month", "money"),
    "payback_months": ("Payback", "months"), "months_from_start": ("From the start of the work", "months"),
    "max_queries": ("Queries the plan can include", "number"),
    "break_even_queries": ("Break-even queries per user a month", "number"),
    "overage_revenue": ("Expected overage revenue a month", "money"),
    "loss_share": ("Paying users who cost more than the fee", "pct"), "free_tier_cost": ("Free tier cost", "money"),
    "saving": ("Monthly saving", "money"), "yearly_saving": ("Yearly saving", "money"),
    "new_monthly_cost": ("New monthly bill", "money"), "self_host_per_1m": ("Self-hosting cost per 1M tokens", "rate"),
    "million_tokens": ("Cost of 1M tokens", "price"),
    "break_even_tokens": ("Break-even volume", "tokens"), "self_host_monthly": ("Self-hosting per month", "money"),
    "gpu_rent": ("Monthly GPU rent", "money"), "self_host_fixed": ("Monthly fixed cost (GPU rent and other)", "money"),
    "break_even_throughput": ("Break-even throughput per GPU", "throughput"),
    "gpus_needed": ("GPUs needed", "number"),
    "api_monthly": ("API per month", "money"), "difference": ("Difference", "money"),
    "self_host_saving": ("Self-hosting saves per month", "money"),
    "ratio": ("Dearest / cheapest", "ratio"),
    "difference_yearly": ("Difference per year", "money"),
    "blended_price": ("Blended price per 1M tokens", "price"),
    "compliance_ratio": ("Compliance / development", "ratio"),
    "compliance_share": ("Compliance share of total cost", "pct"),
    "region_compliance_cost": ("Compliance with the new regions", "money"),
    "region_compliance_ratio": ("Compliance / development with the new regions", "ratio"),
}


_SYMBOLS = {"price_per_1m": "price per 1M tokens", "price_per_1k": "price per 1K tokens",
            "queries_per_user_per_day": "queries per user per day", "tokens_per_query": "tokens per query",
            "gpu_hourly_usd": "GPU price per hour", "tokens_per_second": "throughput (tokens per second)"}


_NEVER = ("break_even_users", "payback_months", "months_from_start", "break_even_queries", "break_even_tokens",
          "break_even_throughput")


def _ask_line(ask: Any, calcs: list[tuple[str, dict[str, Any]]]) -> str | None:
    """'**Monthly cost:** $4,665.60', read from the result that holds the asked variable."""
    results = [r for t, r in reversed(calcs) if t == ask.tool]  # the latest call that holds the field, if several
    result = next((r for r in results if r.get(ask.field) is not None), results[0] if results else None)
    if result is None:
        return None
    value = result.get(ask.field)
    table, *columns = ask.var.split("+")  # "compare_table+day+week": the table with a day's and a week's cost
    if table in _TABLES:
        return _TABLES[table](result, *columns)
    if ask.var == "profit_crossing":
        name = str(result.get("variable", "value")).replace("_", " ")
        return None if value is None else f"**Profit crosses zero at:** {name} = {fmt.number(value)}"
    if ask.var.startswith("mc_"):
        label, money = _MC_LABELS.get(ask.field, (ask.field.replace("_", " "), False))
        shown = "n/a" if value is None else fmt.money(value) if money else fmt.pct(value)
        return f"**{label}:** {shown}"
    if ask.tool == "solve":
        symbol = str(result.get("unknown", ask.var))
        label = _SYMBOLS.get(symbol, symbol.replace("_", " "))
        if value is None:
            return f"**{label.capitalize()}:** no solution ({result.get('reason') or 'see below'})"
        unit = str(result.get("unit", ""))
        shown = fmt.pct(value) if unit == "fraction" else (fmt.money(value) if unit.startswith("USD")
                                                            else f"{fmt.number(value)} {unit}")
        return f"**{label.capitalize()}:** {shown}"
    label, kind = _LABELS.get(ask.var, (ask.var.replace("_", " ").capitalize(), "number"))
    if value is None:  # only a break-even or a payback can be 'never'; another figure left unknown is not led with
        reason = result.get("reason") or result.get("break_even_reason")
        return f"**{label}:** never{f' ({reason})' if reason else ''}" if ask.var in _NEVER or reason else None
    if not isinstance(value, int | float):
        return None
    shows = {"money": fmt.money, "price": fmt.unit_price, "pct": fmt.pct, "ratio": fmt.ratio, "rate": fmt.cost_rate,
             "throughput": lambda v: fmt.number(round(v))}  # as the calculator states it: whole tokens/s
    shown = shows.get(kind, fmt.number)(value)
    suffix = {"users": " users", "months": " months", "tokens": " tokens a month",
              "throughput": " tokens/s"}.get(kind, "")
    return f"**{label}:** {shown}{suffix}"


def _sweep_table(result: dict[str, Any]) -> str:
    name = str(result.get("variable", "value")).replace("_", " ")
    rows = result.get("rows") or []
    margin = any(r.get("gross_margin") is not None for r in rows)
    lines = [f"| {name} | monthly cost |{' profit | gross margin |' if margin else ''}",
             f"| --- | --- |{' --- | --- |' if margin else ''}"]
    for r in rows:
        cell = f" {fmt.money(r['profit_usd'])} | {fmt.pct(r['gross_margin'])} |" \
            if margin and r.get("gross_margin") is not None and r.get("profit_usd") is not None else \
            (" n/a | n/a |" if margin else "")
        money = name.startswith(("price", "fee"))
        value = fmt.money(r["value"]) if money else fmt.number(r["value"])
        lines.append(f"| {value} | {fmt.money(r['monthly_cost_usd'])} |{cell}")
    return "\n".join(lines)


def _top_driver(result: dict[str, Any]) -> str:
    rows = result.get("rows") or []
    metric = str(result.get("metric", "monthly_cost"))
    show = fmt.pct if metric == "gross_margin" else fmt.money
    lines = ["| input | low | high | " + metric.replace("_", " ") + " at low | at high |",
             "| --- | --- | --- | --- | --- |"]
    for r in rows:
        lines.append(f"| {r['input'].replace('_', ' ')} | {fmt.number(r['low_value'])} | "
                     f"{fmt.number(r['high_value'])} | {show(r['metric_at_low'])} | {show(r['metric_at_high'])} |")
    if rows:
        top = rows[0]
        lo, hi = sorted((top["metric_at_low"], top["metric_at_high"]))
        lines.insert(0, f"**Biggest driver:** {top['input'].replace('_', ' ')} ({metric.replace('_', ' ')} from "
                        f"{show(lo)} to {show(hi)})\n")
    return "\n".join(lines)


_MC_LABELS = {"cost_p5_usd": ("Monthly cost, P5", True), "cost_p50_usd": ("Monthly cost, P50 (median)", True),
              "cost_p95_usd": ("Monthly cost, P95", True), "user_cost_p50_usd": ("Median user's monthly cost", True),
              "user_cost_p95_usd": ("P95 user's monthly cost", True), "margin_p50": ("Gross margin, P50", False),
              "margin_p95": ("Gross margin, P95", False),
              "loss_share": ("Share of users costing more than they pay", False)}
def _compare_table(result: dict[str, Any], *columns: str) -> str:
    """The options side by side; `columns` adds 'query', 'day', 'week' or 'year' costs beside the monthly one."""
    if result.get("total_monthly_usd") is not None:  # segments of one workload: no cheapest, no multiples
        rows = [f"| {r['label']} | {fmt.money(r['monthly_cost_usd'])} |" for r in result.get("rows") or []]
        return "\n".join(["| segment | cost per month |", "| --- | --- |", *rows,
                          f"| **total** | **{fmt.money(result['total_monthly_usd'])}** |"])
    basis = str(result.get("basis", "per month"))
    shown = [(c, f) for c, f in _COLUMNS if c in columns
             and all(r.get(f) is not None for r in result.get("rows") or [])]
    before = [(c, f) for c, f in shown if c != "year"]
    after = [(c, f) for c, f in shown if c == "year"]
    head = "".join(f" cost per {c} |" for c, _ in before) + f" cost {basis} |" + "".join(
        f" cost per {c} |" for c, _ in after)
    lines = [f"| option |{head} x cheapest |", "| --- |" + " --- |" * (len(shown) + 2)]
    for r in result.get("rows") or []:
        ratio = "" if r.get("ratio_to_cheapest") is None else fmt.ratio(r["ratio_to_cheapest"])
        cells = "".join(f" {fmt.money(r[f])} |" for _, f in before) + f" {fmt.money(r['monthly_cost_usd'])} |" \
            + "".join(f" {fmt.money(r[f])} |" for _, f in after)
        lines.append(f"| {r['label']} |{cells} {ratio} |")
    lines.insert(0, f"**Cheaper:** {result.get('cheapest_label', '')}\n")
    return "\n".join(lines)


_COLUMNS = (("query", "cost_per_query_usd"), ("day", "daily_cost_usd"), ("week", "weekly_cost_usd"),
            ("year", "yearly_cost_usd"))
_TABLES: dict[str, Callable[..., str]] = {
    "sweep_table": _sweep_table, "top_driver": _top_driver, "compare_table": _compare_table,
    "compare_per_query": lambda result, *more: _compare_table(result, "query", *more),
    "compare_yearly": lambda result, *more: _compare_table(result, "year", *more)}


def compose(outcomes: list[ToolOutcome], notes: list[str], asks: list[Any] | None = None) -> str:
    """Markdown answer: each asked figure, headlines, then formula and inputs, assumptions, sources, citations."""
    calcs = [(t, r) for t, _, r, e in outcomes if e is None and isinstance(r, dict)]
    errors = [(t, e) for t, _, _, e in outcomes if e is not None]
    passages = _passages([r for t, _, r, e in outcomes if e is None and isinstance(r, list)])
    head: list[str] = [line for a in asks or [] if (line := _ask_line(a, calcs))]
    if head:
        head = ["  \n".join(head), ""]  # the asked figures first, one per line, then the calculators' sentences
    head += [r["headline"] for _, r in calcs if r.get("headline")]
    for tool, error in errors:
        head.append(f"I could not compute the {tool.replace('_', ' ')}: {error}")
    if not calcs and passages:  # quoted with its origin (or the catalog's price), never in our own voice
        head += passages_.lead(passages)
    elif not calcs and not errors:
        head.append("I found nothing in the knowledge base on that. Try naming the topic (e.g. "
                    "'open-source vs API cost', 'startup gross margins', 'compliance costs').")
    body: list[str] = []
    for tool, result in calcs:
        body += ["", *_calc_section(tool, result)]
    assumptions = list(dict.fromkeys([*notes, *(a for _, r in calcs for a in r.get("assumptions", []))]))
    if assumptions:
        body += ["", "**Assumptions**", *(f"- {a}" for a in assumptions)]
    if sources := _sources([r for _, r in calcs]):
        body += ["", "**Price sources**", *sources]
    if passages:
        body += ["", "**From the knowledge base**"]
        if calcs:
            for i, p in enumerate(passages[:2], 1):
                body += [passages_.quote(p, i), *filter(None, [passages_.caution(p, i)])]
        body += [passages_.citation_line(p, i) for i, p in enumerate(passages, 1)]
    return "\n".join([*head, *body]).strip()


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z0-9-]{3,}", text.lower()) if w not in _FUNCTION_WORDS}


def answers_question(question: str, outcomes: list[ToolOutcome]) -> bool:
    """Whether a found passage holds most of the question's content words (a close, literal match)."""
    wanted = _content_words(question)
    if len(wanted) < 2:  # one shared word is not a match
        return False
    for _, _, result, error in outcomes:
        for passage in result if error is None and isinstance(result, list) else []:
            found = _content_words(passage.get("text", "") + " " + passage.get("title", ""))
            stems = {w[:5] for w in found}
            if sum(w in found or w[:5] in stems for w in wanted) >= _MATCH_SHARE * len(wanted):
                return True
    return False
