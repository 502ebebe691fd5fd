"""HTML to markdown-like text in one pass, in time linear in the page's size.

A tree parser (BeautifulSoup) took quadratic time on deep nesting or many siblings (a 220 KB
page of nested divs: 32 s; 100k paragraphs: over 300 s), and the standard library's HTMLParser
is quadratic on unterminated tags and comments. libxml2's HTML parser (lxml) streams events to a
small target here instead: no tree is built, so nesting depth and sibling count cost nothing.
Headings become `#` lines, block elements paragraph breaks, list items `- ` lines; scripts,
styles, navigation, footers and forms are dropped. Nothing here runs or obeys page content.
"""

from __future__ import annotations

from lxml import etree

__all__ = ["html_to_text"]

_SKIP = frozenset({"script", "style", "noscript", "nav", "footer", "form", "svg", "template"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = frozenset({"p", "div", "li", "pre", "blockquote", "tr", "section", "article", "table", "ul", "ol",
                     "dl", "dt", "dd", "figcaption", "br", "main", "aside", "header"})


class _Text:
    """The parser's target: collects text, headings and breaks as events arrive."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0  # depth inside dropped elements
        self._heading: list[str] | None = None
        self._in_title = False

    def start(self, tag: str, attrib: object) -> None:
        tag = tag.lower() if isinstance(tag, str) else ""
        if tag in _SKIP or self._skip:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in _HEADINGS and self._heading is None:
            self._heading = []
        elif tag in _BLOCKS:
            self.parts.append("\n\n- " if tag == "li" else "\n\n")

    def end(self, tag: str) -> None:
        tag = tag.lower() if isinstance(tag, str) else ""
        if self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in _HEADINGS and self._heading is not None:
            text = " ".join(piece.strip() for piece in self._heading if piece.strip())
            self.parts.append(f"\n\n{'#' * _HEADINGS[tag]} {text}\n\n")
            self._heading = None
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def data(self, text: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title.append(text)
        elif self._heading is not None:
            self._heading.append(text)
        else:
            self.parts.append(text)

    def close(self) -> None:
        return None


def html_to_text(html: str) -> tuple[str, str]:
    """The page's title and its text as markdown-like lines (whitespace collapsed per line)."""
    target = _Text()
    parser = etree.HTMLParser(target=target, recover=True, no_network=True, remove_comments=True,
                              remove_pis=True)
    if html.strip():
        parser.feed(html)
        parser.close()
    lines = (" ".join(line.split()) for line in "".join(target.parts).splitlines())
    return " ".join(" ".join(target.title).split()), "\n".join(lines)
