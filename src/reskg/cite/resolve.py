"""Turn what a text prints about an instrument into one identity (:class:`InstrumentRef`).

The same act must get the same identity whichever text or language cites it, so the
decisions below use only the printed facts, the authority data and the citing document's
own identity, in a fixed order of precedence (see :func:`resolve`).
"""

from __future__ import annotations

from dataclasses import dataclass

from reskg.authority import load_authority
from reskg.cite.recognise import Printed
from reskg.cite.regexes import (
    BARE_YEAR,
    ECOSOC_FORM,
    ITU_SUFFIX,
    PAREN_PATTERNS,
    PART_LETTER,
    UNSC_FORM,
    WHITESPACE,
    patterns,
)
from reskg.model import InstrumentRef


@dataclass(frozen=True, slots=True)
class CitingContext:
    """What the citing document says about itself, which fills gaps in its citations."""

    issuer: str | None  # "ITU-PP", "UNGA", ...
    language: str
    number: str | None = None
    version_year: int | None = None

    @property
    def itu(self) -> bool:
        return bool(self.issuer and self.issuer.startswith("ITU"))


@dataclass(frozen=True, slots=True)
class Revision:
    """What a revision parenthesis states: "(Rev. Bucarest, 2022)" -> 2022, "Bucharest", PP."""

    year: int | None = None
    place: str | None = None
    body: str | None = None  # the conference named by (place, year), or WRC, or Council


def _two_digit_year(code: str) -> int:
    digits = code.lstrip("C-")
    value = int(digits)
    if len(digits) == 4:
        return value
    return 2000 + value if value <= 50 else 1900 + value


def read_revision(paren: str | None, language: str) -> Revision:
    """Interpret a revision parenthesis.

    Decisions: "(C-1985, last amended C19)" and "(2016, last amended 2017)" give the year of
    the LAST amendment, because the cited text is the one in force after it; a list of
    conferences "(Kyoto, 1994; ...; Dubai, 2018)" gives the last; "(REV.WRC-23)" is WRC 2023;
    a year with a revision marker and no place ("Modified 2016", "Rev. 2016", "Amend. 2019")
    is a Council year, the only body that revises between conferences.
    """
    if not paren:
        return Revision()
    lp = patterns(language)
    inner = paren.strip("() \t")
    amended = lp.last_amended.search(inner)
    if amended:
        return Revision(year=_two_digit_year(amended.group("code")), body="ITU-Council")
    wrc = PAREN_PATTERNS["wrc"].search(inner)
    if wrc:
        return Revision(year=_two_digit_year(wrc.group("yy")), body="ITU-WRC")
    marked = bool(lp.revision_marker.search(inner))
    stripped = lp.revision_marker.sub(" ", inner)
    places = list(PAREN_PATTERNS["place_year"].finditer(stripped))
    if places:
        last = places[-1]
        year = int(last.group("year"))
        printed = WHITESPACE.sub(" ", last.group("place")).strip(" -")
        authority = load_authority()
        conference = authority.conference(printed, year)
        canonical = authority.canonical_place(printed)
        place = canonical or (printed.title() if printed.isupper() else printed)
        return Revision(year=year, place=place, body=conference.body if conference else None)
    council = PAREN_PATTERNS["council"].search(inner)
    if council:
        return Revision(year=_two_digit_year(council.group("yy")), body="ITU-Council")
    plain = PAREN_PATTERNS["year"].search(inner)
    if plain:
        return Revision(year=int(plain.group("year")), body="ITU-Council" if marked else None)
    return Revision()


def _placeholder_issuer(
    code: str, number: str, paren: str | None, ctx: CitingContext
) -> str | None:
    """Resolve "@council", "@assembly", "@own", "@self" from the document and number shape."""
    if code == "@own" and ctx.itu and ("/" in number or "(" in number):
        # "par sa Résolution 70/125, l'Assemblée générale": in an ITU text a UN-shaped
        # number is never the ITU body's own act.
        return "ECOSOC" if ECOSOC_FORM.match(number) else "UNGA"
    if code == "@other":
        return None
    if code in ("@own", "@self"):
        return ctx.issuer or "UNGA"
    if code == "@assembly":
        return "UNGA"
    if ctx.itu and "/" not in number:
        return "ITU-Council"
    if ECOSOC_FORM.match(number):
        return "ECOSOC"
    if "/" in number:
        return "HRC"
    if paren and BARE_YEAR.match(paren.strip()):
        return "UNSC"
    return "ITU-Council" if ctx.itu else "UNSC"


