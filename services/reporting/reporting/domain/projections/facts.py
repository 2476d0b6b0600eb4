"""Small helpers the projection handlers share: reading event data tolerantly."""
from __future__ import annotations

from typing import Any


def first(data: dict, *names: str, default: Any = None) -> Any:
    """The first present, non-None field among ``names``."""
    for name in names:
        value = data.get(name)
        if value is not None:
            return value
    return default


def when(envelope: dict, *names: str) -> str | None:
    """The event's own time: a named data field, else data["at"], else the envelope's time."""
    data = envelope.get("data") or {}
    return first(data, *names, "at") or envelope.get("occurred_at")


def text(value: Any) -> str | None:
    """Free text as a string; a {"text": ...} object is unwrapped."""
    if isinstance(value, dict):
        value = value.get("text")
    return value if isinstance(value, str) else None


def str_list(value: Any) -> list[str]:
    if not isinstance(value, (list, tuple)):
        return []
    return [v for v in value if isinstance(v, str)]


def ids_of(value: Any, key: str = "actor_id") -> list[str]:
    """Actor ids from a list of ids or a list of objects carrying ``key``."""
    if not isinstance(value, (list, tuple)):
        return []
    out = []
    for item in value:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and isinstance(item.get(key), str):
            out.append(item[key])
    return out


def own(model: dict, key: str) -> dict:
    """Copy-on-write: give ``model`` its own copy of the fact collection ``key`` and return it.

    ``apply`` copies the model shallowly; a handler takes its own copy of each
    collection it writes to, so the caller's model is never changed and no
    deep copy of the whole model is needed."""
    copied = dict(model.get(key) or {})
    model[key] = copied
    return copied


def entry(model: dict, collection: str, key: str, factory: Any) -> dict:
    """Copy-on-write of one entry of a collection; nested dicts and lists are copied one level
    (handlers only ever replace items inside them, never change an item in place)."""
    items = own(model, collection)
    current = items.get(key)
    if current is None:
        fresh = factory()
    else:
        fresh = {k: dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else v
                 for k, v in current.items()}
    items[key] = fresh
    return fresh
