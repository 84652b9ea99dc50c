"""Find citation mentions in a text: where they are and what the text says about them.

Recognition states only what is printed (the noun, the number as printed, the revision
parenthesis, the body phrase); :mod:`reskg.cite.resolve` turns that into an identity. The
split keeps the patterns testable on raw strings and the resolution testable on mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from reskg.authority import load_authority
from reskg.cite.lookback import own_body, paragraph_start, subject_after
from reskg.cite.regexes import (
    BARE_YEAR,
    PRECEDING_WORD,
    QUOTED,
    SC_SPLIT,
    SERIES_NUMBER,
    UN_CONTINUATION,
    UNKNOWN_BODY,
    WHITESPACE,
    IssuerPhrase,
    LanguagePatterns,
    fold_alias,
    named_pattern,
    patterns,
    symbol_pattern,
)
from reskg.model import Span

__all__ = ["Mention", "Printed", "paragraph_start", "recognise"]

# Symbol bodies of UN resolution symbols and the issuer each names.
_SYMBOL_ISSUERS = {"A/RES": "UNGA", "S/RES": "UNSC", "E/RES": "ECOSOC", "A/HRC/RES": "HRC"}


@dataclass(frozen=True, slots=True)
class Printed:
    """What the text prints about one cited instrument, before resolution.

    ``issuer`` is an issuer code when a body phrase or symbol names one, a placeholder
    ("@council", "@assembly", "@own", "@self") when it names one only by kind, else None.
    """

    type: str
    number: str | None = None
    paren: str | None = None  # the revision parenthesis as printed, "(Rev. Bucarest, 2022)"
    issuer: str | None = None
    named_key: str | None = None  # authority key of a named instrument
    article: str | None = None
    self_ref: bool = False
    from_symbol: bool = False  # the number came from a UN symbol "A/RES/70/125"
    # The first number of the list this item belongs to: a list is one body's acts, so an
    # item is the Assembly's only if the head can be ("27/13, ..., 33/12" is not).
    head: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One printed reference: its span (shared by every item of a list) and each item."""

    span: Span
    items: tuple[Printed, ...]
    title_given: str | None = None


def _issuer_of(
    m: re.Match[str] | None, group: str, phrases: tuple[IssuerPhrase, ...]
) -> str | None:
    """The code of the body phrase ``m`` matched as ``group``, if any: the first phrase that
    matches exactly the same stretch of the text."""
    if m is None or not m.group(group):
        return None
    start, end = m.span(group)
    for p in phrases:
        found = p.pattern.match(m.string, start)
        if found and found.end() == end:
            return p.code
    return None


def _type_of(word: str, lp: LanguagePatterns) -> str:
    for kind, pattern in lp.words:
        if pattern.match(word):
            return kind
    return "resolution"


def _shape(number: str, paren: str | None, itu_document: bool) -> str:
    """A list keeps one shape: "un" for session-numbered UN forms ("70/125", "1514 (XV)"),
    "sc" for a Security Council "2417 (2018)" in a UN text, "itu" for plain numbers."""
    if "/" in number or "(" in number:
        return "un"
    if not itu_document and paren and BARE_YEAR.match(paren.strip()):
        return "sc"
    return "itu"


def _issuer_phrase(text: str, m: re.Match[str], lp: LanguagePatterns) -> str | None:
    issuer = (
        _issuer_of(m, "sector", lp.sector)
        or _issuer_of(m, "post", lp.after)
        or _issuer_of(m, "mid", lp.after)
        or _issuer_of(m, "pre", lp.before)
    )
    if issuer == "@own":
        return own_body(text, m.start(), lp) or subject_after(text, m.end(), lp) or "@own"
    if issuer is None:
        if m.group("word")[0].islower() and UNKNOWN_BODY.search(
            text, max(0, m.start() - 80), m.start()
        ):
            # "Commission on Narcotic Drugs resolution 65/2"; a capitalised noun opens a
            # sentence or a footnote ("Sustainable Development Resolution 70/1.").
            return "@named"
        # "resolutions adopted by the Human Rights Council, including resolutions 36/6"
        return own_body(text, m.start(), lp, reach=90, its=False)
    if issuer in ("@assembly", "@council") and m.group("pre"):
        prev = _preceding_word(text, m.start("pre"))
        if prev[:1].isupper() and prev not in _ARTICLES:
            return "@other"  # "Environment Assembly resolution 5/14": not a body we know
    return issuer


def _after_title(text: str, end: int, lp: LanguagePatterns) -> int:
    """Past a date and a title given after a number (", de 1 de julio de 2024", ",
    intitulée « ... »"), if any: neither counts against the gap of the next item."""
    date = lp.date.match(text, end)
    end = date.end() if date else end
    title = lp.title.match(text, end)
    return title.end() if title else end


