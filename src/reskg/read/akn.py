"""Akoma Ntoso (AKN4UN) XML of the UN General Assembly, read safely.

Spec: OASIS LegalDocML Akoma Ntoso 3.0 (http://docs.oasis-open.org/legaldocml/akn-core/v1.0/)
and the UN's AKN4UN profile. The FRBR metadata becomes :class:`~reskg.model.AknMeta`; the
text becomes one line per paragraph so that spans work as for every other format:

* the preface (``78/132. Title``), the enacting formula, each preambular ``container``,
  and each ``paragraph`` of the ``mainBody`` (``"1. Decides ..."``) is a line, recorded as
  a :class:`~reskg.model.Block` with its role, number and italic opening phrase;
* an ``authorialNote`` leaves its marker in the line (as the printed text does) and its
  text is appended after the body, one note per line, as a ``footnote`` block;
* each attachment (annex) is one ``annex`` block.

DTDs and entity declarations are refused (:class:`~reskg.errors.UnsafeInput`): legislative
XML has no need for them, and they are how XML bombs and external-entity reads work. So is
markup nested deeper than :data:`MAX_DEPTH`: the walk below is recursive, and no real
document comes near the limit (the UN's files nest about a dozen levels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from reskg.errors import DecodeError, UnsafeInput, UnsupportedFormat
from reskg.model import AknMeta, Block, BlockRole, Source, Span

NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
_SPACE = re.compile(r"\s+")
# Elements whose text is a heading inside the main body, not an operative paragraph.
_HEADINGS = frozenset({"num", "heading", "subheading", "crossHeading"})
_PREAMBLE_ROLES: dict[str, BlockRole] = {"formula": "formula", "container": "preamble"}
_SKIPPED = frozenset({"meta", "coverPage", "references", "analysis"})
# Deepest element nesting read; the recursive walk needs a few stack frames per level.
MAX_DEPTH = 200


def _tag(elem: Element) -> str:
    return elem.tag.removeprefix(NS) if isinstance(elem.tag, str) else ""


@dataclass
class _Line:
    """One output line built from inline text, whitespace collapsed as it is added."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    marks: list[tuple[int, str]] = field(default_factory=list)
    heading: tuple[int, int] | None = None

    def add(self, text: str) -> None:
        text = _SPACE.sub(" ", text)
        if not text:
            return
        if self.length == 0 or (self.parts and self.parts[-1].endswith(" ")):
            text = text.lstrip(" ")
        if text:
            self.parts.append(text)
            self.length += len(text)

    def value(self) -> str:
        return "".join(self.parts).rstrip(" ")


@dataclass
class _Writer:
    lines: list[str] = field(default_factory=list)
    length: int = 0
    blocks: list[Block] = field(default_factory=list)
    notes: list[tuple[str, Element]] = field(default_factory=list)

    def emit(self, line: _Line, role: BlockRole | None, label: str | None = None) -> Span | None:
        text = line.value()
        if not text:
            return None
        start = self.length
        self.lines.append(text)
        self.length += len(text) + 1
        span = Span(start, start + len(text))
        heading = None
        if line.heading is not None and line.heading[1] <= len(text):
            heading = Span(start + line.heading[0], start + line.heading[1])
        if role is not None:
            self.blocks.append(Block(role, span, label, heading))
        for offset, marker in line.marks:
            if offset + len(marker) <= len(text):
                self.blocks.append(
                    Block("mark", Span(start + offset, start + offset + len(marker)), marker)
                )
        return span


def read_akn(data: bytes, name: str, sha256: str) -> Source:
    """Parse ``data`` as AKN4UN and return its text, metadata and paragraph roles."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeInput(
            f"XML with a DTD or entity declaration is refused ({exc})", path=name
        ) from exc
    except ParseError as exc:
        raise DecodeError(f"malformed XML: {exc}", path=name) from exc
    except LookupError as exc:  # <?xml encoding="..."?> names a codec Python does not have
        raise DecodeError(f"XML in an unknown encoding: {exc}", path=name) from exc
    if _tag(root) != "akomaNtoso":
        raise UnsupportedFormat(f"XML root is <{_tag(root)}>, not <akomaNtoso>", path=name)
    if _depth(root) > MAX_DEPTH:
        raise UnsafeInput(
            f"XML nested more than {MAX_DEPTH} levels deep (a stack-exhaustion attack?)",
            path=name,
        )
    writer = _Writer()
    for child in root:
        _walk(child, writer)
    _emit_notes(writer)
    text = "\n".join(writer.lines)
    return Source(
        path=name,
        text=text,
        format="akn",
        encoding="utf-8",
        sha256=sha256,
        akn=_meta(root),
        footnote_spans=tuple(b.span for b in writer.blocks if b.role == "footnote"),
        blocks=tuple(writer.blocks),
    )


def _depth(root: Element) -> int:
    """The deepest nesting under ``root``, found without recursion (stops past the limit)."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        elem, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, level + 1) for child in elem)
    return deepest


def _walk(elem: Element, writer: _Writer) -> None:
    tag = _tag(elem)
    if tag in _SKIPPED:
        return
    if tag == "preface":
        for p in elem:
            writer.emit(_inline(p, writer), "title")
    elif tag == "preamble":
        for child in elem:
            writer.emit(_inline(child, writer), _PREAMBLE_ROLES.get(_tag(child), "heading"))
    elif tag == "mainBody":
        _body(elem, writer)
    elif tag == "conclusions":
        for p in elem:
            writer.emit(_inline(p, writer), None)
    elif tag == "attachments":
        for attachment in elem:
            _attachment(attachment, writer)
    else:
        for child in elem:
            _walk(child, writer)


def _body(elem: Element, writer: _Writer) -> None:
    for child in elem:
        tag = _tag(child)
        if tag == "paragraph":
            num = child.find(NS + "num")
            label = (
                " ".join("".join(num.itertext()).split()).rstrip(".") if num is not None else None
            )
            writer.emit(_inline(child, writer), "operative", label or None)
        elif any(child.find(f".//{NS}{t}") is not None for t in ("paragraph", "crossHeading")):
            # section, part, title, ...
            _body(child, writer)
        elif tag == "crossHeading" and child.get("refersTo") == "#preamble":
            # Budget resolutions give each of their sections a preamble of its own.
            writer.emit(_inline(child, writer), "preamble")
        else:
            writer.emit(_inline(child, writer), "heading")


def _attachment(elem: Element, writer: _Writer) -> None:
    """An annex: all of its text as consecutive lines, covered by one ``annex`` block."""
    start = writer.length
    inner = _Writer(length=writer.length, notes=writer.notes)
    for child in elem:
        _walk(child, inner)
    writer.lines.extend(inner.lines)
    writer.length = inner.length
    writer.blocks.extend(b for b in inner.blocks if b.role == "mark")
    if inner.lines:
        writer.blocks.append(Block("annex", Span(start, writer.length - 1)))


def _inline(elem: Element, writer: _Writer, line: _Line | None = None) -> _Line:
    """The text of ``elem`` as one line; notes leave their marker and are queued."""
    line = line if line is not None else _Line()
    line.add(elem.text or "")
    for child in elem:
        tag = _tag(child)
        if tag == "authorialNote":
            marker = child.get("marker") or str(len(writer.notes) + 1)
            line.marks.append((len(line.value()), marker))
            line.parts = [line.value()]
            line.length = len(line.parts[0])
            line.parts.append(marker)
            line.length += len(marker)
            writer.notes.append((marker, child))
        else:
            if tag in ("p", "num", "intro", "point", "list", "content", "blockList", "item"):
                line.add(" ")
            italic = tag == "span" and child.get("class") == "italic"
            before = len(line.value()) + (
                1 if line.value() and not line.value().endswith(" ") else 0
            )
            _inline(child, writer, line)
            if italic and line.heading is None and _opening(line, before):
                line.heading = (before, len(line.value()))
        line.add(child.tail or "")
    return line


def _opening(line: _Line, start: int) -> bool:
    """Whether ``start`` is the first word of the line (after a paragraph number)."""
    prefix = line.value()[:start].strip()
    return prefix == "" or re.fullmatch(r"[\w().]{1,6}", prefix) is not None


def _emit_notes(writer: _Writer) -> None:
    done = 0
    while done < len(writer.notes):  # a note may itself carry a note
        marker, note = writer.notes[done]
        done += 1
        line = _Line()
        line.add(marker + " ")
        body = _Line()
        _inline(note, writer, body)
        line.add(body.value())
        writer.emit(line, "footnote", marker)


def _meta(root: Element) -> AknMeta:
    ident = root.find(f".//{NS}identification")
    work = ident.find(NS + "FRBRWork") if ident is not None else None
    expr = ident.find(NS + "FRBRExpression") if ident is not None else None

    def value(parent: Element | None, tag: str, attr: str) -> str | None:
        found = parent.find(NS + tag) if parent is not None else None
        return found.get(attr) if found is not None else None

    work_uri = value(work, "FRBRuri", "value") or ""
    adoption = None
    if work is not None:
        for d in work.findall(NS + "FRBRdate"):
            if d.get("name") == "adoption":
                adoption = _date(d.get("date"))
    symbol_el = root.find(f".//{NS}coverPage//{NS}docNumber")
    symbol = " ".join("".join(symbol_el.itertext()).split()) if symbol_el is not None else None
    number_el = root.find(f".//{NS}preface//{NS}docNumber")
    number = "".join(number_el.itertext()).strip().rstrip(".") if number_el is not None else None
    if not number and symbol:
        number = symbol.removeprefix("A/RES/")
    return AknMeta(
        work_uri=work_uri,
        expression_uri=value(expr, "FRBRuri", "value"),
        date=adoption,
        author=value(work, "FRBRauthor", "href"),
        language=value(expr, "FRBRlanguage", "language"),
        number=number or None,
        symbol=symbol,
    )


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
