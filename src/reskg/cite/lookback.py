"""Whose is "its resolution"? The body a possessive or a bare noun refers to.

"its resolutions 2321 (2016)" is the Security Council's when the paragraph named the Council
before; "through its resolution 54/18 ..., the Human Rights Council submitted" is the
Council's named after; with no body named, "its" is the citing body's own. The answers are
weak (``"~UNSC"``): :mod:`reskg.cite.resolve` keeps them only if the number has that body's
shape. Split from :mod:`reskg.cite.recognise`, which calls :func:`own_body` and
:func:`subject_after`.
"""

from __future__ import annotations

from reskg.cite.regexes import LINE_CLOSED, LINE_WORD, SUBJECT_GAP, LanguagePatterns


def own_body(
    text: str, start: int, lp: LanguagePatterns, reach: int = 250, its: bool = True
) -> str | None:
    """Whose is "its resolution"? The body last named earlier in the same paragraph, unless
    it is named as a complement ("of the Human Rights Council", "du Conseil"). Without
    "its" (``its=False``: "resolutions of the Human Rights Council, including resolutions
    36/6") the complement is exactly the body meant.

    "The Security Council ... its resolutions 2321 (2016)" is the Council's; with no body
    named, "its" is the citing body's own ("@own"). The answer is weak ("~UNSC"): the
    resolver keeps it only if the number has that body's shape.

    Two bodies joined by "and" ("reports to the General Assembly and the Human Rights
    Council ... of its resolution 62/141") are addressed together: "its" may be either's,
    so the last one is no answer and None is returned, as when no body is named (the
    caller then tries the subject after the citation, else the citing body's own).
    """
    window = text[paragraph_start(text, start, start - reach) : start]
    found = sorted(
        (m.start(), m.end(), body.code) for body in lp.bodies for m in body.pattern.finditer(window)
    )
    best: tuple[int, str] | None = None
    for begin, _, code in found:
        if its and lp.complement.search(window, 0, begin):
            continue  # "resolutions of the Human Rights Council": not who "its" is
        if best is None or begin > best[0]:
            best = (begin, code)
    if best is None or (its and _joined(window, best[0], found, lp)):
        return None
    return "~" + best[1]


def _joined(
    window: str, begin: int, found: list[tuple[int, int, str]], lp: LanguagePatterns
) -> bool:
    """Whether the body named at ``begin`` follows another one and "and" ("the General
    Assembly and the Human Rights Council")."""
    conjunction = lp.joined.search(window, 0, begin)
    if conjunction is None:
        return False
    return any(
        end <= conjunction.start() and not window[end : conjunction.start()].strip()
        for _, end, _ in found
    )


def paragraph_start(text: str, start: int, floor: int = 0) -> int:
    """Where the paragraph holding offset ``start`` begins, looking back to ``floor`` at most.

    A line break continues the paragraph in wrapped (PDF) text: the look-back crosses it
    when the line before ends mid-sentence ("... of the Human Rights Council, in" /
    "its resolution 54/12"), or ends with a comma and the next line goes on with a
    lower-case word. A blank line ends the paragraph, and so does a line closed by its mark
    (",", ";", "." at the end of a paragraph printed on one line, as in AKN or ITU text).
    """
    begin = text.rfind("\n", 0, start) + 1
    while begin > max(floor, 0):
        previous = text.rfind("\n", 0, begin - 1) + 1
        line = text[previous : begin - 1]
        if not line.strip():
            break
        closed = LINE_CLOSED.search(line)
        word = LINE_WORD.match(text, begin)
        goes_on = word is not None and word.group("word")[0].islower()
        if closed and not (closed.group(0)[0] == "," and goes_on):
            break
        begin = previous
    return max(begin, floor, 0)


def subject_after(text: str, end: int, lp: LanguagePatterns) -> str | None:
    """Whose is "its resolution" when no body came before? The body named right after the
    citation as the subject: "through its resolution 54/18 of 12 October 2023, the Human
    Rights Council submitted" is the Council's. Weak, like :func:`own_body`. A body that
    heads a citation of its own ("its resolution 77/213 of 15 December 2022, Human Rights
    Council resolution 53/11") is the next item of an enumeration, not a subject."""
    gap = SUBJECT_GAP.match(text, end)
    if gap is None:
        return None
    for body in lp.bodies:
        named = body.pattern.match(text, gap.end())
        if named:
            if lp.noun.match(text, named.end() + _spaces(text, named.end())):
                return None
            return "~" + body.code
    return None


def _spaces(text: str, pos: int) -> int:
    """How many whitespace characters start at ``pos``."""
    n = pos
    while n < len(text) and text[n].isspace():
        n += 1
    return n - pos
