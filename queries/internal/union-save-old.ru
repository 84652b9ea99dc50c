# Summary: keep a copy of an asserted graph's current triples before it is replaced, so
#   that the union default graph can be updated by difference afterwards.
# Parameters: `target:` is the asserted graph about to be replaced, `old:` the scratch graph
#   (urn:reskg:union:old); both bound by the caller through pyoxigraph's `prefixes=`.
# Used by: reskg.union.replace_asserted (before replace_graph).
COPY SILENT GRAPH target: TO GRAPH old:
