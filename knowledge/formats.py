"""File types Marginal ingests: PDF and HTML become sections, text is decoded; then chunked.

Each reader raises IngestError with a readable reason (corrupt, encrypted, binary, no text), so
ingest can report the file and go on with the others. Nothing here runs or obeys file content.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from knowledge.chunking import Document, build_document, chunk_markdown, chunk_text
from knowledge.html_text import html_to_text
from tools.errors import IngestError

__all__ = ["SUPPORTED", "chunk_html", "chunk_pdf", "load_file", "read_text", "unsupported"]

SUPPORTED = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text",
             ".pdf": "pdf", ".html": "html", ".htm": "html"}


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
    return build_document(source, title or Path(source).stem, sections, "")


def chunk_html(html: str, source: str) -> Document:
    """Chunk an HTML page: its headings become sections, scripts and navigation are dropped."""
    title, text = html_to_text(html)  # one linear pass, whatever the nesting
    return chunk_markdown(text, source, default_title=title)


def read_text(data: bytes, source: str) -> str:
    """Decode a text file (UTF-8, else Latin-1); raises IngestError for binary content."""
    if b"\x00" in data[:8192]:
        raise IngestError(f"{source}: looks like a binary file, not text.",
                          hint="Ingest markdown, text, PDF or HTML files.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _paragraphs(text: str) -> list[str]:
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return paras if len(paras) > 1 else [line.strip() for line in text.splitlines() if line.strip()]
