"""Hypothesis strategies shared by the domain tests: domains built from a strategy of leaves."""

from __future__ import annotations

from hypothesis import strategies as st


def domains_of(leaves: st.SearchStrategy[tuple], max_leaves: int, max_parts: int) -> st.SearchStrategy[list]:
    """Domains in prefix notation: leaves under '!', '&' and '|', a few parts side by side
    (joined by the implicit '&')."""
    trees = st.recursive(
        leaves.map(lambda leaf: [leaf]),
        lambda sub: st.one_of(
            st.tuples(sub).map(lambda t: ["!", *t[0]]),
            st.tuples(st.sampled_from(["&", "|"]), sub, sub).map(lambda t: [t[0], *t[1], *t[2]]),
        ),
        max_leaves=max_leaves,
    )
    return st.lists(trees, min_size=1, max_size=max_parts).map(lambda parts: [x for p in parts for x in p])
