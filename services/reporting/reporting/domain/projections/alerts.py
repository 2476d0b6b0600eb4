"""Events the projection step raises: influence imbalance, once per upward crossing."""
from __future__ import annotations

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.events.reporting import InfluenceImbalanceDetected
from samskab_infra.event_types import Event

from . import initiative
from .facts import when


def step(read_model: dict | None, envelope: dict, **options: float) -> tuple[dict, list[Event]]:
    """Apply one event and return the new model with the events it raises.

    InfluenceImbalanceDetected is raised when the model goes from balanced to
    imbalanced; it is raised again only after the measure fell back below the
    threshold and rose past it once more. A duplicate raises nothing.
    """
    before = bool(((read_model or {}).get("influence") or {}).get("imbalanced"))
    model = initiative.apply(read_model, envelope, **options)
    measure = model.get("influence") or {}
    if before or not measure.get("imbalanced") or model.get("district") not in DISTRICTS:
        return model, []
    detected = InfluenceImbalanceDetected(
        initiative_id=model["initiative_id"], district=model["district"],
        title=model.get("title"), gini=measure["gini"], top20_share=measure["top20_share"],
        threshold=measure["threshold"], actor_count=measure["actor_count"],
        participation_total=measure["participation_total"], by_kind=measure["by_kind"],
        at=when(envelope),
    )
    return model, [detected]
