# Summary: bring the default graph (the union of the asserted graphs, each triple once) up to
#   date after one asserted graph was replaced: add its new triples, and remove the old
#   triples that no other asserted graph still holds. Then drop the scratch copy.
# Parameters: `target:` the replaced graph, `old:` the scratch copy of its former triples
#   (queries/internal/union-save-old.ru), `inferred:` the inferred graph; bound by the
#   caller through pyoxigraph's `prefixes=`.
# Used by: reskg.union.replace_asserted, after replace_graph. The cost is the size of the
#   two versions of one graph, not of the store (queries/internal/rebuild-union.ru is the
#   whole rebuild, used only to repair a run that was cut short).
INSERT { ?s ?p ?o } WHERE { GRAPH target: { ?s ?p ?o } } ;
DELETE { ?s ?p ?o }
WHERE {
  GRAPH old: { ?s ?p ?o }
  FILTER NOT EXISTS {
    GRAPH ?other { ?s ?p ?o }
    FILTER(?other != old: && ?other != inferred: && !STRSTARTS(STR(?other), "urn:reskg:"))
  }
} ;
DROP SILENT GRAPH old:
