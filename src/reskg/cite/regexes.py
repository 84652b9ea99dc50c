"""Every pattern of citation extraction, assembled from named, commented fragments.

Phrases that differ by language come from ``reskg/lang/<lang>/cite.toml``; the shapes of
numbers and symbols, which do not, are the fragments below. No other module compiles a
pattern. Performance note: the main pattern is one alternation scanned once per document;
benchmark (``bench/bench_extract.py``) before adding look-behinds or nested quantifiers.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from reskg.authority import load_authority
from reskg.errors import InputError
from reskg.resources import lang_dir

LANGUAGES = ("en", "fr", "es")

# A UN resolution number "session/number": "70/125", special and emergency special sessions
# "S-10/2", "ES-10/19", ECOSOC "2023/3", HRC "47/16"; an optional part letter ("55/180 B").
# Must not match a document symbol "A/70/125": the look-behind refuses a preceding "/" or
# letter, and the part letter must stand alone (not the "a" of "and").
# A range of parts "51/211 A to E" ("A à E", "A a E", "A-E") is one citation of the work.
PART_RANGE = r"(?:\s?(?:-|–|to|à|a)\s?(?-i:[A-Z]))"
UN_NUMBER = (
    r"(?<![\w/])(?:(?-i:ES|S)[-‑]\d{1,2}/\d{1,4}|\d{1,4}/\d{1,4})"
    rf"(?:\s?(?-i:[A-Z]){PART_RANGE}?(?![\w/]))?"
)

# A Security Council resolution with its year "1738 (2006)", only as a further item of a
# list whose first item has that form ("résolutions du Conseil de sécurité 1325 (2000) du
# 31 octobre 2000 sur ..., 1738 (2006) et 2222 (2015)"). Must not match an ITU number with
# a revision "(Rev. Dubai, 2018)": the parenthesis holds the year alone.
SC_NUMBER = r"(?<![\w/])\d{1,4}\s?\((?:19|20)\d\d\)"

# A pre-1976 General Assembly resolution: number, optional part letter, Roman session
# "1514 (XV)", "217 A (III)", "3 (S-IV)" (also with a no-break hyphen, "1874 (S‑IV)").
# Must not match "Resolution 9 (I)" of a list marker: only Roman numerals in upper case count.
ROMAN_NUMBER = r"(?<![\w/])\d{1,4}(?:\s?(?-i:[A-Z]))?\s?\((?-i:(?:E?S[-‑])?[IVXL]{1,7})\)"

# An ITU number: "140", "1332", "48-2" (ITU-R revision suffix), "D.50" (ITU-T series letter),
# "2bis". Must not match a decimal "1.5" nor the first part of "70/125".
ITU_NUMBER = (
    r"(?<![\w/.])(?:(?-i:[A-Z])\.\d{1,4}(?:\.\d{1,4})?|\d{1,4}(?:-\d{1,2})?(?:\s?(?:bis|ter))?)"
    r"(?![\w/]|[.,]\d)"
)

# A revision or date parenthesis after a number; it must hold a year or a conference code,
# so "(see annex)" or "(UNGA)" is not swallowed: "(Rev. Bucharest, 2022)", "(Modified 2016)",
# "(REV.WRC-23)", "(C-1985, last amended C19)", "(2018)" of the Security Council.
REVISION_PAREN = (
    r"\(\s*[^()\n]{0,80}?(?:(?:19|20)\d\d|\b(?-i:WRC|CMR|RA|PP|C)-?\d\d\b)[^()\n]{0,40}\)"
)

# Standalone UN symbols of resolutions: "A/RES/70/125", "S/RES/2417 (2018)", "E/RES/2023/3",
# "A/HRC/RES/47/16". Report symbols "A/70/125" have no "RES" and never match.
UN_SYMBOL = (
    r"(?<![\w/])(?-i:(?P<sym_body>A/HRC/RES|A/RES|S/RES|E/RES)/"
    r"(?P<sym_number>(?:(?:ES|S)-\d{1,2}/\d{1,4}|\d{1,4}/\d{1,4}|\d{1,4}\s?\((?:S-)?[IVXL]+\)"
    r"|\d{1,4}\s?\(\d{4}\))(?:\s?[A-H](?![\w/]))?))"
)

# Inside a revision parenthesis. A conference: a capitalised place and a year,
# "Rev. Bucharest, 2022", "Rév.Doha 2006", "Buenos Aires, 2017 ". A WRC code "REV.WRC-23"
# (two-digit year). A Council session code "C19", "C-1985".
PAREN_PLACE_YEAR = r"(?P<place>[A-ZÀ-Ý][\w'\- ]*?[A-Za-zÀ-ÿ])\s*,?\s*(?P<year>(?:19|20)\d\d)\b"
PAREN_WRC = r"\b(?-i:WRC|CMR)-(?P<yy>\d\d)\b"
PAREN_COUNCIL = r"\b(?-i:C)-?(?P<yy>\d{4}|\d\d)\b"
PAREN_YEAR = r"(?<!\d)(?P<year>(?:19|20)\d\d)(?!\d)"

# Number shapes the resolver reads. A Security Council number is digits only, with the year
# printed after it "2417 (2018)"; an ECOSOC number starts with a four-digit year "2023/3"
# (a GA session number never has four digits); a part letter "55/180 B", "217 A (III)";
# an ITU-R revision suffix "48-2".
UNSC_FORM = re.compile(r"\d{1,4}\Z")
SC_SPLIT = re.compile(r"(\d{1,4})\s?(\((?:19|20)\d\d\))\Z")
BARE_YEAR = re.compile(r"\(\s*((?:19|20)\d\d)\s*\)\Z")
ECOSOC_FORM = re.compile(r"(?:19|20)\d\d/\d{1,3}\Z")
PART_LETTER = re.compile(rf"\s?[A-Z]{PART_RANGE}?(?=\s?\(|\Z)")
ITU_SUFFIX = re.compile(r"-\d{1,2}\Z")

# The rest of a UN list after an interruption the list pattern cannot foresee: a part
# section ("45/248 B, section VI, of ...", "52/214, sect. B, 57/283"), a subject ("75/125
# of ... on the safety of humanitarian personnel and 75/127 of ..."). The gap stops at a
# sentence or clause end,
# a parenthesis, a quotation mark or another instrument noun, so a number of another act
# ("Human Rights Council resolution 53/11") starts its own mention instead. A subject can
# run long ("79/194, de 19 de diciembre de 2024, relativa a las tecnologías de la
# información y las comunicaciones para el desarrollo sostenible, 78/160"): 200 characters.
# French and Spanish lists whose items carry a clause of their own separate them by ";"
# ("2142 (XXI) du 26 octobre 1966, dans laquelle elle a proclamé ... ; 61/19 du 28 novembre
# 2006"): a ";" on the same line, right before the next number, continues the list.
# A section or paragraph abbreviation ("sect.", "paras.", "secc.", "párrs.") is no sentence
# end; nor is a short parenthesis without a symbol in a subject ("the coronavirus disease
# (COVID‑19), 74/274", "(2024-2033), et 78/321") or a subparagraph letter ("à l'alinéa e) de
# l'Article 73 ..., et 2625 (XXV)").
_ABBREVIATION = "|".join(
    rf"(?<={a})\." for a in ("sect", "secc", "para", "paras", "párr", "párrs", "chap", "par")
)
UN_CONTINUATION = re.compile(
    r"(?P<gap>(?:[^;.\n\"“”«»()]|"
    + _ABBREVIATION
    + r"|\([^()/;.\n\"“”«»]{1,30}\)|(?<=\s[a-z])\)){0,200}?)"
    r"(?:,\s*(?:and\s+|et\s+|y\s+)?|\s+(?:and|et|y|e)\s+"
    r"|[ \u00a0\u202f]*;[ \u00a0\u202f]*(?:and\s+|et\s+|y\s+)?)"
    rf"(?P<number>{SC_NUMBER}|{UN_NUMBER}|{ROMAN_NUMBER})(?![\w/])"
)

# An ITU-T series number "D.50": only valid after a sector prefix ("Recommendation ITU-T
# D.50"); alone, "R.2" or "T.1" are objective codes of a strategic plan.
SERIES_NUMBER = re.compile(r"[A-Z]\.\d")

# Quotation marks that open and close a title given by the citing text.
OPEN_QUOTE = '["“«]'
CLOSE_QUOTE = '["”»]'


def phrase(fragment: str) -> str:
    """A TOML phrase fragment as a pattern: a space matches any run of whitespace.

    Texts carry no-break spaces, tabs and line breaks where a space is printed, and the
    decoded text is never normalised, so the tolerance lives here.
    """
    return fragment.replace(", ", r",\s*").replace(" ", r"\s+")


def literal(text: str) -> str:
    """A literal alias as a pattern: whitespace runs and either apostrophe tolerated."""
    out = []
    for part in re.split(r"(\s+|['’])", text):
        if not part:
            continue
        if part.isspace():
            out.append(r"\s+")
        elif part in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(part))
    return "".join(out)


def _alternation(fragments: list[str]) -> str:
    ordered = sorted(set(fragments), key=lambda f: (-len(f), f))
    return "(?:" + "|".join(phrase(f) for f in ordered) + ")" if ordered else "(?!)"


@dataclass(frozen=True, slots=True)
class IssuerPhrase:
    """One compiled body phrase and the issuer code (or "@council", "@own", ...) it names.

    The pattern is matched where the phrase was found in the text and must end where it
    ended (:func:`reskg.cite.recognise._issuer_of`), so a look-ahead of the phrase table sees
    the words that follow it ("de la Commission(?= pour )").
    """

    code: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class LanguagePatterns:
    """The compiled patterns of one language."""

    language: str
    citation: re.Pattern[str]  # noun, body phrases, number list, trailing revision
    noun: re.Pattern[str]  # the instrument nouns alone: where citation matching starts
    item: re.Pattern[str]  # one number with its parenthesis and date, inside a list
    words: tuple[tuple[str, re.Pattern[str]], ...]  # (type, noun pattern), anchored
    words_search: tuple[tuple[str, re.Pattern[str]], ...]  # the same, unanchored
    before: tuple[IssuerPhrase, ...]
    after: tuple[IssuerPhrase, ...]
    trailing: re.Pattern[str]  # a body phrase of `after` right after a list ("... du Conseil")
    sector: tuple[IssuerPhrase, ...]
    bodies: tuple[IssuerPhrase, ...]  # explicit body names, unanchored, for "its" look-back
    complement: re.Pattern[str]  # a word before a body name that makes it a complement
    joined: re.Pattern[str]  # "and" before a body name: two bodies named together
    self_ref: re.Pattern[str]
    date: re.Pattern[str]  # a date of adoption after a number, "of 16 December 2015"
    title: re.Pattern[str]  # anchored at the end of a citation
    temporal: re.Pattern[str]  # anchored at the start of a named instrument
    provision: re.Pattern[str]  # "Article 12 of the " right before a named instrument
    bare_stop: re.Pattern[str]  # anchored after a bare "Constitution"
    revision_marker: re.Pattern[str]
    last_amended: re.Pattern[str]


def _load_table(language: str) -> dict[str, Any]:
    path = lang_dir() / language / "cite.toml"
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise InputError(f"no citation phrases for language {language!r}", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"citation phrases are not valid TOML: {exc}", path=str(path)) from exc


def _issuers(table: dict[str, Any]) -> tuple[IssuerPhrase, ...]:
    pairs = [
        (code, fragment)
        for code, fragments in table.items()
        if isinstance(fragments, list) and code != "link_before"
        for fragment in fragments
    ]
    pairs.sort(key=lambda p: -len(p[1]))
    return tuple(IssuerPhrase(code, re.compile(phrase(f), re.IGNORECASE)) for code, f in pairs)


@cache
def patterns(language: str) -> LanguagePatterns:
    """Compile the patterns of ``language`` ("en", "fr", "es"); cached per process."""
    table = _load_table(language)
    issuers = table.get("issuers", {})
    before_table = issuers.get("before", {})
    before_frags = [f for k, v in before_table.items() if k != "link_before" for f in v]
    link = _alternation(before_table.get("link_before", []))
    after_frags = [f for v in issuers.get("after", {}).values() for f in v]
    sector_frags = [f for v in issuers.get("sector", {}).values() for f in v]
    words = table["words"]
    word = _alternation([f for v in words.values() for f in v])
    date = phrase(table["dates"]["pattern"])
    # Spaces may stand before a separator where a footnote mark was blanked out
    # ("34/24³⁰, 40/20" reads "34/24  , 40/20" to the patterns, see reskg.cite._masked_text).
    separator = "[ \t\u00a0\u202f]*" + _alternation(table["lists"]["separators"])

    number = f"(?:{ROMAN_NUMBER}|{UN_NUMBER}|{ITU_NUMBER})"
    item = rf"{number}(?:\s*{REVISION_PAREN})?(?:{date})?"
    after = _alternation(after_frags)
    citation = (
        rf"(?:(?<!\w)(?P<pre>{_alternation(before_frags)})(?:\s*{link})?\s+)?"
        rf"(?<!\w)(?P<word>{word})(?!\w)"
        rf"(?:\s+(?P<mid>{after}))?"
        rf"(?:\s+(?P<sector>{_alternation(sector_frags)}))?"
        rf"\s*(?P<items>{item}(?:{separator}{item})*)"
        rf"(?:\s*,?\s*(?P<post>{after})(?!\w)(?:\s*(?P<tail>{REVISION_PAREN}))?)?"
    )
    titles = _alternation(table["titles"]["introducers"])
    provisions = table["provisions"]
    prov_word = _alternation(provisions["words"])
    prov_conj = _alternation(provisions["conjunctions"])
    prov_of = _alternation(provisions["of"])
    prov_num = r"\d{1,4}[A-Z]?(?:\s?bis)?"
    return LanguagePatterns(
        language=language,
        citation=re.compile(citation, re.IGNORECASE),
        noun=re.compile(rf"(?<!\w){word}(?!\w)", re.IGNORECASE),
        item=re.compile(
            rf"(?P<number>{number})(?:\s*(?P<paren>{REVISION_PAREN}))?(?:{date})?",
            re.IGNORECASE,
        ),
        words=tuple(
            (kind, re.compile(_alternation(frags) + r"\Z", re.IGNORECASE))
            for kind, frags in words.items()
        ),
        words_search=tuple(
            (kind, re.compile(rf"(?<!\w){_alternation(frags)}(?!\w)", re.IGNORECASE))
            for kind, frags in words.items()
        ),
        before=_issuers(before_table),
        after=_issuers(issuers.get("after", {})),
        trailing=re.compile(rf"\s*,?\s*(?P<post>{after})(?!\w)", re.IGNORECASE),
        sector=_issuers(issuers.get("sector", {})),
        bodies=tuple(
            IssuerPhrase(code, re.compile(rf"(?<!\w){_alternation(frags)}(?!\w)", re.IGNORECASE))
            for code, frags in before_table.items()
            if isinstance(frags, list) and code != "link_before" and not code.startswith("@")
        ),
        complement=re.compile(
            rf"(?<!\w){_alternation(table['own_body']['not_after'])}\s+\Z", re.IGNORECASE
        ),
        joined=re.compile(
            rf"(?<!\w)(?:{_alternation(table['own_body'].get('joined', []))})\s+\Z"
            if table["own_body"].get("joined")
            else r"(?!)",
            re.IGNORECASE,
        ),
        self_ref=re.compile(
            rf"(?<!\w){_alternation(table['self']['phrases'])}(?!\w)", re.IGNORECASE
        ),
        date=re.compile(date, re.IGNORECASE),
        title=re.compile(
            rf"\s*,?\s*(?:{titles}\s*)?{OPEN_QUOTE}\s*(?P<title>[^\"”»\n]{{3,400}}?)\s*{CLOSE_QUOTE}",
            re.IGNORECASE,
        ),
        temporal=re.compile(
            rf"(?:{_alternation(table['exclusions']['temporal'])})\s*\Z", re.IGNORECASE
        ),
        provision=re.compile(
            rf"(?<!\w)(?P<provision>{prov_word}\s*{prov_num}(?:\s*{prov_conj}\s*{prov_num})*)"
            rf"\s+{prov_of}\s*\Z",
        ),
        bare_stop=re.compile(
            rf"\s+{_alternation(table['bare']['not_followed_by'])}(?!\w)", re.IGNORECASE
        ),
        revision_marker=re.compile(_alternation(table["revisions"]["markers"]), re.IGNORECASE),
        last_amended=re.compile(
            rf"{_alternation(table['revisions']['last_amended'])}\s*(?P<code>C?-?\d{{2,4}})",
            re.IGNORECASE,
        ),
    )


@cache
def named_pattern(itu_document: bool) -> re.Pattern[str]:
    """One alternation of every alias of every named instrument, in every language.

    Aliases are matched case-sensitively ("Constitution" of a text is not the common noun
    "constitution"). Bare one-word names ("Constitution") join only for ITU documents.
    """
    authority = load_authority()
    aliases = {a for i in authority.instruments for _, names in i.aliases for a in names}
    if itu_document:
        aliases |= {a for i in authority.instruments for _, names in i.bare for a in names}
    ordered = sorted(aliases, key=lambda a: (-len(a), a))
    return re.compile(r"(?<![\w-])(?:" + "|".join(literal(a) for a in ordered) + r")(?![\w-])")


@cache
def symbol_pattern() -> re.Pattern[str]:
    return re.compile(UN_SYMBOL)


PAREN_PATTERNS = {
    "place_year": re.compile(PAREN_PLACE_YEAR),
    "wrc": re.compile(PAREN_WRC, re.IGNORECASE),
    "council": re.compile(PAREN_COUNCIL),
    "year": re.compile(PAREN_YEAR),
}


# A quoted passage: a name inside quotation marks belongs to a title, not a citation
# ('entitled "Transforming our world: the 2030 Agenda ..."').
QUOTED = re.compile(rf"{OPEN_QUOTE}[^\"”»\n]{{3,400}}?{CLOSE_QUOTE}")

# The word right before a bare name: a capitalised one ("Basel Convention") names another
# instrument.
PRECEDING_WORD = re.compile(r"(\w+)\s*\Z")

# A name the tables do not know, printed right before an instrument noun: a capitalised
# word after another word of the same line ("Commission on Narcotic Drugs resolution 65/2",
# "Commission on the Status of Women resolutions 49/7"), so neither an opening phrase
# ("Recalling resolution 70/1", "5. Recalls resolution") nor an article ("The", "Its").
# Searched in the text before the noun, anchored at its end.
UNKNOWN_BODY = re.compile(
    r"[^\W\d_][\w'’-]*[ \u00a0]+(?!(?:The|Its|This|These|That)\b)[A-Z][\w'’-]*[ \u00a0]+\Z"
)

# Runs of whitespace, folded to one space in numbers and keys.
WHITESPACE = re.compile(r"\s+")
# A line that closes its paragraph or clause, in texts printed one paragraph a line (AKN,
# ITU): its last mark, maybe a footnote number after it ("Framework,19"). A wrapped line of
# PDF text ends mid-sentence instead ("the decision of the Human Rights Council, in").
LINE_CLOSED = re.compile(r"[,;.:][\d\s\u00a0]*\Z")
# The word a line opens with; a lower-case one goes on with a sentence, a clause label
# ("a)", "ii)") does not.
LINE_WORD = re.compile(r"[ \t\u00a0]*(?P<word>[^\W\d_]{2,})(?![)\w])")

# Between a citation and the body named right after it as the sentence's subject: a comma,
# and perhaps a footnote number glued to it ("through its resolution 54/18 of 12 October
# 2023,20 the Human Rights Council submitted ..."), or spaces before it where a footnote
# mark was blanked out ("par sa résolution 54/18 du 12 octobre 2023¹⁷, le Conseil" reads
# "2023  , le Conseil"). The citation's own match may already end past the comma and the
# footnote number (a date pattern takes them).
SUBJECT_GAP = re.compile(
    r"(?:(?<=,)|(?<=,\d)|(?<=,\d\d)|(?<=,\d\d\d)|[ \u00a0]*,(?:\d{1,3}(?!\d))?)\s+"
)


def fold_alias(text: str) -> str:
    """The lookup key of a matched alias: whitespace collapsed, one apostrophe."""
    return WHITESPACE.sub(" ", text).replace("’", "'")