def _continuation(
    text: str, end: int, lp: LanguagePatterns, proto: Printed, shape: str
) -> list[Mention]:
    """Numbers of a UN list that continue after an interruption (see UN_CONTINUATION):
    a subject, a part section, or a title given to the previous item."""
    out: list[Mention] = []
    while True:
        c = UN_CONTINUATION.match(text, end)
        if not c or any(p.search(c.group("gap")) for _, p in lp.words_search):
            return out
        number = WHITESPACE.sub(" ", c.group("number"))
        paren, issuer, head = None, proto.issuer, proto.head
        sc = SC_SPLIT.match(number)
        if sc is not None and shape == "un":
            # A Security Council twin in an Assembly list (see _numbered): its own body.
            number, paren, issuer, head = sc.group(1), sc.group(2), None, sc.group(1)
        elif shape == "sc":
            if sc is None:
                return out
            number, paren = sc.group(1), sc.group(2)
        elif _shape(number, None, True) != shape:
            return out
        printed = Printed(type=proto.type, number=number, paren=paren, issuer=issuer, head=head)
        out.append(Mention(Span(c.start("number"), c.end("number")), (printed,)))
        end = _after_title(text, c.end(), lp)


def _candidates(text: str, lp: LanguagePatterns) -> Iterator[re.Match[str]]:
    """Matches of the full citation pattern, tried only around instrument nouns.

    Scanning the whole pattern at every offset spends most of its time on the optional
    body phrase before the noun; nouns are rare, so the scan starts a little before each
    one instead (same matches, several times faster; see bench/bench_extract.py).
    """
    done = 0
    for noun in lp.noun.finditer(text):
        if noun.start() < done:
            continue
        m = lp.citation.search(text, max(done, noun.start() - _REACH_BEFORE_NOUN))
        if m is None:
            return
        if m.start("word") > noun.start():
            continue  # this noun heads no citation; a later one does
        done = m.end()
        yield m


# The longest body phrase printed before a noun ("the United Nations General Assembly
# (UNGA)", "the Security Council, in its") fits in this many characters.
_REACH_BEFORE_NOUN = 90


def _numbered(text: str, lp: LanguagePatterns, itu_document: bool) -> list[Mention]:
    mentions: list[Mention] = []
    for m in _candidates(text, lp):
        kind = _type_of(m.group("word"), lp)
        issuer = _issuer_phrase(text, m, lp)
        items: list[Printed] = []
        end = m.end()
        shape = None
        items_start = m.start("items")
        for im in lp.item.finditer(m.group("items")):
            number = WHITESPACE.sub(" ", im.group("number"))
            paren = im.group("paren")
            item_shape = _shape(number, paren, itu_document)
            if shape is None:
                shape = item_shape
            elif (shape, item_shape) == ("un", "sc"):
                # "resolutions 70/262 and 2282 (2016)": the Assembly and the Security
                # Council adopted twin texts; the number's shape names the Council.
                items.append(Printed(type=kind, number=number, paren=paren, head=number))
                continue
            elif item_shape != shape:
                end = items_start + im.start()
                break
            if SERIES_NUMBER.match(number) and not m.group("sector"):
                end = items_start + im.start()
                break
            head = items[0].number if items else number
            items.append(Printed(type=kind, number=number, paren=paren, issuer=issuer, head=head))
        if not items:
            continue
        if shape == "itu" and items[-1].paren and not any(i.paren for i in items[:-1]):
            # "Resolutions 71 and 151 (Rev. Dubai, 2018)": the revision is stated for the list.
            items = [
                Printed(
                    type=i.type,
                    number=i.number,
                    paren=items[-1].paren,
                    issuer=i.issuer,
                    head=i.head,
                )
                for i in items
            ]
        if end != m.end():
            # A list cut short: trailing body phrase belonged to the dropped items.
            kept = m.group("items")[: end - items_start]
            end = items_start + len(kept.rstrip(",;" + WHITESPACE_CHARS))
        elif m.group("tail") and items:
            last = items[-1]
            items[-1] = Printed(
                type=last.type,
                number=last.number,
                paren=last.paren or m.group("tail"),
                issuer=last.issuer,
                head=last.head,
            )
        title = lp.title.match(text, end)
        start = m.start("pre") if m.group("pre") and issuer else m.start("word")
        mentions.append(
            Mention(Span(start, end), tuple(items), title.group("title") if title else None)
        )
        if shape in ("un", "sc") and end == m.end():
            after = title.end() if title else _after_title(text, end, lp)
            more = _continuation(text, after, lp, items[-1], shape)
            if more and not m.group("post") and not m.group("mid"):
                more = _trailing_body(text, lp, mentions, more)
            mentions.extend(more)
    return mentions


