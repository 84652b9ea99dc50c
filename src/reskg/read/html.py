"""HTML: visible text, one block element per line; scripts and styles are dropped.

The standard library's tolerant parser is enough: resolution pages are simple documents,
and no DTD or entity declaration is ever expanded by it.
"""

from __future__ import annotations

from html.parser import HTMLParser

from reskg.model import Source
from reskg.read.detect import decode_text

_BLOCKS = frozenset(
    {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
        "article", "header", "footer", "table", "ul", "ol", "blockquote", "title", "dt",
        "dd", "hr",
    }
)  # fmt: skip
_HIDDEN = frozenset({"script", "style", "head", "template", "noscript"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.current.append(data)

    def flush(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []


def read_html(data: bytes, name: str, sha256: str) -> Source:
    """Decode (as plain text is decoded) and keep the visible text of ``data``."""
    markup, encoding = decode_text(data, name)
    parser = _Text()
    parser.feed(markup)
    parser.close()
    parser.flush()
    text = "\n".join(parser.lines)
    return Source(path=name, text=text, format="html", encoding=encoding, sha256=sha256)
