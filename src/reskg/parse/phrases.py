"""The per-language phrase tables (``reskg/lang/<code>/sections.toml``, ``identity.toml``).

Adding a language means adding a folder with these two files: nothing here names a
language. Phrases are compiled into regular expressions that tolerate the noise of real
texts (any case, no-break spaces, runs of spaces, straight or curly apostrophes) and match
at a given offset of the source text, so every span stays exact.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from reskg.errors import LanguageError
from reskg.parse.memory import Memory, load_memory
from reskg.resources import lang_dir

_APOSTROPHES = "'’ʼ"
# A word ending in -ise, -ises, -ised, -ising, -isation: group 1 is the stem before "is".
_ISE = re.compile(r"\b(\w{2,})is(e|es|ed|ing|ation)\b")
# An unknown opening word that can still be a phrase: a participle, an adjective or an
# inflected verb ("Regretting", "Deeply", "Honours"), capitalised as paragraphs open.
# Must not match numbers, numerals ("II"), articles or nouns of headings ("Section").
FALLBACK_WORD = re.compile(r"[A-Z][a-z]+(?:ing|ed|ly|es|[^s]s)")


def fold(text: str) -> str:
    """A phrase's lookup key: case-folded, one space between words, one kind of apostrophe."""
    text = unicodedata.normalize("NFC", text)
    for ch in _APOSTROPHES[1:]:
        text = text.replace(ch, "'")
    return " ".join(text.casefold().split())


def phrase_pattern(phrase: str) -> str:
    """A regex for ``phrase`` that tolerates case, spacing and apostrophe variants."""
    words = fold(phrase).split(" ")
    parts = [re.escape(w).replace("'", f"[{_APOSTROPHES}]") for w in words]
    return r"[\s\u00a0]+".join(parts)


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(phrase_pattern(p) for p in ordered)


@dataclass(frozen=True, slots=True)
class Opener:
    """What an opening phrase means: its function in each part it can open."""

    phrase: str
    preamble: str | None
    operative: str | None

    def function(self, part: str) -> str:
        """The function in ``part``; a phrase of the other part keeps its own."""
        chosen = self.operative if part == "operative" else self.preamble
        return chosen or self.preamble or self.operative or fold(self.phrase)


@dataclass(frozen=True, slots=True)
class OpenerMatch:
    """An opener found at a position: where the heading ends and what it means."""

    opener: Opener
    start: int
    end: int  # end of opener and its modifiers ("Recalling also")
    kept: tuple[str, ...] = ()  # modifiers that stay in the function ("strongly")

    def function(self, part: str) -> str:
        """The function in ``part``: the opener's, after the modifiers kept before it."""
        return " ".join((*self.kept, self.opener.function(part)))


