"""The influence-balance measure (indflydelsens fordeling blandt aktørerne).

The coordinator (tovholder) makes sure influence is evenly spread among the
actors. We approximate influence by participation and report two numbers:

* the Gini coefficient of participation across actors: 0 when every actor
  participates equally, (n-1)/n when one actor does everything;
* the share of all participation held by the top 20 % of actors (at least one
  actor): 0.2 when equal, 1.0 when one actor does everything.

An actor's participation is the unweighted sum of activities attended, results
contributed and proposals made. Actors that left the initiative are not
counted (leaving is natural, not inequality); current members who have not
participated count as zero, because silent members are the imbalance we look for.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

GINI_THRESHOLD = 0.6
MIN_ACTORS = 5
TOP_SHARE = 0.2


def gini(values: Sequence[float]) -> float:
    """Gini coefficient of non-negative values; 0.0 for empty or all-zero input."""
    xs = sorted(float(v) for v in values)
    n = len(xs)
    total = sum(xs)
    if n == 0 or total <= 0:
        return 0.0
    # Sorted form of sum|xi - xj| / (2 n^2 mean): O(n log n) instead of O(n^2).
    weighted = sum((2 * (i + 1) - n - 1) * x for i, x in enumerate(xs))
    return round(weighted / (n * total), 6)


def top_share(values: Sequence[float], fraction: float = TOP_SHARE) -> float:
    """Share of the total held by the top ``fraction`` of values (at least one value)."""
    xs = sorted((float(v) for v in values), reverse=True)
    total = sum(xs)
    if not xs or total <= 0:
        return 0.0
    k = max(1, math.ceil(len(xs) * fraction - 1e-9))
    return round(sum(xs[:k]) / total, 6)


def participation_score(counts: Mapping[str, int]) -> int:
    return int(counts.get("attendance", 0)) + int(counts.get("results", 0)) + int(
        counts.get("proposals", 0)
    )


def measure(
    participation: Mapping[str, Mapping[str, int]],
    kinds: Mapping[str, str],
    *,
    threshold: float = GINI_THRESHOLD,
    min_actors: int = MIN_ACTORS,
) -> dict:
    """Influence balance of one initiative.

    ``participation`` maps actor id -> {"attendance", "results", "proposals"};
    ``kinds`` maps actor id -> actor kind. Returns a JSON-ready dict.
    """
    scores = {actor: participation_score(c) for actor, c in sorted(participation.items())}
    by_kind: dict[str, int] = {}
    for actor, score in scores.items():
        kind = kinds.get(actor) or "unknown"
        by_kind[kind] = by_kind.get(kind, 0) + score
    total = sum(scores.values())
    values = list(scores.values())
    g = gini(values)
    return {
        "actor_count": len(values),
        "participation_total": total,
        "gini": g,
        "top20_share": top_share(values),
        "by_kind": {
            kind: {"participation": v, "share": round(v / total, 6) if total else 0.0}
            for kind, v in sorted(by_kind.items())
        },
        "kind_gini": gini(list(by_kind.values())),
        "threshold": threshold,
        "imbalanced": len(values) >= min_actors and g > threshold,
    }
