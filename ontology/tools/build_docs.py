"""Build the HTML documentation of the ontology into docs/ontology/ with pyLODE.

Why pyLODE (pinned 3.3.4, see shared/research/ontology-anchors.md): it runs offline on
Python 3.11 and renders the English, French and Spanish labels and the definitions straight
from the Turtle, so the docs cannot drift from the ontology. Widoco needs Java jars from
the network. Pages: index.html (core ontology with its alignment axioms, pyLODE's OntPub
profile) and functions.html (the SKOS scheme of section functions as a phrase table, from a
small Jinja2 template: pyLODE 3.3.4's VocPub profile renders no skos:Concept).

Usage: ``python ontology/tools/build_docs.py [OUTPUT_DIR]`` (default docs/ontology).
"""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import Environment, select_autoescape
from pylode import OntPub
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology"
ALIGN = URIRef("https://w3id.org/reskg/ont/align")


def core_with_alignments() -> Graph:
    """Core + alignment axioms as one document, headed by the core's ontology node.

    The alignment module's own header (and its owl:imports) is left out, so pyLODE sees a
    single ontology and lists each term's external superclasses and superproperties.
    """
    graph = Graph().parse(ONTOLOGY / "reskg.ttl", format="turtle")
    align = Graph().parse(ONTOLOGY / "reskg-align.ttl", format="turtle")
    for s, p, o in align:
        if s != ALIGN:
            graph.add((s, p, o))
    for prefix, namespace in align.namespaces():
        graph.bind(prefix, namespace, override=False)
    return graph


FUNCTIONS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}
td,th{border:1px solid #bbb;padding:.3em .5em;vertical-align:top}th{background:#eee}
.h{color:#777}</style></head><body>
<h1>{{ title }}</h1><p>{{ description }}</p><p>Scheme IRI: <code>{{ scheme }}</code>.
Grey phrases are <code>skos:hiddenLabel</code> variants.</p>
<table><tr><th>function (skos:notation)</th><th>English</th><th>French</th><th>Spanish</th>
<th>citation edge</th><th>definition</th></tr>
{% for c in concepts %}<tr id="{{ c.slug }}"><td><a href="{{ c.iri }}">{{ c.notation }}</a></td>
{% for lang in ("en", "fr", "es") %}<td><b>{{ c.pref[lang] }}</b>
{% for a in c.alt[lang] %}<br>{{ a }}{% endfor %}
{% for h in c.hidden[lang] %}<br><span class="h">{{ h }}</span>{% endfor %}</td>{% endfor %}
<td><code>{{ c.edge }}</code></td><td>{{ c.definition }}</td></tr>
{% endfor %}</table></body></html>
"""


def _by_lang(graph: Graph, concept: URIRef, prop: URIRef) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"en": [], "fr": [], "es": []}
    for label in graph.objects(concept, prop):
        if isinstance(label, Literal) and label.language in out:
            out[label.language].append(str(label))
    return {lang: sorted(values) for lang, values in out.items()}


def functions_html() -> str:
    """The phrase table of the section-function scheme."""
    graph = Graph().parse(ONTOLOGY / "functions.ttl", format="turtle")
    scheme = URIRef("https://w3id.org/reskg/ont/functions")
    concepts = []
    for concept in sorted(graph.subjects(SKOS.inScheme, scheme)):
        assert isinstance(concept, URIRef)
        pref = {k: v[0] if v else "" for k, v in _by_lang(graph, concept, SKOS.prefLabel).items()}
        edge = graph.value(concept, URIRef("https://w3id.org/reskg/ont#citationProperty"))
        concepts.append(
            {
                "iri": str(concept),
                "slug": str(concept).rsplit("/", 1)[-1],
                "notation": str(graph.value(concept, SKOS.notation)),
                "pref": pref,
                "alt": _by_lang(graph, concept, SKOS.altLabel),
                "hidden": _by_lang(graph, concept, SKOS.hiddenLabel),
                "edge": str(edge).replace("https://w3id.org/reskg/ont#", "rkg:"),
                "definition": str(graph.value(concept, SKOS.definition) or ""),
            }
        )
    env = Environment(autoescape=select_autoescape(default=True))
    return env.from_string(FUNCTIONS_PAGE).render(
        title="reskg section functions",
        description=str(graph.value(scheme, URIRef("http://purl.org/dc/terms/description"))),
        scheme=str(scheme),
        concepts=concepts,
    )


def build(out: Path) -> list[Path]:
    """Write the HTML pages into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    index, functions = out / "index.html", out / "functions.html"
    OntPub(ontology=core_with_alignments()).make_html(destination=index)
    functions.write_text(functions_html(), encoding="utf-8")
    return [index, functions]


def main(argv: list[str]) -> int:
    """Build into argv[0] or docs/ontology."""
    out = Path(argv[0]) if argv else ROOT / "docs" / "ontology"
    for page in build(out):
        print(f"{page}: {page.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
