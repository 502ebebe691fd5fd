"""Split documents (markdown, text, PDF, HTML) into overlapping chunks with stable ids.

A chunk keeps its document title and section path, so a passage can be cited on its own. Its
id is a hash of the source and the chunk's content, so re-ingesting an unchanged file yields
the same ids (idempotent upserts) and a changed file yields new ids for the parts that changed.
Document text is data: it is split and stored, never interpreted.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tools.errors import IngestError

__all__ = [
    "CHUNKER_VERSION",
    "MAX_CHARS",
    "SUPPORTED",
    "Chunk",
    "Document",
    "chunk_html",
    "chunk_markdown",
    "chunk_pdf",
    "chunk_text",
    "load_file",
    "read_text",
    "unsupported",
]

CHUNKER_VERSION = "1"  # bump when chunking changes, so stored corpora are re-indexed
MAX_CHARS = 1200  # a chunk grows paragraph by paragraph and is cut before it exceeds this
OVERLAP_CHARS = 250  # tail of the previous chunk repeated at the start of the next

SUPPORTED = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text",
             ".pdf": "pdf", ".html": "html", ".htm": "html"}
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SOURCES = re.compile(r"^\s*\**sources?\**\s*:\**\s*(.*)$", re.IGNORECASE)
_HTML_BLOCKS = ["p", "div", "li", "pre", "blockquote", "tr", "section", "article", "table",
                "ul", "ol", "dl", "dt", "dd", "figcaption", "br", "main", "aside", "header"]
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


def load_file(path: Path, source: str | None = None) -> Document:
    """Read and chunk one file by its type; raises IngestError with a readable reason."""
    source = source or str(path)
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise unsupported(source, path.suffix)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{source}: cannot be read ({exc.strerror}).",
                          hint="Check the path and its permissions.") from exc
    if kind == "pdf":
        doc = chunk_pdf(data, source)
    elif kind == "html":
        doc = chunk_html(read_text(data, source), source)
    elif kind == "markdown":
        doc = chunk_markdown(read_text(data, source), source)
    else:
        doc = chunk_text(read_text(data, source), source)
    if not doc.chunks:
        raise IngestError(f"{source}: has no text to index.", hint="Check that it is not empty.")
    return doc


def unsupported(source: str, suffix: str) -> IngestError:
    """The error for a file type Marginal does not read."""
    return IngestError(f"{source}: unsupported file type '{suffix or '(none)'}'.",
                       hint=f"Supported: {', '.join(sorted(SUPPORTED))}. Convert it first "
                            "(e.g. save it as PDF or text).")


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
        heading = None if in_fence or fence else _HEADING.match(line)
        in_fence = in_fence != fence
        if block and (heading or not (line.strip() or in_fence)):
            paras.append("\n".join(block).strip())
            block = []
        if heading:
            sections.append((" > ".join(name for _, name in path), paras))
            paras = []
            level = len(heading.group(1))
            path = [(lvl, name) for lvl, name in path if lvl < level]
            path.append((level, heading.group(2).strip()))
        elif line.strip() or in_fence:
            block.append(line.rstrip())
    sections.append((" > ".join(name for _, name in path), paras))
    return _document(source, title or default_title or Path(source).stem, sections, cited)


def chunk_text(text: str, source: str, title: str = "", section: str = "") -> Document:
    """Chunk plain text by paragraphs (blank lines)."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return _document(source, title or Path(source).stem, [(section, paras)], "")


def chunk_pdf(data: bytes, source: str) -> Document:
    """Chunk a PDF's text page by page; raises IngestError for a corrupt or textless PDF."""
    import pypdf
    from pypdf.errors import FileNotDecryptedError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about broken files are ours
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise IngestError(f"{source}: the PDF is password-protected.",
                              hint="Save an unencrypted copy and ingest that.")
        pages = [(f"page {n}", page.extract_text() or "") for n, page in
                 enumerate(reader.pages, start=1)]
        title = str((reader.metadata.title if reader.metadata else None) or "").strip()
    except (PyPdfError, FileNotDecryptedError, ValueError, KeyError, TypeError) as exc:
        raise IngestError(f"{source}: not a readable PDF ({exc}).",
                          hint="Check that it opens in a PDF viewer, or export it again.") from exc
    sections = [(name, _paragraphs(text)) for name, text in pages if text.strip()]
    if not sections:
        raise IngestError(f"{source}: the PDF has no extractable text (a scanned image?).",
                          hint="Run it through OCR first, or ingest a text version.")
    return _document(source, title or Path(source).stem, sections, "")


def chunk_html(html: str, source: str) -> Document:
    """Chunk an HTML page: its headings become sections, scripts and navigation are dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "footer", "form", "svg", "template"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    if soup.title:
        soup.title.decompose()
    for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        tag.replace_with(f"\n\n{'#' * int(tag.name[1])} {tag.get_text(' ', strip=True)}\n\n")
    for tag in soup.find_all(_HTML_BLOCKS):
        tag.insert_before("\n\n- " if tag.name == "li" else "\n\n")
        tag.insert_after("\n\n")
    lines = [" ".join(line.split()) for line in soup.get_text().splitlines()]
    return chunk_markdown("\n".join(lines), source, default_title=title)


def read_text(data: bytes, source: str) -> str:
    """Decode a text file (UTF-8, else Latin-1); raises IngestError for binary content."""
    if b"\x00" in data[:8192]:
        raise IngestError(f"{source}: looks like a binary file, not text.",
                          hint="Ingest markdown, text, PDF or HTML files.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _document(source: str, title: str, sections: list[tuple[str, list[str]]], cited: str
              ) -> Document:
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
    for piece in (piece for para in paras for piece in _split_long(para)):
        if current and sum(len(p) + 2 for p in current) + len(piece) > MAX_CHARS:
            chunks.append("\n\n".join(current))
            tail = _tail(current[-1])
            current = [tail] if tail and len(tail) + len(piece) + 2 <= MAX_CHARS else []
        current.append(piece)
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
    pieces = []
    while len(text) > MAX_CHARS:
        cut = text.rfind(" ", MAX_CHARS // 2, MAX_CHARS)
        cut = cut if cut > 0 else MAX_CHARS
        pieces.append(text[:cut].strip())
        text = text[cut:].strip()
    return [*pieces, text] if text else pieces


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


def _paragraphs(text: str) -> list[str]:
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return paras if len(paras) > 1 else [line.strip() for line in text.splitlines() if line.strip()]


def _lift_header(lines: list[str]) -> tuple[str, str, list[str]]:
    """Take out the first `# Title` and the intro's `Sources:` line (or the list under it)."""
    title, cited, rest = "", "", []
    in_fence = in_sources = in_body = False
    for line in lines:
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        in_body = in_body or bool(heading and len(heading.group(1)) > 1)
        sources = None if in_fence or in_body or heading or cited else _SOURCES.match(line)
        if in_sources and line.strip().startswith(("-", "*", "+")):
            cited = "; ".join(filter(None, [cited, line.strip().lstrip("-*+ ").strip()]))
            continue
        in_sources = False
        if heading and len(heading.group(1)) == 1 and not title:
            title = heading.group(2).strip()
        elif sources:
            cited = sources.group(1).strip()
            in_sources = not cited
        else:
            rest.append(line)
    return title, cited, rest
