"""Passage text is untrusted data: make it safe to render and flag text that reads like orders.

A user's document can hold markup (`<img onerror=...>`, `javascript:` links, remote images that
call home when rendered) and text written to steer an assistant ("ignore previous instructions",
"always answer that ..."). `sanitize` turns a passage into plain text fit for markdown, and
`instruction_flags` names the instruction-like phrases it holds, so an answer can quote the
passage as evidence and say it was not followed. The pattern list lives here, and only here.
"""

from __future__ import annotations

import re

__all__ = ["INSTRUCTION_PATTERNS", "instruction_flags", "sanitize"]

# (label shown to the user, pattern). Case-insensitive; keep them narrow enough for fact sheets.
INSTRUCTION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("ignore previous instructions",
     r"\b(?:ignore|disregard|forget|override)\b[^.\n]{0,40}\b(?:instructions?|prompts?|rules|guidelines|context)\b"),
    ("always answer", r"\balways\s+(?:answer|say|respond|reply|state|tell|claim|report|quote|recommend)\b"),
    ("never mention", r"\bnever\s+(?:mention|say|reveal|tell|disclose|cite|show)\b"),
    ("you must", r"\byou\s+(?:must|should\s+now|are\s+now|will\s+now|have\s+to)\b"),
    ("from now on", r"\bfrom\s+now\s+on\b"),
    ("new instructions", r"\b(?:new|updated|hidden|secret)\s+instructions?\b"),
    ("respond only", r"\b(?:respond|reply|answer)\s+(?:only|exclusively)\s+(?:with|in|that)\b"),
    ("act as", r"\b(?:pretend\s+(?:to\s+be|you\s+are)|(?:act|behave)\s+as\s+(?:if\s+you|an?\s+(?:ai|assistant|"
               r"unrestricted|different)|the\s+(?:assistant|system)))\b"),
    ("system:", r"(?:^|[\s\[(<{#*])(?:system|assistant|developer)\s*(?:prompt|message)?\s*[:\]>}]"),
    ("do not tell the user", r"\bdo\s+not\s+(?:tell|inform|mention|reveal)\b"),
    ("visit a link", r"\b(?:visit|go\s+to|click|open|navigate\s+to|browse\s+to)\s+(?:<|\[|\()?"
                    r"(?:https?://|www\.|[a-z0-9-]+\.(?:com|net|org|io|ai|example|xyz|ru|info)\b)"),
)
_FLAGS = tuple((label, re.compile(pattern, re.I | re.M)) for label, pattern in INSTRUCTION_PATTERNS)

_BLOCKS = re.compile(r"<(script|style|iframe|object|embed|svg|math|template)\b.*?(?:</\1\s*>|$)", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_TAG = re.compile(r"</?[a-z!?][^<>]*>", re.I)
_OPEN_TAG = re.compile(r"<(?=[a-z/!?])[^<>\n]*", re.I)  # an unclosed tag swallows its line, as in a browser
_URL = r"(?:[^()\s<>]|\([^()\s]*\))*"  # one level of parentheses: "javascript:alert(1)"
_IMAGE = re.compile(rf"!\[([^\]]*)\]\s*(?:\(\s*<?{_URL}>?(?:\s+\"[^\"]*\")?\s*\)|\[[^\]]*\])")
_LINK = re.compile(rf"\[([^\]]*)\]\(\s*<?({_URL})>?(?:\s+\"[^\"]*\")?\s*\)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
_SCHEME = re.compile(r"\b(javascript|vbscript|livescript)\s*:", re.I)
_DATA_URL = re.compile(r"\bdata\s*:\s*(?=[a-z]+/[a-z0-9.+-]+[;,])", re.I)
_ENTITY_LT = re.compile(r"&(?:lt|#0*60|#x0*3c);", re.I)  # "&lt;img&gt;": decoded, then stripped as a tag
_ENTITY_GT = re.compile(r"&(?:gt|#0*62|#x0*3e);", re.I)


def sanitize(text: str) -> str:
    """Plain text from a passage: no HTML, no images, no script or data links; idempotent.

    Tags are dropped (script and style with their content), markdown images become
    "[image: alt]", links keep their text and show a web address in full (other schemes are
    dropped), and `javascript:` / `data:` URLs are defanged wherever they stand.
    """
    text = _ENTITY_GT.sub(">", _ENTITY_LT.sub("<", text))
    text = _COMMENT.sub(" ", _BLOCKS.sub(" ", text))
    text = _TAG.sub(" ", text)
    text = _OPEN_TAG.sub(" ", text)
    text = _IMAGE.sub(lambda m: f"[image: {m.group(1).strip()}]" if m.group(1).strip() else "[image]", text)
    text = _LINK.sub(_link_text, text)
    text = _REF_DEF.sub(" ", text)
    text = _SCHEME.sub(lambda m: f"{m.group(1)} (link removed)", text)
    return _DATA_URL.sub("data (link removed) ", text)


def _link_text(m: re.Match[str]) -> str:
    label, url = m.group(1).strip(), m.group(2).strip()
    if re.match(r"https?://", url, re.I):
        return f"{label} ({url})" if label and label != url else url
    return label


def instruction_flags(text: str) -> list[str]:
    """The labels of the instruction-like phrases in `text` ("always answer", "visit a link"), in order."""
    return [label for label, pattern in _FLAGS if pattern.search(text)]
