"""/docs: the OpenAPI document as one self-contained HTML page, rendered on the server
(no scripts, no external assets): operations by tag with their parameters, request
fields and answers, then every named schema."""
from __future__ import annotations

import re
from html import escape

STYLE = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #ddd;margin-top:2.5rem}
section.op{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
.method{display:inline-block;min-width:4.2rem;font-weight:700;font-family:monospace}
.get{color:#0a6}.post{color:#06c}.put,.patch{color:#a60}.delete{color:#c22}
code,.path{font-family:ui-monospace,monospace}.path{font-weight:600}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{text-align:left;padding:.2rem .5rem;
border-bottom:1px solid #eee;vertical-align:top}th{background:#f6f6f6}.muted{color:#666}
"""


def _inline(text: str) -> str:
    """The few Markdown marks the description uses: **bold** and `code`."""
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escape(text))
    return re.sub(r"`(.+?)`", r"<code>\1</code>", text)


def _prose(markdown: str) -> str:
    """Paragraphs and bullet lists (continuation lines are indented)."""
    html = []
    for block in markdown.strip().split("\n\n"):
        if block.startswith("* "):
            items = re.split(r"\n\* ", block[2:])
            html.append("<ul>" + "".join(f"<li>{_inline(' '.join(i.split()))}</li>" for i in items) + "</ul>")
        else:
            html.append(f"<p>{_inline(' '.join(block.split()))}</p>")
    return "".join(html)


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def describe(schema: dict) -> str:
    """A schema in a few words of HTML: type, format, choices and limits."""
    if not schema:
        return "any"
    if "$ref" in schema:
        name = _ref_name(schema["$ref"])
        return f'<a href="#schema-{escape(name)}">{escape(name)}</a>'
    if "anyOf" in schema or "oneOf" in schema:
        return " or ".join(describe(s) for s in schema.get("anyOf") or schema["oneOf"])
    kind = schema.get("type", "any")
    text = escape(str(kind))
    if kind == "array":
        text = f"array of {describe(schema.get('items', {}))}"
    if schema.get("format"):
        text += f" ({escape(schema['format'])})"
    limits = []
    if "enum" in schema:
        limits.append("one of " + ", ".join(f"<code>{escape(str(v))}</code>" for v in schema["enum"]))
    for key, label in (("minLength", "min length"), ("maxLength", "max length"), ("minimum", "min"),
                       ("maximum", "max"), ("minItems", "min items"), ("maxItems", "max items"),
                       ("minProperties", "min entries"), ("maxProperties", "max entries")):
        if key in schema:
            limits.append(f"{label} {escape(str(schema[key]))}")
    if schema.get("nullable"):
        limits.append("may be null")
    if isinstance(schema.get("additionalProperties"), dict):
        limits.append("values: " + describe(schema["additionalProperties"]))
    return text + (f' <span class="muted">— {"; ".join(limits)}</span>' if limits else "")


def _fields_table(schema: dict, answer: bool = False) -> str:
    if "$ref" in schema:
        return f"<p>{describe(schema)}</p>"
    properties = schema.get("properties", {})
    if not properties:
        return f"<p>{describe(schema)}</p>"
    required = set(schema.get("required", []))
    rows = "".join(
        f"<tr><td><code>{escape(name)}</code></td><td>{'yes' if name in required else ''}</td>"
        f"<td>{describe(prop)}</td><td>{escape(prop.get('description', ''))}</td></tr>"
        for name, prop in properties.items())
    closed = "" if schema.get("additionalProperties", True) or answer else \
        '<p class="muted">Unknown fields are refused (400).</p>'
    return ("<table><tr><th>field</th><th>required</th><th>type</th><th>about</th></tr>"
            f"{rows}</table>{closed}")


def _parameters(params: list[dict]) -> str:
    if not params:
        return ""
    rows = "".join(
        f"<tr><td><code>{escape(p['name'])}</code></td><td>{escape(p['in'])}</td>"
        f"<td>{'yes' if p.get('required') else ''}</td><td>{describe(p.get('schema', {}))}</td>"
        f"<td>{escape(p.get('description', ''))}</td></tr>" for p in params)
    return ("<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>type</th>"
            f"<th>about</th></tr>{rows}</table>")


def _answer_shape(schema: dict) -> str:
    """A success answer in a few words: its schema, or a page of its item schema."""
    items = schema.get("properties", {}).get("items")
    if items and "next_cursor" in schema["properties"]:
        return f"a page of {describe(items.get('items', {}))}"
    return describe(schema) if "properties" not in schema else "an object"


def _responses(responses: dict, spec: dict) -> str:
    items = []
    for status, response in responses.items():
        if "$ref" in response:
            response = spec["components"]["responses"][_ref_name(response["$ref"])]
        media = ", ".join(response.get("content", {})) or "no body"
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        shape = f" — {_answer_shape(schema)}" if schema and status.startswith("2") else ""
        items.append(f"<li><b>{escape(status)}</b> {escape(response.get('description', ''))} "
                     f'<span class="muted">({escape(media)})</span>{shape}</li>')
    return f"<h4>Answers</h4><ul>{''.join(items)}</ul>"


def _operation(path: str, method: str, op: dict, spec: dict) -> str:
    auth = "no authentication" if op.get("security") == [] else "bearer token or API key"
    parts = [f'<section class="op" id="{escape(op["operationId"])}">',
             f'<div><span class="method {method}">{method.upper()}</span> '
             f'<span class="path">{escape(path)}</span></div>',
             f"<p>{escape(op.get('summary', ''))}. <span class=\"muted\">{auth}</span></p>"]
    if op.get("description"):
        parts.append(f"<p>{escape(op['description'])}</p>")
    parts.append(_parameters(op.get("parameters", [])))
    body = op.get("requestBody")
    if body:
        schema = body["content"]["application/json"]["schema"]
        required = "required" if body.get("required") else "optional"
        named = ""
        if "$ref" in schema:
            named = f" — {describe(schema)}"
            schema = spec["components"]["schemas"][_ref_name(schema["$ref"])]
        parts.append(f"<h4>Request body (application/json, {required}){named}</h4>{_fields_table(schema)}")
    parts.append(_responses(op.get("responses", {}), spec))
    parts.append("</section>")
    return "".join(parts)


def render_docs(spec: dict) -> str:
    by_tag: dict[str, list[str]] = {}
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            by_tag.setdefault(op["tags"][0], []).append(_operation(path, method, op, spec))
    info = spec["info"]
    toc = "".join(f'<li><a href="#tag-{i}">{escape(tag)}</a> ({len(ops)})</li>'
                  for i, (tag, ops) in enumerate(by_tag.items()))
    about = {tag["name"]: tag.get("description", "") for tag in spec.get("tags", [])}
    sections = "".join(f'<h2 id="tag-{i}">{escape(tag)}</h2><p>{escape(about.get(tag, ""))}</p>{"".join(ops)}'
                       for i, (tag, ops) in enumerate(by_tag.items()))
    schemas = "".join(f'<section class="op" id="schema-{escape(name)}"><h3>{escape(name)}</h3>'
                      f"{_fields_table(schema, answer=name.endswith('View'))}</section>"
                      for name, schema in spec["components"]["schemas"].items())
    description = _prose(info["description"])
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(info["title"])}'
            f"</title><style>{STYLE}</style></head><body><h1>{escape(info['title'])} "
            f'<span class="muted">{escape(info["version"])}</span></h1>{description}'
            f'<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI {escape(spec["openapi"])})</p>'
            f"<ul>{toc}</ul>{sections}<h2>Schemas</h2>{schemas}</body></html>")
