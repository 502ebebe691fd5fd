"""A model's size in billions of parameters: "Llama 70B", "a 70B Llama", "8x H100 running 70B in vLLM".

The size picks a self-hosting reference throughput and names the hosted model; the number itself is no count.
"""

from __future__ import annotations

import re

from assistant.planner.grammar import Parsed
from assistant.planner.names import find_models
from assistant.planner.reading import Given, Reading

__all__ = ["model_size"]


# A model's size in billions of parameters: "Llama 70B", "a 70B Llama", "an 8-billion-parameter model".
_SIZE_IN_NAME = re.compile(r"(\d+(?:\.\d+)?)\s*b\b", re.I)
_MODEL_SIZE = re.compile(r"(?<![\w.$])(\d+(?:\.\d+)?)\s*-?\s*(?:b|bn|billion)(?:[- ]param(?:eter)?s?)?"
                         r"(?=[\s-]*(?:param|parameter|model|llm|llama|mistral|qwen|gemma|deepseek|phi)\b)", re.I)
# "8x H100 running 70B in vLLM", "70B on H100": a size served on hardware, said without the word 'model'
_SERVED_SIZE = re.compile(r"(?:\b(?:run|runs|running|serve|serves|serving|host|hosts|hosting|deploy|deploying)\s+"
                          r"(?:a |an |our |the |my |their )?"
                          r"(?:(?:distilled|fine[- ]?tuned|quantized|own|custom|small|open)\s+){0,2}"
                          r"(\d+(?:\.\d+)?)\s*(?:b|bn)\b(?!\s*(?:tok|req|quer|call|msg|mess|word))|"
                          r"(?<![\w.$])(\d+(?:\.\d+)?)\s*(?:b|bn)\s+(?:on|in|with|via)\s+"
                          r"(?:vllm|tgi|sglang|ollama|(?:\d+\s*x\s*)?[hablt]\d{1,3}s?)\b)", re.I)


def _size_the_name(p: Parsed, r: Reading, size: re.Match[str]) -> None:
    """'a 70B Llama': the model right after its size is that size of its family ('Llama 70b').

    A hosted copy is then priced at the size the question means, not the family's newest model.
    """
    for at, _, name in find_models(p.text):
        if size.re is _MODEL_SIZE and 0 <= at - size.end() <= 2 and not _SIZE_IN_NAME.search(name):
            sized = f"{name} {size.group(1)}b"
            r.models = [sized if m == name else m for m in r.models]
            r.all_models = [sized if m == name else m for m in r.all_models]


def model_size(p: Parsed, r: Reading) -> None:
    """Add the model size the question states, if any, and give a family named right after it that size."""
    if (size := next((m for name in p.models if (m := _SIZE_IN_NAME.search(name))), None)
            or _MODEL_SIZE.search(p.text)) is not None:
        r.givens.append(Given("model_size", float(size.group(1)), size.group(0).strip()))  # "a 70B Llama"
        _size_the_name(p, r, size)
    elif (served := _SERVED_SIZE.search(p.text)) is not None:
        r.givens.append(Given("model_size", float(served.group(1) or served.group(2)), served.group(0).strip()))
