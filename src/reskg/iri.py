"""The IRI policy, in one place (``docs/identifiers.md`` explains it; tests pin it).

Every IRI is a function of what a text states, never of the order things were ingested,
so the same instrument cited by two documents in two languages is one node. Paths follow
the UN's Akoma Ntoso (AKN4UN) FRBR URIs where what is stated allows:

========================  ==========================================================
work (numbered act)        {base}akn/un/statement/deliberation/{actor}/{kind}-{number}
version (a revision)       {base}akn/un/statement/deliberation/{actor}/{year}/{kind}-{number}
language version           {version or work}/{lang3}@
UN resolution (work)       {base}akn/un/statement/deliberation/{actor}/{session}-{number}
named instrument           {base}id/instrument/{key}
body                       {base}id/body/{code}
conference / session       {base}id/conference/{actor}-{year}
source document            {base}doc/{slug}            (its named graph: {base}graph/doc/{slug})
section, clause, citation  {base}doc/{slug}/sec-{i}, .../sec-{i}/cl-{j}, {base}doc/{slug}/cit-{k}
========================  ==========================================================

AKN4UN dates its work URIs by the adoption date (``/unga/2023-12-07/78-108``). A citation
rarely states that date, so our work IRIs leave it out; where the metadata gives the UN's
own FRBR URI, the graph links it with ``skos:exactMatch``.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from reskg.model import InstrumentRef

DEFAULT_BASE = "https://w3id.org/reskg/"

# Issuer codes (gold vocabulary) -> AKN actor names. AKN4UN uses "unga" and "unsc"; the
# ITU actors follow the itu-* convention of the AKN conversions of ITU final acts.
ACTORS: dict[str, str] = {
    "UNGA": "unga",
    "UNSC": "unsc",
    "ECOSOC": "ecosoc",
    "HRC": "hrc",
    "CHR": "chr",
    "ITU-PP": "itu-pp",
    "ITU-Council": "itu-c",
    "ITU-WTSA": "itu-wtsa",
    "ITU-WTDC": "itu-wtdc",
    "ITU-WRC": "itu-wrc",
    "ITU-RA": "itu-ra",
    "ITU-T": "itu-t",
    "ITU-WTPF": "itu-wtpf",
    "ITU": "itu",
    "WSIS": "wsis",
    "UN": "un",
}

# Instrument types -> the short kind used in ITU work names ("res-140", "dec-5").
KINDS: dict[str, str] = {
    "resolution": "res",
    "decision": "dec",
    "recommendation": "rec",
    "opinion": "opinion",
}

# ISO 639-1 -> ISO 639-2/B, as AKN4UN writes languages ("fra@").
LANG3: dict[str, str] = {
    "en": "eng",
    "fr": "fra",
    "es": "spa",
    "ar": "ara",
    "ru": "rus",
    "zh": "zho",
}

_UNSAFE = re.compile(r"[^a-z0-9.]+")


def slug(text: str) -> str:
    """Lower-case ASCII, runs of anything else folded to one ``-``: ``"Buenos Aires"`` ->
    ``"buenos-aires"``, ``"Déclaration"`` -> ``"declaration"``."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return _UNSAFE.sub("-", folded).strip("-")


def actor(issuer: str | None) -> str:
    """The AKN actor of an issuer code; unknown issuers get a slug of their code."""
    if issuer is None:
        return "unknown"
    return ACTORS.get(issuer) or slug(issuer) or "unknown"


