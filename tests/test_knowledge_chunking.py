"""Chunking: markdown sections and overlap, text, PDF, HTML, stable content-hash ids."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from knowledge.chunking import MAX_CHARS, chunk_markdown, chunk_text
from knowledge.formats import chunk_html, chunk_pdf, load_file, read_text
from tools.errors import IngestError

SHEET = """# ChatGPT running costs
Sources: SemiAnalysis (February 2023); the seed article

Intro: why inference cost matters.

## Daily cost
SemiAnalysis estimated about $694,444 per day.

Source: this line is body text, not the sheet's sources.

### Per conversation
About $0.36 per conversation.

## Implied volume
About 1.93 million conversations a day.
"""


def make_pdf(pages: list[str]) -> bytes:
    """A minimal valid PDF with one line of Helvetica text per page."""
    n = len(pages)
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               "<< /Type /Pages /Kids [" + " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
               + f"] /Count {n} >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, text in enumerate(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                       f"<< /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return out


def test_markdown_title_sources_and_sections() -> None:
    doc = chunk_markdown(SHEET, "knowledge/docs/chatgpt.md")
    assert doc.title == "ChatGPT running costs"
    assert doc.cited_sources == "SemiAnalysis (February 2023); the seed article"
    assert [(c.section, c.text) for c in doc.chunks] == [
        ("", "Intro: why inference cost matters."),
        ("Daily cost", "SemiAnalysis estimated about $694,444 per day.\n\n"
                       "Source: this line is body text, not the sheet's sources."),
        ("Daily cost > Per conversation", "About $0.36 per conversation."),
        ("Implied volume", "About 1.93 million conversations a day."),
    ]
    assert [c.position for c in doc.chunks] == [0, 1, 2, 3]
    assert all(c.title == doc.title for c in doc.chunks)
    assert doc.chunks[2].embed_text == ("ChatGPT running costs\nDaily cost > Per conversation\n"
                                        "About $0.36 per conversation.")


def test_sources_as_a_list_and_title_fallback() -> None:
    doc = chunk_markdown("Sources:\n- OpenAI pricing page\n- SemiAnalysis\n\nBody text.", "n.md")
    assert doc.cited_sources == "OpenAI pricing page; SemiAnalysis"
    assert doc.title == "n"  # no `# Title`: the file name
    assert [c.text for c in doc.chunks] == ["Body text."]


def test_long_section_is_split_with_overlap_and_bounded_size() -> None:
    sentences = [f"Sentence number {i} says GPT-3.5 costs $0.002 per 1K tokens." for i in range(80)]
    paras = [" ".join(sentences[i:i + 5]) for i in range(0, 80, 5)]  # 16 paragraphs ~330 chars
    doc = chunk_markdown("# T\n\n## Prices\n\n" + "\n\n".join(paras), "p.md")
    texts = [c.text for c in doc.chunks]
    assert len(texts) >= 4
    assert all(len(t) <= MAX_CHARS for t in texts)
    assert all(len(t) >= 500 for t in texts[:-1])  # ~500-1200 chars
    assert all(c.section == "Prices" for c in doc.chunks)
    for before, after in itertools.pairwise(texts):
        first_sentence = after.split(". ")[0] + "."
        assert before.endswith(first_sentence) or f"{first_sentence} " in before, "overlap"
    joined = " ".join(texts)
    assert all(s in joined for s in sentences), "no text is lost"


def test_a_paragraph_without_breaks_is_cut_below_the_limit() -> None:
    doc = chunk_text("word " * 2000, "w.txt")
    assert len(doc.chunks) >= 8
    assert all(len(c.text) <= MAX_CHARS for c in doc.chunks)


def test_code_fences_keep_headings_and_blank_lines_inside() -> None:
    md = "# T\n\n## Code\n\n```python\nx = 1\n\n# not a heading\ny = 2\n```\n\nAfter."
    doc = chunk_markdown(md, "c.md")
    assert [c.section for c in doc.chunks] == ["Code"]
    assert "```python\nx = 1\n\n# not a heading\ny = 2\n```" in doc.chunks[0].text


def test_ids_are_content_hashes() -> None:
    first = chunk_markdown(SHEET, "a.md")
    assert [c.id for c in chunk_markdown(SHEET, "a.md").chunks] == [c.id for c in first.chunks]
    assert len({c.id for c in first.chunks}) == len(first.chunks)
    other_source = chunk_markdown(SHEET, "b.md")
    assert not {c.id for c in other_source.chunks} & {c.id for c in first.chunks}
    edited = chunk_markdown(SHEET.replace("1.93 million", "2 million"), "a.md")
    assert [c.id for c in edited.chunks][:3] == [c.id for c in first.chunks][:3]
    assert edited.chunks[3].id != first.chunks[3].id
    twice = chunk_text("Same paragraph.\n\n" + "x" * 1190 + "\n\nSame paragraph.", "t.txt")
    assert [c.text for c in twice.chunks] == ["Same paragraph.", "x" * 1190, "Same paragraph."]
    assert len({c.id for c in twice.chunks}) == 3  # same text twice in a file: two ids


def test_plain_text_by_paragraphs() -> None:
    doc = chunk_text("First paragraph.\n\nSecond paragraph.\n", "/docs/notes.txt")
    assert doc.title == "notes"
    assert [c.text for c in doc.chunks] == ["First paragraph.\n\nSecond paragraph."]


def test_html_headings_become_sections_and_scripts_are_dropped() -> None:
    html = ("<html><head><title>Pricing page</title><script>steal()</script>"
            "<style>p{}</style></head><body><nav>Home | About</nav><h1>AI pricing</h1>"
            "<p>Notion charges <b>$10</b> per month.</p><h2>Plans</h2><div>Loose text</div>"
            "<ul><li>Free</li><li>Plus</li></ul></body></html>")
    doc = chunk_html(html, "page.html")
    assert doc.title == "AI pricing"
    assert [(c.section, c.text) for c in doc.chunks] == [
        ("", "Notion charges $10 per month."),
        ("Plans", "Loose text\n\n- Free\n\n- Plus"),
    ]
    assert "steal" not in " ".join(c.text for c in doc.chunks)
    assert chunk_html("<p>No title here</p>", "/x/untitled.html").title == "untitled"


def test_pdf_pages_become_sections() -> None:
    doc = chunk_pdf(make_pdf(["Cypher cost 1200 dollars on Llama 2", "and 5 dollars on GPT-3.5"]),
                    "/docs/cypher.pdf")
    assert doc.title == "cypher"
    assert [(c.section, c.text) for c in doc.chunks] == [
        ("page 1", "Cypher cost 1200 dollars on Llama 2"),
        ("page 2", "and 5 dollars on GPT-3.5")]


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4 truncated", b"not a pdf at all"])
def test_corrupt_pdf_raises_a_readable_ingest_error(data: bytes) -> None:
    with pytest.raises(IngestError, match=r"not a readable PDF|no extractable text") as info:
        chunk_pdf(data, "bad.pdf")
    assert info.value.hint


def test_read_text_refuses_binary_and_falls_back_to_latin1() -> None:
    with pytest.raises(IngestError, match="binary"):
        read_text(b"\x89PNG\x00\x00", "image.txt")
    assert read_text("café".encode("latin-1"), "old.txt") == "café"
    assert read_text("\ufeffBOM".encode(), "bom.txt") == "BOM"


def test_load_file_by_type(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\ntext")
    (tmp_path / "b.docx").write_bytes(b"PK")
    (tmp_path / "empty.txt").write_text("  \n\n")
    assert load_file(tmp_path / "a.md").title == "A"
    with pytest.raises(IngestError, match=r"unsupported file type '\.docx'"):
        load_file(tmp_path / "b.docx")
    with pytest.raises(IngestError, match="no text"):
        load_file(tmp_path / "empty.txt")
