# Summary: atomically replace the default graph by a staged copy (reskg.store.embedded).
# Parameters: the prefix `staging:` is bound by the caller to the staging graph IRI
#   (pyoxigraph's `prefixes=` argument). MOVE clears the default graph, copies the
#   staging graph into it and drops the staging graph, in one transaction.
# Example: staging: <urn:reskg:staging:4f1c...>
MOVE SILENT GRAPH staging: TO DEFAULT
