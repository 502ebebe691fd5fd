"""Traffic shares and the models they go to (planner v2 routing).

Which percentages are traffic shares, and which model each share names: "a 90% GPT-3.5 / 10% GPT-4 split",
"70% of it to gpt-4o-mini, keep 30% on gpt-4o", or one share to a second model while the rest stays where it runs.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.planner.grammar import MODEL_TOKEN
from assistant.planner.lexicon import LEXICON
from assistant.planner.reading import Reading

__all__ = ["current_model", "models_after_shares", "named_routes", "placed_shares", "same_model", "shares_of"]

def placed_shares(reading: Reading) -> list[tuple[int, float]]:
    """Traffic shares with where they stand; once one is named, bare percentages are shares too."""
    named = [(g.start, g.value) for g in reading.all("traffic_share")]
    if (len(reading.all("token_price")) + len(reading.models) >= 2 or reading.has("factor")) \
            and not reading.has("revenue"):
        named += [(g.start, g.value) for g in reading.all("provider_share")]  # "70% go to a small/12x cheaper model"
    bare = [(n.start, n.value) for n in reading.unplaced if n.percent]
    routed = [n for n in reading.unplaced if n.percent and (set(n.after[:2]) & _ROUTED or n.after[:1] == [MODEL_TOKEN])]
    if not named and len(routed) >= 2 and len(reading.all("token_price")) + len(reading.models) >= 2:
        return _but_all(sorted(bare), reading.norm)  # "60% to a $0.50/M model, 30% to a $2/M one, and 10% stays on
        # the $5 model"
    return _but_all(sorted(named + bare), reading.norm) if named else []


def _but_all(shares: list[tuple[int, float]], norm: str) -> list[tuple[int, float]]:
    """Beside other shares, "100%" is all the traffic on one model: the baseline ("instead of 100% GPT-4o").

    A share said twice is one share when the shares then add up to more than all the traffic: "mini is fine for
    roughly 70% of them ... so if we route 70% of requests to gpt-4o-mini" keeps the one that names its model.
    """
    shares = [s for s in shares if s[1] != 100] if len(shares) >= 2 else shares
    if sum(v for _, v in shares) <= 100:
        return shares
    kept: list[tuple[int, float]] = []
    for at, value in shares:
        twin = next((i for i, (_, v) in enumerate(kept) if v == value), None)
        if twin is None:
            kept.append((at, value))
        elif _names_a_model(at, norm) and not _names_a_model(kept[twin][0], norm):
            kept[twin] = (at, value)
    return kept


def _names_a_model(at: int, norm: str) -> bool:
    """A model is named after the share in its own sentence ("70% of requests to gpt-4o-mini")."""
    stop = re.search(r"[.;?!](?:\s|$)|\n", norm[at:])
    return MODEL_TOKEN in norm[at:at + stop.start() if stop else len(norm)]


_ROUTED = set(LEXICON["routed_words"])


def shares_of(reading: Reading) -> list[float]:
    """The traffic shares, in the order they are written."""
    return [v for _, v in placed_shares(reading)]


def named_routes(reading: Reading) -> tuple[list[dict[str, Any]], list[float], dict[str, dict[str, Any]]] | None:
    """Shares written right before model names ("a 90% GPT-3.5 / 10% GPT-4 split"), with each model's own prices.

    A model's prices are those the question gives it ("GPT-4 at $30 per 1M input / $60 per 1M output"). Returns
    the routes, their shares and the prices by model; None when no share stands right before a name (the shares
    then pair with the names in order).
    """
    spots = [m.start() for m in re.finditer(MODEL_TOKEN, reading.norm)]
    if len(spots) != len(reading.all_models) or len(spots) < 2:
        return None
    mentions = list(zip(spots, reading.all_models, strict=True))
    prices: dict[str, dict[str, Any]] = {}
    for i, (at, name) in enumerate(mentions):  # a model's own prices stand between its name and the next name
        end = mentions[i + 1][0] if i + 1 < len(mentions) else len(reading.norm)
        own = [g for g in reading.givens if at < g.start < end and g.unit in (None, "per_1m")
               and g.var in ("token_price", "input_price", "output_price")]
        key = same_model(name, prices)
        if own and key not in prices:
            prices[key] = {"price_per_1m": own[0].value} if own[0].var == "token_price" else {
                "input_price": next((g.value for g in own if g.var == "input_price"), None),
                "output_price": next((g.value for g in own if g.var == "output_price"), None)}
    shares = [n for n in reading.unplaced if n.percent and n.after[:1] == [MODEL_TOKEN]]
    if len(shares) < 2:
        return None
    options: list[dict[str, Any]] = []
    for n in shares:
        name = next(nm for at, nm in mentions if at > n.start)
        options.append({"model": name, **{k: v for k, v in prices.get(same_model(name, prices), {}).items()
                                          if v is not None}})
    return options, [n.value for n in shares], prices


def models_after_shares(reading: Reading) -> list[str] | None:
    """The model each share goes to, named after it in its own clause.

    "70% of it to gpt-4o-mini, keep 30% on gpt-4o": the shares pair with the models they name, not with the order
    the models were first mentioned in. None unless every share names a model of its own.
    """
    placed = placed_shares(reading)
    spots = [m.start() for m in re.finditer(MODEL_TOKEN, reading.norm)]
    if len(placed) < 2 or len(spots) != len(reading.all_models):
        return None
    out: list[str] = []
    for i, (at, _) in enumerate(placed):
        end = placed[i + 1][0] if i + 1 < len(placed) else len(reading.norm)
        stop = re.search(r"[.;?!](?:\s|$)", reading.norm[at:end])
        end = at + stop.start() if stop else end
        name = next((nm for spot, nm in zip(spots, reading.all_models, strict=True) if at < spot < end), None)
        if name is None:
            return None
        out.append(name)
    return out if len({n.lower() for n in out}) == len(out) else None


def current_model(reading: Reading) -> str | None:
    """Of two models, the one the only share does not go to: where traffic runs today.

    "600M tokens a month on claude-sonnet-4-5; route 80% to claude-haiku-4-5": the rest stays on sonnet.
    """
    placed = placed_shares(reading)
    spots = [m.start() for m in re.finditer(MODEL_TOKEN, reading.norm)]
    if len(placed) != 1 or len(set(reading.models)) != 2 or len(spots) != len(reading.all_models):
        return None
    at = placed[0][0]
    stop = re.search(r"[.;?!](?:\s|$)", reading.norm[at:])
    named = [(spot, nm) for spot, nm in zip(spots, reading.all_models, strict=True)]
    after = [nm for spot, nm in named if at < spot < (at + stop.start() if stop else len(reading.norm))]
    other = [nm for nm in reading.models if after and nm.lower() != after[0].lower()]
    return other[0] if len(after) == 1 and len(other) == 1 else None


def same_model(name: str, seen: dict[str, Any]) -> str:
    """'GPT-3.5' after 'GPT-3.5 Turbo': the shorter name of a model already named is that model."""
    low = name.lower()
    return next((k for k in seen if k.startswith(low) or low.startswith(k)), low)
