"""Where a document's structure starts and ends: budget preambles, compiled documents."""

from __future__ import annotations

from reskg.parse import parse
from reskg.read import read_bytes

AKN_BUDGET = b"""<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<resolution><meta><identification source="#x"><FRBRWork><FRBRthis value="/a"/>
<FRBRuri value="/akn/un/statement/resolution/unga/2023-12-22/78-253"/></FRBRWork>
<FRBRExpression><FRBRlanguage language="eng"/></FRBRExpression></identification></meta>
<preface><p><docNumber>78/253.</docNumber> Questions relating to the budget</p></preface>
<preamble><formula name="enactingFormula"><p>The General Assembly,</p></formula></preamble>
<mainBody><section><p><num>I</num></p><subheading>Enterprise resource planning</subheading>
<crossHeading refersTo="#preamble"><span class="italic">Recalling</span> its resolution
<a href="https://undocs.org/en/A/RES/60/283">60/283</a>,</crossHeading>
<crossHeading refersTo="#preamble"><span class="italic">Having considered</span> the report,
</crossHeading>
<paragraph><num>1.</num><content><p><span class="italic">Takes note</span> of the report;</p>
</content></paragraph>
<paragraph><num>2.</num><content><p>Financing of the project;</p></content></paragraph>
</section></mainBody></resolution></akomaNtoso>"""


def test_budget_sections_have_their_own_preambles() -> None:
    doc = parse(read_bytes(AKN_BUDGET, "A_RES_78_253.xml"))
    got = [(s.part, s.clauses[0].label, s.function) for s in doc.sections]
    assert got == [
        ("preamble", "1", "recalling"),
        ("preamble", "2", "having considered"),
        ("operative", "1", "takes note"),
        ("operative", "2", "other"),  # no italic phrase and no known one: no opening phrase
    ]
    assert "60/283" in doc.sections[0].span.of(doc.text)


COMPILATION = """DECISION 11 (REV. DUBAI, 2018)
Creation and management of Council working groups
The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),
considering
a) the importance of Council working groups;
decides
1 that the Council may establish working groups;
2 that their terms of reference shall be clear.
18 PART II - DECISION ABROGATED BY THE PLENIPOTENTIARY CONFERENCE (DUBAI, 2018) \
DECISION 13 (BUSAN, 2014) Monitoring mechanism PART III - RESOLUTIONS
"""


def test_compiled_document_ends_where_the_next_one_starts() -> None:
    doc = parse(read_bytes(COMPILATION.encode(), "dec11.txt"))
    last = doc.sections[-1]
    assert (last.function, [c.label for c in last.clauses]) == ("decides", ["1", "2"])
    assert "DECISION 13" not in doc.text[last.span.start : last.span.end]