@dataclass(frozen=True, slots=True)
class Phrases:
    """The compiled tables of one language."""

    code: str
    stopwords: frozenset[str]
    openers: dict[str, Opener]
    # UN translation conventions that differ from ITU ones ("considérant" renders
    # "Recognizing" in UN French, "considering" in ITU French); used for UN texts only.
    openers_un: dict[str, Opener]
    # Whether an unknown opening phrase is already in the function vocabulary (English).
    literal_fallback: bool
    # Words dropped from a marked-up (italic) opening phrase when it is the function, or
    # None when the language's italic phrases are not the vocabulary (see italic_function).
    italic_drop: re.Pattern[str] | None
    opener_re: re.Pattern[str]
    # Modifiers kept in the function ("strongly"), folded; and the -ise words not folded.
    kept: frozenset[str]
    ise_kept: tuple[str, ...] | None  # None: no -ise -> -ize folding in this language
    addressees: dict[str, str]
    addressees_itu: dict[str, str]
    addressee_re: re.Pattern[str]
    addressee_itu_re: re.Pattern[str]
    page_lines: tuple[re.Pattern[str], ...]
    footnote_rule: re.Pattern[str]
    types: dict[str, str]
    revision_markers: tuple[str, ...]
    enacting: dict[str, str]
    enacting_re: re.Pattern[str]
    places: dict[str, str]
    unga_adopted: re.Pattern[str]
    unga_session: re.Pattern[str]
    months: tuple[str, ...]
    # UN paragraph openings -> English function (``memory.tsv``; empty for English).
    memory: Memory

    def opener_at(
        self, text: str, pos: int, end: int | None = None, *, un: bool = False
    ) -> OpenerMatch | None:
        """The opener (with modifiers) starting exactly at ``pos``, if any.

        Args:
            un: the text is a UN one: ``[openers_un]`` overrides ``[openers]``.
        """
        m = self.opener_re.match(text, pos, len(text) if end is None else end)
        if m is None:
            return None
        key = fold(m.group("op"))
        opener = self.openers_un.get(key) if un else None
        if opener is None:
            opener = self.openers.get(key) or self.openers_un[key]
        kept: tuple[str, ...] = ()
        if self.kept and m.start("op") > m.start():
            before = fold(text[m.start() : m.start("op")])
            kept = tuple(w for w in before.split(" ") if w in self.kept)
        return OpenerMatch(opener, m.start(), m.end(), kept)

    def fallback(self, phrase: str) -> str:
        """The function of an opening phrase the tables lack.

        In a language whose phrases are the vocabulary (English) the phrase itself, folded,
        when it reads as an opening phrase ("Regretting", "Deeply disturbed"); otherwise
        ``other``: a French or Spanish word would never match the English vocabulary, and a
        heading ("Section 2", "Part I") opens no section of a resolution.
        """
        first = phrase.split(" ", 1)[0]
        if self.literal_fallback and FALLBACK_WORD.fullmatch(first):
            return self.spelling(fold(phrase))
        return "other"

    def italic_function(self, phrase: str) -> str | None:
        """The function of an opening phrase the markup prints in italics, or None when the
        language's italic phrases are not the vocabulary (French, Spanish).

        The phrase as printed, folded, without punctuation and without the words that only
        repeat a section or are dropped (``[fallback] dropped``): "Recalls also its request"
        -> ``recalls request``, "Reiterates its strong condemnation" -> ``reiterates strong
        condemnation``; British -ise folded. ``other`` when nothing is left.
        """
        if self.italic_drop is None:
            return None
        text = self.italic_drop.sub(" ", fold(phrase))
        words = re.sub(r"[^\w\s-]", "", text).split()
        return self.spelling(" ".join(words)) if words else "other"

    def spelling(self, function: str) -> str:
        """``function`` with British -ise endings folded to -ize ("recognising")."""
        if self.ise_kept is None:
            return function
        kept = self.ise_kept

        def fix(m: re.Match[str]) -> str:
            stem, ending = m.group(1), m.group(2)
            return m.group(0) if (stem + "is").endswith(kept) else f"{stem}iz{ending}"

        return _ISE.sub(fix, function)

    def addressee_at(self, text: str, pos: int, *, itu: bool) -> tuple[int, str] | None:
        """``(end, addressee)`` for an addressee phrase at ``pos`` (after spaces, a comma)."""
        m = (self.addressee_itu_re if itu else self.addressee_re).match(text, pos)
        if m is None:
            return None
        key = fold(m.group("who"))
        table = {**self.addressees, **self.addressees_itu} if itu else self.addressees
        return m.end(), table[key]


def _opener_re(openers: list[str], before: list[str], after: list[str]) -> re.Pattern[str]:
    # Modifiers before the phrase are tried lazily, so a phrase that begins with a modifier
    # word wins over the modifier: "deeply concerned" is a phrase, "deeply regrets" is not.
    pre = f"(?:(?:{_alternation(before)})[\\s\\u00a0]+)*?" if before else ""
    post = f"(?:,?[\\s\\u00a0]+(?:{_alternation(after)}))*" if after else ""
    return re.compile(rf"{pre}(?P<op>{_alternation(openers)}){post}(?!\w)", re.IGNORECASE)


def _drop_re(words: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_alternation(words)})(?![\w-])", re.IGNORECASE)


def _addressee_re(names: list[str]) -> re.Pattern[str]:
    return re.compile(rf",?[\s\u00a0]*(?P<who>{_alternation(names)})(?![\w-])", re.IGNORECASE)


def _load(code: str, name: str) -> dict[str, Any]:
    path = lang_dir() / code / name
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise LanguageError(f"language {code!r} has no {name}", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise LanguageError(f"invalid TOML: {exc}", path=str(path)) from exc


def languages() -> tuple[str, ...]:
    """The language codes that have a section table, in a stable order."""
    return tuple(sorted(p.parent.name for p in lang_dir().glob("*/sections.toml")))


@cache
def phrases(code: str) -> Phrases:
    """The compiled tables of language ``code`` (cached: they never change at run time)."""
    if code not in languages():
        raise LanguageError(f"unsupported language {code!r}; known: {', '.join(languages())}")
    sec = _load(code, "sections.toml")
    ident = _load(code, "identity.toml")
    openers = {
        fold(k): Opener(k, v.get("preamble"), v.get("operative")) for k, v in sec["openers"].items()
    }
    openers_un = {
        fold(k): Opener(k, v.get("preamble"), v.get("operative"))
        for k, v in sec.get("openers_un", {}).items()
    }
    addressees = {fold(k): v for k, v in sec.get("addressees", {}).items()}
    addressees_itu = {fold(k): v for k, v in sec.get("addressees_itu", {}).items()}
    mods = sec.get("modifiers", {})
    spelling = sec.get("spelling", {})
    fallback = sec.get("fallback", {})
    noise = sec.get("noise", {})
    types = dict(ident["types"])
    markers = tuple(types.pop("revision_markers", ()))
    unga = ident.get("unga", {})
    return Phrases(
        code=code,
        stopwords=frozenset(sec["detect"]["stopwords"]),
        openers=openers,
        openers_un=openers_un,
        literal_fallback=bool(fallback.get("literal", False)),
        italic_drop=_drop_re(
            mods.get("before", []) + mods.get("after", []) + fallback.get("dropped", [])
        )
        if fallback.get("italic", False)
        else None,
        opener_re=_opener_re(
            list(openers) + list(openers_un),
            mods.get("before", []) + mods.get("kept", []),
            mods.get("after", []),
        ),
        kept=frozenset(fold(w) for w in mods.get("kept", [])),
        ise_kept=tuple(spelling.get("ise_kept", ())) if spelling.get("ise_to_ize") else None,
        addressees=addressees,
        addressees_itu=addressees_itu,
        addressee_re=_addressee_re(list(addressees)),
        addressee_itu_re=_addressee_re(list(addressees) + list(addressees_itu)),
        page_lines=tuple(re.compile(p) for p in noise.get("page_lines", [])),
        footnote_rule=re.compile(noise.get("footnote_rule", r"^_{5,}$")),
        types={fold(k): v for k, v in types.items()},
        revision_markers=markers,
        enacting={fold(k): v for k, v in ident.get("enacting", {}).items()},
        enacting_re=re.compile(
            rf"(?P<who>{_alternation(list(ident.get('enacting', {})))})(?!\w)", re.IGNORECASE
        ),
        places={fold(k): v for k, v in ident.get("places", {}).items()},
        unga_adopted=re.compile(unga.get("adopted", r"(?!)"), re.IGNORECASE),
        unga_session=re.compile(unga.get("session", r"(?!)"), re.IGNORECASE),
        months=tuple(unga.get("months", ())),
        memory=load_memory(lang_dir() / code / "memory.tsv"),
    )