@dataclass(frozen=True, slots=True)
class Minter:
    """Mints IRIs under one base. ``base`` ends with ``/``."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not re.match(r"^https?://[^\s<>\"{}|\\^`]+/$", self.base):
            raise ValueError(f"IRI base must be an http(s) IRI ending in '/': {self.base!r}")

    @classmethod
    def from_env(cls) -> Minter:
        """The base of ``RESKG_BASE`` if set, else :data:`DEFAULT_BASE`."""
        return cls(os.environ.get("RESKG_BASE") or DEFAULT_BASE)

    # -- instruments -------------------------------------------------------------------

    def _deliberation(self, issuer: str | None) -> str:
        return f"{self.base}akn/un/statement/deliberation/{actor(issuer)}/"

    def work(self, ref: InstrumentRef) -> str:
        """The work: the numbered act that persists across revisions, or a named instrument.

        UN resolution numbers ("70/125", "2023/3") become AKN numbers with ``-``
        ("70-125"); ITU numbers are prefixed by their kind ("res-140", "dec-5").
        """
        if self.is_named(ref) or ref.number is None:
            # A named instrument ("the 2030 Agenda") is its own node even when a numbered
            # act adopted it (resolution 70/1): the two are different things.
            return self.named(ref)
        number = slug(ref.number.replace("/", "-"))
        kind = KINDS.get(ref.type, slug(ref.type))
        un_style = "/" in ref.number or ref.issuer in {"UNGA", "UNSC", "ECOSOC", "HRC"}
        # UN resolutions are named by their number alone, as AKN4UN does; anything else
        # (ITU acts, UN decisions, which share number series with resolutions) by kind too.
        name = number if un_style and ref.type == "resolution" else f"{kind}-{number}"
        return self._deliberation(ref.issuer) + name

    def is_named(self, ref: InstrumentRef) -> bool:
        return ref.number is None or (ref.title_en is not None and ref.type not in KINDS)

    def version(self, ref: InstrumentRef) -> str | None:
        """The version a citation names ("Rev. Bucharest, 2022" -> year 2022), if it names
        one; ``None`` when only the work is cited. Keyed by year: a body adopts at most one
        revision of a numbered act a year."""
        if self.is_named(ref) or ref.number is None or ref.version_year is None:
            return None
        work = self.work(ref)
        head, _, name = work.rpartition("/")
        return f"{head}/{ref.version_year}/{name}"

    def named(self, ref: InstrumentRef) -> str:
        """A named instrument (Constitution, Tunis Agenda, ...), keyed by issuer and title."""
        key = slug(f"{ref.issuer or ''} {ref.title_en or ref.type}")
        return f"{self.base}id/instrument/{key}"

    def expression(self, work_or_version: str, language: str) -> str:
        """A language version ("fra@") of a work or version."""
        return f"{work_or_version}/{LANG3.get(language, slug(language))}@"

    def lineage(self, ref: InstrumentRef) -> str:
        """The number-persistent lineage node: the work of an ITU resolution."""
        return self.work(ref)

    # -- bodies and conferences --------------------------------------------------------

    def body(self, issuer: str) -> str:
        return f"{self.base}id/body/{actor(issuer)}"

    def conference(self, issuer: str, year: int) -> str:
        return f"{self.base}id/conference/{actor(issuer)}-{year}"

    # -- source documents and their parts ----------------------------------------------

    def document(self, doc_slug: str) -> str:
        return f"{self.base}doc/{doc_slug}"

    def document_graph(self, doc_slug: str) -> str:
        return f"{self.base}graph/doc/{doc_slug}"

    def section(self, doc_slug: str, index: int) -> str:
        return f"{self.document(doc_slug)}/sec-{index + 1}"

    def clause(self, doc_slug: str, section_index: int, clause_index: int) -> str:
        return f"{self.section(doc_slug, section_index)}/cl-{clause_index + 1}"

    def citation(self, doc_slug: str, index: int) -> str:
        return f"{self.document(doc_slug)}/cit-{index + 1}"

    def footnote(self, doc_slug: str, index: int) -> str:
        return f"{self.document(doc_slug)}/fn-{index + 1}"

    # -- the dataset's fixed graphs ----------------------------------------------------

    @property
    def authority_graph(self) -> str:
        return f"{self.base}graph/authority"

    @property
    def inferred_graph(self) -> str:
        return f"{self.base}graph/inferred"

    @property
    def lineage_graph(self) -> str:
        return f"{self.base}graph/lineage"

    @property
    def ontology_graph(self) -> str:
        return f"{self.base}graph/ontology"

    @property
    def meta_graph(self) -> str:
        return f"{self.base}graph/meta"


_EXTENSION = re.compile(r"^(.*)(\.[a-z0-9]+)$")


def _drops_meaning(name: str) -> bool:
    """Whether :func:`slug` drops a letter, digit or symbol of ``name`` that is not ASCII:
    what is left after NFKD and the removal of combining marks is not all ``[a-z0-9]``
    where it matters (``"名前"``, ``"Straße"``, ``"Ελλάδα"``, ``"€"``; not ``"Résolution"``,
    whose accents are marks, nor ASCII punctuation, which was always folded to ``-``)."""
    folded = unicodedata.normalize("NFKD", name)
    return any(
        not c.isascii() and unicodedata.category(c)[0] in "LNS"
        for c in folded
        if not unicodedata.combining(c)
    )


def document_slug(file_name: str) -> str:
    """The slug of a source file's name, extension included so that ``x.txt`` and
    ``x.xml`` are two documents: ``"A_RES_78_132-2325902F.xml"`` ->
    ``"a-res-78-132-2325902f.xml"``.

    Where the slug would drop letters, digits or symbols that are not ASCII (Chinese,
    Arabic, Cyrillic or Greek names; ``ß``; emoji), ``-`` and the first 10 hex digits of the
    SHA-256 of the NFC name go before the extension, so ``名前.txt`` and ``他.txt`` are two
    documents (``"名前.txt"`` -> ``"<hash>.txt"``, ``"Straße.txt"`` ->
    ``"stra-e-<hash>.txt"``). ASCII and accented Latin names keep their plain slug.
    """
    folded = slug(file_name)
    if not _drops_meaning(file_name):
        return folded or "document"
    nfc = unicodedata.normalize("NFC", file_name)
    digest = hashlib.sha256(nfc.encode("utf-8")).hexdigest()[:10]
    match = _EXTENSION.match(folded)
    stem, extension = (match.group(1), match.group(2)) if match else (folded, "")
    stem = stem.strip("-.")
    return f"{stem}-{digest}{extension}" if stem else f"{digest}{extension}"


def undocs_symbol_iri(symbol: str) -> str:
    """The UN's resolver for a document symbol ("A/RES/70/125"), linked with exactMatch."""
    return "https://undocs.org/" + quote(symbol.strip(), safe="/")
