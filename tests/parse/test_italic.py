"""The UN's italic opening phrase is the function of an English AKN paragraph.

AKN4UN prints each paragraph's opening phrase in italics, the verb with the manner and the
object the UN reads as part of it ("Recalls its request", "Reaffirming also its strong
condemnation"); the English function is that phrase, folded, without the words that only
repeat a section ("also") and "its" (:meth:`reskg.parse.phrases.Phrases.italic_function`),
as ``scripts/akn_gold.py`` ``function_of`` reads it. Every row of :data:`AKN_PARAGRAPHS` is a
real paragraph (English AKN, session 80) whose function came out as the table phrase alone
before ("recalls", "reaffirming") or as a longer table phrase the italics do not print
("reiterates decision"). French and Spanish italics are not English: their functions stay
the translation memory's and the tables'.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reskg.parse import parse
from reskg.parse.phrases import phrases
from reskg.read import read, read_bytes

HEAD = b"""<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<resolution><meta><identification source="#x"><FRBRWork><FRBRthis value="/a"/>
<FRBRuri value="/akn/un/statement/resolution/unga/2025-12-04/80-160"/></FRBRWork>
<FRBRExpression><FRBRlanguage language="LANG"/></FRBRExpression></identification></meta>
<preface><p><docNumber>80/160.</docNumber> A title</p></preface>
<preamble><formula name="enactingFormula"><p>The General Assembly,</p></formula>
"""
TAIL = b"</mainBody></resolution></akomaNtoso>"


def _akn(language: bytes, preamble: bytes, body: bytes) -> bytes:
    return HEAD.replace(b"LANG", language) + preamble + b"</preamble><mainBody>" + body + TAIL


# (part, paragraph markup, function): A/RES/80/171 preamble 14, A/RES/80/160 paras 15 and 28.
AKN_PARAGRAPHS = [
    pytest.param(
        "preamble",
        '<span class="italic">Reaffirming also its strong condemnation </span>of the atrocious '
        "and deliberate attacks that have occurred against United Nations offices,",
        "reaffirming strong condemnation",
        id="A/RES/80/171-reaffirming-also-its-strong-condemnation",
    ),
    pytest.param(
        "operative",
        '<span class="italic">Recalls its request</span> in resolution 79/116 for Governments '
        "to provide specific details on the measures taken;",
        "recalls request",
        id="A/RES/80/160-recalls-its-request",
    ),
    pytest.param(
        "operative",
        '<span class="italic">Reiterates</span> its decision that, bearing in mind its '
        "resolutions 62/63 and 63/119, the consideration of the report shall continue;",
        "reiterates",  # the tables read "reiterates its decision"; the italics end earlier
        id="A/RES/80/160-reiterates-then-its-decision",
    ),
]


@pytest.mark.parametrize(("part", "markup", "function"), AKN_PARAGRAPHS)
def test_italic_phrase_is_the_english_function(part: str, markup: str, function: str) -> None:
    if part == "preamble":
        xml = _akn(b"eng", b"<container><p>" + markup.encode() + b"</p></container>", b"")
    else:
        para = b"<paragraph><num>1.</num><content><p>" + markup.encode() + b"</p></content>"
        xml = _akn(b"eng", b"", para + b"</paragraph>")
    doc = parse(read_bytes(xml, "A_RES_80_160.xml"))
    (section,) = [s for s in doc.sections if s.part == part]
    assert section.function == function


@pytest.mark.parametrize(
    ("phrase", "function"),
    [
        ("Recalls its request", "recalls request"),
        ("Reaffirming also its strong condemnation", "reaffirming strong condemnation"),
        ("Recalling also", "recalling"),
        ("Further recalling", "recalling"),
        ("Reiterating once again its call for", "reiterating call for"),
        ("Expresses its deep appreciation", "expresses deep appreciation"),
        ("Strongly condemns", "strongly condemns"),
        ("Recognising", "recognizing"),
        ("Re-emphasizing its unequivocal support", "re-emphasizing unequivocal support"),
        ("Welcomes and encourages,", "welcomes and encourages"),
        ("Also,", "other"),
    ],
)
def test_italic_function(phrase: str, function: str) -> None:
    assert phrases("en").italic_function(phrase) == function


@pytest.mark.parametrize("code", ["fr", "es"])
def test_italics_are_not_the_vocabulary_in_french_and_spanish(code: str) -> None:
    assert phrases(code).italic_function("Rappelle sa demande") is None


def test_french_italics_keep_the_table_function() -> None:
    markup = '<span class="italic">Rappelle avoir</span> dans sa résolution 79/116 prié'.encode()
    para = b"<paragraph><num>1.</num><content><p>" + markup + b";</p></content></paragraph>"
    doc = parse(read_bytes(_akn(b"fra", b"", para), "A_RES_80_160.xml"), language="fr")
    assert doc.sections[-1].function in {"recalls", "recalls request"}


def test_memory_learnt_the_italic_function(shared_dir: Path) -> None:
    """A/RES/80/160 para. 28 in French and Spanish: "Rappelle avoir dans sa résolution
    79/116 prié ..." / "Recuerda la solicitud que formuló ..." render "Recalls its request";
    the memory learnt "recalls request" from the English italics (the tables say
    "recalls")."""
    root = shared_dir / "datasets" / "unxml-ga" / "80session"
    for folder, code in (("French", "fr"), ("Spanish", "es")):
        found = sorted((root / folder).glob("A_RES_80_160-*.xml"))
        if not found:
            pytest.skip(f"A/RES/80/160 ({folder} AKN) is missing")
        doc = parse(read(found[0]), language=code)
        para = next(s for s in doc.sections if s.part == "operative" and s.clauses[0].label == "28")
        assert para.function == "recalls request", code
