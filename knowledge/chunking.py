"""Split markdown and plain text into overlapping chunks with stable ids.

A chunk keeps its document title and section path, so a passage can be cited on its own. Its
id is a hash of the source and the chunk's content, so re-ingesting an unchanged file yields
the same ids (idempotent upserts) and a changed file yields new ids for the parts that changed.
Document text is data: it is split and stored, never interpreted.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CHUNKER_VERSION", "MAX_CHARS", "Chunk", "Document", "build_document",
           "chunk_markdown", "chunk_text"]

CHUNKER_VERSION = "1"  # bump when chunking changes, so stored corpora are re-indexed
MAX_CHARS = 1200  # a chunk grows paragraph by paragraph and is cut before it exceeds this
OVERLAP_CHARS = 250  # tail of the previous chunk repeated at the start of the next

_HEADING_START = re.compile(r"(#{1,6})\s+(?=\S|\s$)")  # then the name; trailing #s are cut in _heading
_SOURCES = re.compile(r"^\s*\**sources?\**\s*:\**\s*(.*)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Chunk:
    """One passage of a document, ready to embed and store."""

    id: str
    source: str
    title: str
    section: str
    text: str
    position: int

    @property
    def embed_text(self) -> str:
        """What gets embedded: the title and section give the passage its context."""
        return "\n".join(p for p in (self.title, self.section, self.text) if p)


@dataclass(frozen=True)
class Document:
    """A parsed document: its title, the sources it cites and its chunks."""

    source: str
    title: str
    chunks: list[Chunk]
    cited_sources: str = ""


def chunk_markdown(text: str, source: str, default_title: str = "") -> Document:
    """Chunk markdown by headings, then paragraphs; `# Title` and a `Sources:` line are lifted."""
    title, cited, lines = _lift_header(text.splitlines())
    sections: list[tuple[str, list[str]]] = []
    path: list[tuple[int, str]] = []
    paras: list[str] = []
    block: list[str] = []
    in_fence = False
    for line in [*lines, ""]:
        fence = line.lstrip().startswith(("```", "~~~"))
        heading = None if in_fence or fence else _heading(line)
        in_fence = in_fence != fence
        if block and (heading or not (line.strip() or in_fence)):
            paras.append("\n".join(block).strip())
            block = []
        if heading:
            sections.append((" > ".join(name for _, name in path), paras))
            paras = []
            level = heading[0]
            path = [(lvl, name) for lvl, name in path if lvl < level]
            path.append((level, heading[1].strip()))
        elif line.strip() or in_fence:
            block.append(line.rstrip())
    sections.append((" > ".join(name for _, name in path), paras))
    return build_document(source, title or default_title or Path(source).stem, sections, cited)


def chunk_text(text: str, source: str, title: str = "", section: str = "") -> Document:
    """Chunk plain text by paragraphs (blank lines)."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return build_document(source, title or Path(source).stem, [(section, paras)], "")


def build_document(source: str, title: str, sections: list[tuple[str, list[str]]],
                   cited: str) -> Document:
    """Pack each section's paragraphs into chunks with content-hash ids."""
    seen: Counter[str] = Counter()
    chunks: list[Chunk] = []
    for section, paras in sections:
        for text in _pack(paras):
            key = f"{source}\x1f{title}\x1f{cited}\x1f{section}\x1f{text}"
            seen[key] += 1  # the same text twice in one file still gets two distinct ids
            digest = hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest()[:32]
            chunks.append(Chunk(digest, source, title, section, text, len(chunks)))
    return Document(source, title, chunks, cited)


def _pack(paras: list[str]) -> list[str]:
    """Group paragraphs into chunks of up to MAX_CHARS, each opening with the last one's tail."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0  # sum(len(p) + 2 for p in current), kept as it goes
    for piece in (piece for para in paras for piece in _split_long(para)):
        if current and size + len(piece) > MAX_CHARS:
            chunks.append("\n\n".join(current))
            tail = _tail(current[-1])
            current = [tail] if tail and len(tail) + len(piece) + 2 <= MAX_CHARS else []
            size = sum(len(p) + 2 for p in current)
        current.append(piece)
        size += len(piece) + 2
    return [*chunks, "\n\n".join(current)] if current else chunks


def _split_long(para: str) -> list[str]:
    """Split a paragraph longer than MAX_CHARS at sentence ends (or spaces, as a last resort)."""
    if len(para) <= MAX_CHARS:
        return [para]
    out: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(para):
        for piece in _hard_wrap(sentence):
            if current and len(current) + len(piece) + 1 > MAX_CHARS:
                out.append(current)
                current = ""
            current = f"{current} {piece}".strip()
    return [*out, current] if current else out


def _hard_wrap(text: str) -> list[str]:
    """Cut at a space in the second half of each MAX_CHARS window (walking indexes: linear time)."""
    pieces = []
    start, end = 0, len(text)
    while end - start > MAX_CHARS:
        cut = text.rfind(" ", start + MAX_CHARS // 2, start + MAX_CHARS)
        cut = cut if cut >= 0 else start + MAX_CHARS
        pieces.append(text[start:cut].strip())
        start = cut  # the rest, stripped: as text[cut:].strip() without copying it
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    rest = text[start:end]
    return [*pieces, rest] if rest else pieces


def _tail(text: str) -> str:
    """The last sentences of `text`, up to OVERLAP_CHARS, for overlap with the next chunk."""
    if len(text) <= OVERLAP_CHARS:
        return text
    sentences = _SENTENCE_END.split(text)
    tail = ""
    for sentence in reversed(sentences):
        if len(tail) + len(sentence) + 1 > OVERLAP_CHARS:
            break
        tail = f"{sentence} {tail}".strip()
    return tail


def _heading(line: str) -> tuple[int, str] | None:
    r"""(level, name) of a markdown heading line, else None; the name keeps no closing #s.

    The same as matching `^(#{1,6})\s+(.+?)\s*#*\s*$`, without that pattern's quadratic
    backtracking on a long line of spaces or #s.
    """
    start = _HEADING_START.match(line)
    if start is None:
        return None
    rest = line[start.end():]
    if not rest:  # only whitespace after the #s: the last of it is the name
        rest = line[start.end() - 1:]
    name = rest.rstrip().rstrip("#").rstrip()
    return len(start.group(1)), name or rest[:1]


def _lift_header(lines: list[str]) -> tuple[str, str, list[str]]:
    """Take out the first `# Title` and the intro's `Sources:` line (or the list under it)."""
    title, cited, rest = "", "", []
    in_fence = in_sources = in_body = False
    for line in lines:
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        heading = None if in_fence else _heading(line)
        in_body = in_body or bool(heading and heading[0] > 1)
        sources = None if in_fence or in_body or heading or cited else _SOURCES.match(line)
        if in_sources and line.strip().startswith(("-", "*", "+")):
            cited = "; ".join(filter(None, [cited, line.strip().lstrip("-*+ ").strip()]))
            continue
        in_sources = False
        if heading and heading[0] == 1 and not title:
            title = heading[1].strip()
        elif sources:
            cited = sources.group(1).strip()
            in_sources = not cited
        else:
            rest.append(line)
    return title, cited, rest
