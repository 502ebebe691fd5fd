"""Routing from roles (planner v2): traffic shares paired in order with the models or prices they go to.

"70% of traffic to gpt-4o-mini, 30% to gpt-4o", "send 80% to a $0.40/M model and the rest to a $6/M
one" (the calculator gives the last route the rest), "70% to a 10x cheaper model"; a baseline is the model
"everything" would otherwise run on.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.planner.lexicon import LEXICON
from assistant.planner.names import as_named_before, find_models
from assistant.planner.quantities import Num
from assistant.planner.reading import Given, Reading
from assistant.planner.route_shares import (
    current_model,
    models_after_shares,
    named_routes,
    placed_shares,
    same_model,
    shares_of,
)
from assistant.planner.route_workload import usage_workload
from assistant.planner.steps import Ask, Chain

__all__ = ["is_routing", "routing_chain", "routing_followup", "share_to_another_model"]

_BASELINE = re.compile(r"\b(?:(?:everything(?: for [\w-]+(?: [\w-]+){0,2})?|it all|"  # "everything for X runs on"
                       r"(?:(?<=keep )|(?<=keeping )|(?<=sending )|(?<=leaving ))all|"
                       r"all (?:(?:of )?(?:our|the|my) )?(?:traffic|requests|queries|calls))"
                       r"(?: (?:currently |still |now )?(?:goes|go|runs|run|is|are|sits|went))?|all of it|all of them|"
                       r"only|entirely|(?:(?<='re )|(?<=are )|(?<=is )|(?<=was )|(?<=run )|(?<=ran ))all)"
                       r"\s+(?:on|to|through|with|via|using)\s+(.{1,40})|"
                       r"\b100%\s+(?:(?:of (?:it|them|(?:the |our )?(?:traffic|requests|queries|calls)) )?"
                       r"(?:on|to|through|with|via|using)\s+)?(.{1,40})|"
                       r"\b(?:versus|vs\.?|against|compared (?:with|to)) all\s+(.{1,40})", re.I)
_REST = re.compile(r"\b(?:the rest|the remainder|remaining|everything else|all (?:the )?others?|the other (?:\d+%|"
                   r"traffic|requests|queries|calls))\b", re.I)
_ASKS = {"blended_price": "blended_per_1m_usd", "saving": "monthly_saving_usd", "monthly_cost": "blended_monthly_usd",
         "new_monthly_cost": "blended_monthly_usd",  # "the new monthly bill" after routing
         "baseline_monthly_cost": "baseline_monthly_usd"}


def is_routing(reading: Reading, asks: list[str]) -> bool:
    """Two or more traffic shares, or a share beside two options or a 'N times cheaper' model."""
    shares = shares_of(reading)
    options = len(reading.models) + len(reading.all("token_price"))
    return len(shares) >= 2 or (len(shares) == 1 and (options >= 2 or reading.has("factor"))) \
        or ("blended_price" in asks and options >= 2 and len(reading.models) < 3 and not reading.has("input_share"))


def share_to_another_model(reading: Reading, model: str) -> bool:
    """A traffic share sent to a model other than the one the scenario runs on ("route 80% of that to haiku").

    After a bill, "75% of it goes to haiku" is a share of its traffic, whatever the share's cue read it as.
    """
    if not reading.models or model in reading.models or reading.givens_vars() - {"traffic_share", "provider_share"}:
        return False
    if not shares_of(reading) and len(sent := reading.all("provider_share")) == 1:
        sent[0].var = "traffic_share"
    return len(shares_of(reading)) == 1


def routing_chain(reading: Reading, asks: list[str], question: str, scenario: dict[str, Any] | None = None) -> Chain:
    """The routing step, or what is missing for it (after a bill, its model is the baseline and its usage the load)."""
    out = Chain()
    args: dict[str, Any] = {}
    shares = shares_of(reading)
    scenario = scenario or {}
    baseline = _baseline(question, reading) or current_model(reading) or scenario.get("model")
    models = list(reading.models)
    if baseline in models and len(models) == len(shares) + 1:
        models.remove(baseline)  # "route between A and B instead of everything on C": C is only the baseline
    options: list[dict[str, Any]] = [{"model": m} for m in models]
    priced = [g for g in reading.all("token_price") if g.unit in (None, "per_1m")]
    named = named_routes(reading)
    if named is not None:  # "GPT-4 at $30/$60 per 1M, GPT-3.5 at $2 ... a 90% GPT-3.5 / 10% GPT-4 split"
        options, shares, own_prices = named
        baseline_pricing = own_prices.get(same_model(baseline, own_prices)) if baseline else None
        priced = []
    elif (paired := models_after_shares(reading)) is not None:
        options = [{"model": m} for m in paired]  # "route 70% of it to gpt-4o-mini and keep 30% on gpt-4o"
    first_share = min((at for at, _ in placed_shares(reading)), default=-1)
    if not models and len(priced) == len(shares) + 1 and len(shares) >= 2 and 0 <= priced[0].start < first_share \
            and _baseline_price(question) in (None, priced[0].value):  # "instead of everything on a $10/M model, ..."
        baseline_price: float | None = priced.pop(0).value  # "all on a $5/M model today. Plan: 60% to ..."
    else:
        baseline_price = None
    if len(priced) > len(shares):  # "... compared with everything on the $4 model": a price named again
        priced = [g for i, g in enumerate(priced) if all(g.value != h.value for h in priced[:i])]
    options += [{"price_per_1m": g.value} for g in priced]
    pairs = list(zip(reading.all("input_price"), reading.all("output_price"), strict=False))
    if not options and len(pairs) == len(shares) and all(g.unit in (None, "per_1m") for p in pairs for g in p):
        options = [{"input_price": i.value, "output_price": o.value} for i, o in pairs]  # "$0.10 in / $0.40 out"
    rest_on_baseline = baseline is not None and len(shares) == len(options) >= 1 and sum(shares) < 100 \
        and baseline not in [o.get("model") for o in options] and reading.get("factor") is None
    if rest_on_baseline:  # "everything on sonnet today; 65% would be fine on haiku": the rest stays where it is
        options.append({"model": baseline})
    factor = reading.get("factor")
    if len(shares) == 2 and factor is not None and len(options) <= 1 and abs(sum(shares) - 100) < 1e-9:
        # "move 70% to a model that's 10x cheaper and keep 30% on the current one": the share before the factor
        at_shares = placed_shares(reading)
        shares = [next((v for at, v in reversed(at_shares) if at < factor.start), at_shares[0][1])]
    if len(shares) == 1 and factor is not None and len(options) <= 1:
        args.update(cheap_share=f"{shares[0]:g}%", cheap_price_ratio=factor.value)
        if options and "model" in options[0]:
            args["baseline_model"] = options[0]["model"]
        elif options:
            args["baseline_price_per_1m"] = options[0]["price_per_1m"]  # "everything goes to a $5/M model"
    elif len(shares) == len(options) >= 2:
        args["routes"] = [{**o, "share": f"{s:g}%"} for o, s in zip(options, shares, strict=True)]
    elif len(shares) == len(options) - 1 and len(shares) >= 1 and (rest_on_baseline or _REST.search(question)):
        # "80% to a $0.40/M model and the rest to a $6/M one": the calculator gives the last route the rest
        args["routes"] = [*({**o, "share": f"{s:g}%"} for o, s in zip(options, shares, strict=False)), options[-1]]
    elif len(shares) == len(options) - 1:
        out.missing.append("the share of traffic for the last option (shares must add up to 100%)")
        return out
    else:
        out.missing.append("how traffic is split (e.g. '70% to gpt-4o-mini, 30% to gpt-4o')")
        return out
    if baseline and named is not None:
        args["baseline"] = {"model": baseline, **(baseline_pricing or {})}
    elif baseline and "baseline_model" not in args:
        args["baseline_model"] = baseline
    elif (price := _baseline_price(question) or baseline_price) is not None and "baseline_price_per_1m" not in args:
        args["baseline_price_per_1m"] = price  # "compared with sending everything to the $2.50 model"
    if (share := reading.get("input_share") or reading.get("api_input_share")) is not None:
        args["input_share"] = f"{share.value:g}%"
    tokens = reading.get("monthly_tokens") or next(
        (g for g in reading.all("tokens_per_query") if g.value >= 1e6), None)  # "the spend at 800M tokens"
    if tokens is not None:
        args.update(_workload(tokens))
    elif (bill := reading.get("monthly_cost")) is not None:
        args["monthly_bill_usd"] = bill.value  # "spend is $240k a month today": the bill all traffic runs up now
    elif (amount := _unnamed_bill(reading, asks)) is not None:
        args["monthly_bill_usd"] = amount.value  # "on gpt-4o today, $5,200/month ... new monthly bill?"
        reading.unused.remove(amount.text)
        reading.unplaced.remove(amount)
    elif (load := usage_workload(reading, scenario, {"model": baseline} if baseline else {})) is not None:
        out.steps.append(load[0])  # "12k users, 8 queries a day ... on sonnet": today's bill and its tokens
        args.update(load[1])
        out.used |= {"users", "queries_per_user", "tokens_per_query", "input_tokens", "output_tokens"}
    out.steps.append(("routing", args))
    placed = {n.text for n in reading.unplaced if n.percent}  # bare shares beside a named one are traffic shares
    reading.unused = [u for u in reading.unused if u not in placed]
    volume = {"monthly_tokens", "monthly_bill_usd"} & set(args)
    wanted = [a for a in asks if a in _ASKS] or ["blended_price", *(("monthly_cost", "saving") if volume else ())]
    if ("compare" in asks or _baseline(question, reading)) and {"monthly_cost", "new_monthly_cost"} & set(wanted):
        wanted.append("baseline_monthly_cost")  # "the bill vs sending everything to the flagship": both bills
    if "saving" in wanted and "monthly_tokens" in args and "monthly_cost" not in wanted:
        wanted.insert(wanted.index("saving"), "monthly_cost")  # a saving on a monthly volume: the routed bill too
    out.asks = [Ask(a, "routing", _ASKS[a]) for a in dict.fromkeys(["blended_price", *_with_baseline(wanted, args)])]
    out.used |= {"traffic_share", "input_share", "api_input_share", "monthly_tokens", "token_price", "factor",
                 "input_price", "output_price", "monthly_cost"}
    return out


def _baseline_price(question: str) -> float | None:
    m = _BASELINE.search(question)
    price = re.search(r"\$\s?(\d+(?:\.\d+)?)(?![\d.,]*\s?(?:k|m|bn?|thousand|million)\b|\s*(?:/|a |an |per )\s*"
                      r"(?:month|mo|year|yr)\b)", _said(m), re.I) if m else None  # not "$200k/month"
    return float(price.group(1)) if price else None


def _unnamed_bill(reading: Reading, asks: list[str]) -> Num | None:
    """The one amount a month that no cue named, when a new bill or a saving is asked: what traffic costs today."""
    if not {"new_monthly_cost", "saving"} & set(asks):
        return None
    dollars = re.search(r"\b(?:in dollars|usd|dollars)\b", reading.norm, re.I) is not None  # "in dollars: 300k a month"
    monthly = [n for n in reading.unplaced if (n.money or (dollars and not n.percent and n.kind in ("months", "count")))
               and n.price_unit is None and n.period is not None and n.period.value == "month"]
    return monthly[0] if len(monthly) == 1 else None


def _said(m: re.Match[str]) -> str:
    """The text a baseline match names its model or price in."""
    return next(g for g in m.groups() if g is not None)


def _baseline(question: str, reading: Reading) -> str | None:
    """The model all traffic goes to today; a bare family name is the versioned model the question named before it."""
    m = _BASELINE.search(question)
    if not m:
        return None
    found = find_models(_said(m))
    if not found:
        return None
    return as_named_before([*reading.models, found[0][2]])[-1]  # "everything to sonnet" after claude-sonnet-4-5


_SIDES = {side: set(words) for side, words in LEXICON["route_sides"].items()}


def _with_baseline(wanted: list[str], args: dict[str, Any]) -> list[str]:
    """A saving on a token workload shows the bill it is saved from: all traffic on the baseline."""
    if "saving" in wanted and "monthly_tokens" in args and "baseline_monthly_cost" not in wanted:
        return [*wanted, "baseline_monthly_cost"]
    return wanted


def _workload(tokens: Given) -> dict[str, Any]:
    """The routing arguments of a token workload: "400M tokens a day" keeps its day, which the tool converts."""
    period = {"monthly_tokens_period": tokens.period} if tokens.period not in (None, "month") else {}
    return {"monthly_tokens": tokens.value, **period}


def routing_followup(reading: Reading, asks: list[str], previous: list[tuple[str, dict[str, Any]]]) -> Chain | None:
    """'What if we push the cheap share to 85%?' after a routing: the last routing with its shares moved.

    One new share goes to the route the follow-up names (a model, a price, or 'cheap'/'premium'), and with two
    routes the other takes the rest (the calculator computes it); as many shares as routes replace them in order.
    """
    if not previous or previous[-1][0] != "routing":
        return None  # only right after a routing
    last = previous[-1][1]
    routes = [dict(r) for r in last.get("routes") or []]
    shared = ("traffic_share", "provider_share")  # "if the small model takes 85%": a share of the traffic here
    shares = sorted([(n.start, n.value) for n in reading.unplaced if n.percent]
                    + [(g.start, g.value) for v in shared for g in reading.all(v)])
    prices = {r.get("price_per_1m") for r in routes}
    naming = {g.var for g in reading.givens if g.value in prices}  # "30% on the $6 one": the price names a route
    volume = reading.get("monthly_cost") or reading.get("monthly_tokens")
    if reading.givens_vars() - {*shared, "monthly_tokens", *naming} - ({"monthly_cost"} if not shares else set()):
        return None
    out = Chain()
    if not shares and volume is not None:  # "We spend $90k a month on gpt-4o. What would the routed bill be?"
        args = {**{k: v for k, v in last.items() if k not in ("monthly_bill_usd", "monthly_tokens",
                                                                  "monthly_tokens_period")},
                **({"monthly_bill_usd": volume.value} if volume.var == "monthly_cost" else _workload(volume))}
    elif not shares:
        return None
    elif "cheap_share" in last and len(shares) == 1:  # "what if only 60% can be routed?"
        args = {**last, "cheap_share": f"{shares[0][1]:g}%"}
    elif routes and len(shares) == len(routes):
        for route, (_, value) in zip(routes, shares, strict=True):
            route["share"] = f"{value:g}%"
        args = {**last, "routes": routes}
    elif len(shares) == 1 and len(routes) == 2 and (at := _named_route(reading, routes)) is not None:
        routes[at]["share"] = f"{shares[0][1]:g}%"
        routes[1 - at].pop("share", None)  # the other route takes the rest
        args = {**last, "routes": routes}
    else:
        return None
    if (tokens := reading.get("monthly_tokens")) is not None:
        args.pop("monthly_bill_usd", None)
        args.pop("monthly_tokens_period", None)
        args.update(_workload(tokens))
    out.steps.append(("routing", args))
    has_volume = "monthly_tokens" in args or "monthly_bill_usd" in args
    wanted = [a for a in asks if a in _ASKS] or (["monthly_cost", "saving"] if has_volume else [])
    out.asks = [Ask(a, "routing", _ASKS[a]) for a in dict.fromkeys(["blended_price", *_with_baseline(wanted, args)])]
    placed = {n.text for n in reading.unplaced if n.percent or (n.money and n.value in prices)}
    reading.unused = [u for u in reading.unused if u not in placed]
    return out


def _named_route(reading: Reading, routes: list[dict[str, Any]]) -> int | None:
    """The route a follow-up names: by its model, its price, or as the cheap or the dear one."""
    said = [g.value for g in reading.givens] + [n.value for n in reading.unplaced if n.money]
    for i, route in enumerate(routes):
        name = str(route.get("model", "")).lower()
        if route.get("model") and any(same_model(m, {name: 0}) == name or (  # "push 85% to haiku": the haiku route
                not re.search(r"\d", m) and m.lower() in re.split(r"[\s-]+", name)) for m in reading.models):
            return i
        if route.get("price_per_1m") is not None and route["price_per_1m"] in said:
            return i
    side = next((s for s, words in _SIDES.items() if words & reading.words), None)
    for i, route in enumerate(routes):  # "the mini share": a side word in a model's own name
        if side is not None and _SIDES[side] & set(re.split(r"[\s-]+", str(route.get("model", "")).lower())):
            return i
    prices = [float(r["price_per_1m"]) for r in routes if r.get("price_per_1m") is not None]
    if side is None or len(prices) != len(routes):
        return None
    cheap = prices.index(min(prices))
    return cheap if side == "cheap" else 1 - cheap
