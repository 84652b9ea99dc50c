# Summary: atomically replace a named graph by a staged copy (reskg.store.embedded).
# Parameters: the prefixes `staging:` and `target:` are bound by the caller to the staging
#   and target graph IRIs (pyoxigraph's `prefixes=` argument), so no IRI is spliced in.
#   MOVE drops the target, copies the staging graph into it and drops the staging graph,
#   in one update, which pyoxigraph applies as one transaction.
# Example: staging: <urn:reskg:staging:4f1c...>, target: <https://example.org/graph/doc-1>
MOVE SILENT GRAPH staging: TO GRAPH target:
