"""Projections: deterministic ``apply(read_model, envelope) -> read_model`` functions.

Each read model keeps *facts* keyed by event or entity id and recomputes its
derived figures from them after every event, so a rebuild from scratch, an
incremental update, a re-delivered duplicate and an out-of-order delivery all
end in the same model.
"""