# The General Assembly numbered its resolutions "number (session in Roman)" until its
# thirtieth session and "session/number" from the thirty-first (1976) on. So "9/2" or
# "12/07" cannot be an Assembly resolution: such numbers belong to bodies with short session
# counts (conferences of parties, the Human Rights Council, UNEP's Assembly), which the text
# names somewhere else.
_FIRST_SLASH_SESSION = 31
# The latest session a citation can name. A text cannot cite a session that had not opened
# when it was adopted, and session N opens in September of 1945 + N, so a document of year Y
# cites at most session Y - 1945. Without a year of its own the bound is the session open
# when this table was last updated (the eighty-first opened in September 2026); it is a
# fixed number, not today's date, so the same text resolves the same way on every run.
_SESSION_YEAR_OFFSET = 1945
_LATEST_SESSION_KNOWN = 81


def latest_session(ctx: CitingContext) -> int:
    """The highest Assembly session ``ctx``'s document can cite (see above)."""
    if ctx.version_year is not None:
        return ctx.version_year - _SESSION_YEAR_OFFSET
    return _LATEST_SESSION_KNOWN


def _plausible_unga(number: str, ctx: CitingContext) -> bool:
    session, _, rest = number.partition("/")
    if not rest or not session.isdigit():
        return True  # "S-10/2", "ES-10/19", "1514 (XV)"
    return _FIRST_SLASH_SESSION <= int(session) <= latest_session(ctx) and not rest.startswith("0")


def _issuer(printed: Printed, revision: Revision, ctx: CitingContext) -> tuple[str | None, str]:
    issuer, how = _issuer_guess(printed, revision, ctx)
    number = printed.number or ""
    head = printed.head or number
    plausible = _plausible_unga(number, ctx) and _plausible_unga(head, ctx)
    if issuer == "UNGA" and how != "issuer printed" and not plausible:
        return None, "not an Assembly number (or list head); body not printed"
    return issuer, how


def _security_council_shape(printed: Printed, ctx: CitingContext) -> bool:
    """ "2417 (2018)" in a UN text: digits and a bare year, the Security Council's form."""
    number = printed.number or ""
    paren = (printed.paren or "").strip()
    return not ctx.itu and bool(UNSC_FORM.match(number) and BARE_YEAR.match(paren))


def _fits(body: str, number: str, security_council: bool) -> bool:
    """Can ``body`` have numbered an act ``number``? Each UN body has its own shape: the
    Security Council "2417 (2018)", ECOSOC "2023/3", the Assembly and the Human Rights
    Council "session/number", the Commission on Human Rights "2005/74" like ECOSOC; other
    bodies are not checked."""
    if body == "UNSC":
        return security_council
    if body in ("ECOSOC", "CHR"):
        return bool(ECOSOC_FORM.match(number))
    if body in ("UNGA", "HRC"):
        return ("/" in number or "(" in number) and not security_council
    return True


def _issuer_guess(
    printed: Printed, revision: Revision, ctx: CitingContext
) -> tuple[str | None, str]:
    number = printed.number or ""
    security_council = _security_council_shape(printed, ctx)
    if printed.issuer and printed.issuer.startswith("~"):
        weak = printed.issuer[1:]
        if revision.body and revision.body != weak:
            # "Resolution 16 (Valletta, 1998) of WTDC, as well as Resolution 63 (Busan,
            # 2014)": the place and year name the conference; a body named before is weaker.
            return revision.body, "issuer from the revision marker"
        if _fits(weak, number, security_council):
            return weak, "body named earlier in the paragraph"
        printed = Printed(type=printed.type, number=printed.number, paren=printed.paren)
    if printed.issuer == "@named":
        # A body the tables do not know ("Commission on Narcotic Drugs resolution 65/2"): a
        # UN-shaped number is not the Assembly's; ECOSOC and Security Council shapes still
        # name theirs, and an ITU-shaped number is read as if no body were printed.
        if ECOSOC_FORM.match(number):
            return "ECOSOC", "issuer from the number's shape"
        if security_council:
            return "UNSC", "issuer from the number's shape"
        if "/" in number or "(" in number:
            return None, "a body the tables do not know is named"
        printed = Printed(type=printed.type, number=printed.number, paren=printed.paren)
    if security_council and printed.issuer in (None, "@own", "@self"):
        # "sa résolution 2334 (2016)" in an Assembly text: only the Security Council numbers
        # its acts "number (year)", so the shape outranks "its".
        return "UNSC", "issuer from the number's shape"
    if printed.issuer and not printed.issuer.startswith("@"):
        return printed.issuer, "issuer printed"
    if printed.issuer:
        return _placeholder_issuer(printed.issuer, number, printed.paren, ctx), "body by kind"
    if revision.body:
        return revision.body, "issuer from the revision marker"
    if ECOSOC_FORM.match(number):
        return "ECOSOC", "issuer from the number's shape"
    if "/" in number or "(" in number:
        return "UNGA", "issuer from the number's shape"
    if not ctx.itu and printed.paren and BARE_YEAR.match(printed.paren.strip()):
        return "UNSC", "issuer from the number's shape"
    if ctx.itu:
        return ctx.issuer, "issuer of the citing document"
    # A UN text numbers its own acts "70/125"; a bare "resolution 1" is of some conference.
    return None, "no issuer printed or implied"


_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))


def _number(printed: Printed, issuer: str | None) -> str | None:
    """The number without prefix, part letter or revision suffix ("48-2" -> "48").

    A UN resolution in parts ("55/180 B") is one act: the work is the resolution. A Security
    Council resolution keeps its year, which is part of its symbol ("2417 (2018)").
    """
    number = printed.number
    if number is None:
        return None
    # Texts print "ES‑10/15" with a no-break or other Unicode hyphen; the number is the
    # same act whichever dash the typesetter used.
    number = number.translate(_DASHES)
    if "/" in number or "(" in number:
        return PART_LETTER.sub("", number)
    if issuer == "UNSC":
        year = BARE_YEAR.match((printed.paren or "").strip())
        return f"{number} ({year.group(1)})" if year and UNSC_FORM.match(number) else number
    return ITU_SUFFIX.sub("", number) if "." not in number else number


def resolve(printed: Printed, ctx: CitingContext) -> tuple[InstrumentRef, tuple[str, ...]]:
    """The identity of one printed reference, and notes on how it was reached.

    Precedence for the issuer: a printed body ("du Conseil", "UNGA", a symbol) first; then a
    body named by kind ("the Council"), settled by the document and the number's shape; then
    the conference a revision marker names; then the number's shape ("70/125" is UNGA,
    "2023/3" ECOSOC, "2417 (2018)" in a UN text the Security Council); last the citing
    document's own body. UN resolutions carry no version year: the number fixes the act.
    """
    if printed.self_ref:
        return InstrumentRef(issuer=ctx.issuer, type="resolution", self_ref=True), ("self",)
    if printed.named_key:
        inst = load_authority().instrument(printed.named_key)
        if inst is None:  # recognise only yields keys of the authority data
            raise KeyError(printed.named_key)
        ref = InstrumentRef(
            issuer=inst.issuer,
            type=inst.type,
            number=inst.adopted_by,
            version_year=inst.version_year,
            title_en=inst.title_en,
            article=printed.article,
        )
        return ref, (f"named instrument {inst.key}",)
    revision = read_revision(printed.paren, ctx.language)
    issuer, how = _issuer(printed, revision, ctx)
    number = _number(printed, issuer)
    un = issuer in ("UNGA", "UNSC", "ECOSOC", "HRC")
    ref = InstrumentRef(
        issuer=issuer,
        type=printed.type,
        number=number,
        version_year=None if un else revision.year,
        version_place=None if un else revision.place,
    )
    if (
        ref.issuer == ctx.issuer
        and ref.number == ctx.number
        and ref.number is not None
        and (un or (ref.version_year is not None and ref.version_year == ctx.version_year))
    ):
        ref = InstrumentRef(
            issuer=ref.issuer,
            type=ref.type,
            number=ref.number,
            version_year=ref.version_year,
            version_place=ref.version_place,
            self_ref=True,
        )
        return ref, (how, "the citing document itself")
    return ref, (how,)