def _trailing_body(
    text: str, lp: LanguagePatterns, mentions: list[Mention], more: list[Mention]
) -> list[Mention]:
    """A body named after the last number of a continued list names the whole list's
    ("les résolutions 44/20 du 17 juillet 2020, ..., et 60/16 du 7 octobre 2025 du Conseil
    des droits de l'homme"), as it would after an uninterrupted one (the pattern's ``post``).
    Items whose body was printed before the noun keep it. Rewrites the list's head mention
    (the last of ``mentions``) and returns ``more`` with the body."""
    tail = lp.trailing.match(text, _after_title(text, more[-1].span.end, lp))
    code = _issuer_of(tail, "post", lp.after)
    if code is None:
        return more

    def named(mention: Mention) -> Mention:
        items = tuple(
            replace(p, issuer=code) if p.issuer is None or p.issuer.startswith(("~", "@own")) else p
            for p in mention.items
        )
        return replace(mention, items=items)

    mentions[-1] = named(mentions[-1])
    return [named(x) for x in more]


def _symbols(text: str) -> list[Mention]:
    out = []
    for m in symbol_pattern().finditer(text):
        number = WHITESPACE.sub(" ", m.group("sym_number"))
        issuer = _SYMBOL_ISSUERS[m.group("sym_body")]
        printed = Printed(type="resolution", number=number, issuer=issuer, from_symbol=True)
        out.append(Mention(Span(m.start(), m.end()), (printed,)))
    return out


def _self_refs(text: str, lp: LanguagePatterns) -> list[Mention]:
    return [
        Mention(Span(m.start(), m.end()), (Printed(type="resolution", self_ref=True),))
        for m in lp.self_ref.finditer(text)
    ]


def _preceding_word(text: str, start: int) -> str:
    m = PRECEDING_WORD.search(text[max(0, start - 40) : start])
    return m.group(1) if m else ""


# What a span never ends with, besides "," and ";" (line breaks of wrapped text included).
WHITESPACE_CHARS = " \t\r\n\u00a0\u202f"
_ARTICLES = {"The", "La", "Le", "El", "Los", "Las", "Les", "L", "Its", "Sa", "Su", "This"}


@cache
def _aliases() -> dict[str, tuple[str, bool]]:
    """Folded alias -> (instrument key, is a bare one-word name)."""
    by_alias: dict[str, tuple[str, bool]] = {}
    for inst in load_authority().instruments:
        for _, names in inst.aliases:
            for name in names:
                by_alias.setdefault(fold_alias(name), (inst.key, False))
        for _, names in inst.bare:
            for name in names:
                by_alias.setdefault(fold_alias(name), (inst.key, True))
    return by_alias


def _named(
    text: str, lp: LanguagePatterns, itu_document: bool, quoted: list[Span]
) -> list[Mention]:
    by_alias = _aliases()
    out = []
    for m in named_pattern(itu_document).finditer(text):
        key, bare = by_alias[fold_alias(m.group())]
        if any(q.start <= m.start() < q.end for q in quoted):
            continue  # a name inside a quoted title is part of that title
        window = text[max(0, m.start() - 60) : m.start()]
        if lp.temporal.search(window):
            continue
        if bare:
            if lp.bare_stop.match(text, m.end()):
                continue
            prev = _preceding_word(text, m.start())
            if prev[:1].isupper() and prev not in _ARTICLES:
                continue  # "European Convention", "Basel Convention": another instrument
        start, article = m.start(), None
        prov = lp.provision.search(text[max(0, m.start() - 80) : m.start()])
        if prov:
            start = max(0, m.start() - 80) + prov.start("provision")
            article = WHITESPACE.sub(" ", prov.group("provision"))
        printed = Printed(type="named", named_key=key, article=article)
        out.append(Mention(Span(start, m.end()), (printed,)))
    return out


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the earliest, then longest, of overlapping mentions."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.span.start, -m.span.end)):
        if kept and m.span.start < kept[-1].span.end:
            continue
        kept.append(m)
    return kept


def recognise(text: str, language: str, *, itu_document: bool = False) -> list[Mention]:
    """Every citation mention in ``text``, in text order, without overlaps.

    Args:
        text: the decoded source text (never normalised; patterns tolerate its noise).
        language: "en", "fr" or "es": which phrase tables apply.
        itu_document: the citing text is an ITU act, so a bare "Constitution" or
            "Convention" names the ITU's.
    """
    lp = patterns(language)
    quoted = [Span(m.start(), m.end()) for m in QUOTED.finditer(text)]
    found = [*_numbered(text, lp, itu_document), *_symbols(text), *_self_refs(text, lp)]
    found += _named(text, lp, itu_document, quoted)
    return _drop_overlaps(found)
