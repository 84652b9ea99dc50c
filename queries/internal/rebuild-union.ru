# Summary: rebuild the default graph as the union of the asserted graphs, each triple once.
# Parameters: the prefix `inferred:` is bound by the caller to the inferred graph's IRI
#   (pyoxigraph's `prefixes=`), so no IRI is spliced in.
# Used by: reskg.union.rebuild_union, to build the default graph of a store that has none
#   and to repair one after a run that was cut short (ingests keep it up to date graph by
#   graph with queries/internal/union-merge.ru), and by the service after each admin write.
#
# Why: a cited instrument's description repeats in every document graph that cites it, and
# SPARQL over a union-of-graphs default graph sees each repeat (a bag of quads), which
# multiplies joins and inflates counts. The store's own default graph holds each asserted
# triple once, and the named graphs stay as they are. Inferences stay in their own graph;
# reskg's own working graphs (urn:reskg:..., staging and markers) are left out.
DROP SILENT DEFAULT ;
INSERT { ?s ?p ?o }
WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER(?g != inferred: && !STRSTARTS(STR(?g), "urn:reskg:"))
}
