"""How marshmallow fields apispec does not describe well are written in OpenAPI 3.0:
tuples (a ``[lat, lon]`` point) and dicts whose size is limited."""
from __future__ import annotations

from typing import Any

from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import fields, validate


def tuple_items(self: Any, field: fields.Field, ret: dict, **kwargs: Any) -> dict:
    """A tuple is an array of exactly its length; its items follow the first field
    when all are of one kind (OpenAPI 3.0 has no prefixItems)."""
    if not isinstance(field, fields.Tuple):
        return {}
    kinds = {type(f) for f in field.tuple_fields}
    items = self.field2property(field.tuple_fields[0]) if len(kinds) == 1 else {}
    size = len(field.tuple_fields)
    return {"type": "array", "items": items, "minItems": size, "maxItems": size}


def dict_size(self: Any, field: fields.Field, ret: dict, **kwargs: Any) -> dict:
    """A Length validator on a dict counts its entries: min/maxProperties."""
    if not isinstance(field, fields.Dict):
        return {}
    ret.pop("minLength", None)
    ret.pop("maxLength", None)
    extra = {}
    for validator in field.validators:
        if isinstance(validator, validate.Length):
            if validator.min is not None:
                extra["minProperties"] = validator.min
            if validator.max is not None:
                extra["maxProperties"] = validator.max
    return extra


def register_field_rules(plugin: MarshmallowPlugin) -> None:
    """Call after the plugin is attached to an APISpec (its converter exists then)."""
    converter = plugin.converter
    if converter is None:
        raise RuntimeError("attach the MarshmallowPlugin to an APISpec first")
    converter.add_attribute_function(tuple_items)
    converter.add_attribute_function(dict_size)
