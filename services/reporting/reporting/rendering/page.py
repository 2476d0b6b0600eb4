"""The HTML page shell: a full document with inline CSS, no script, no external resource."""
from __future__ import annotations

from .escape import h

CSS = """
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;
color:#1a1a1a;line-height:1.45}
h1{color:#1f4e79;margin-bottom:.2rem}h2{color:#1f4e79;border-bottom:2px solid #1f4e79;
padding-bottom:.2rem;margin-top:2.2rem}h3{margin-bottom:.3rem}
.subtitle{color:#555;margin-top:0}.facts{background:#f3f6f9;padding:.6rem 1rem;border-radius:4px}
.facts dt{font-weight:600;float:left;clear:left;width:11rem}.facts dd{margin-left:11.5rem}
blockquote{border-left:4px solid #1f4e79;margin:.8rem 0;padding:.2rem 1rem;color:#333}
table{border-collapse:collapse;margin:.6rem 0}td,th{border:1px solid #ccc;padding:.25rem .6rem;
text-align:left}td.num{text-align:right}.suppressed{color:#777;font-style:italic}
.note{color:#555;font-size:.9rem}figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}
.grid{display:flex;flex-wrap:wrap;gap:1rem}.card{background:#f3f6f9;border-radius:4px;
padding:.6rem 1rem;min-width:9rem}.card .value{font-size:1.6rem;font-weight:700;color:#1f4e79}
"""


def document(title: str, body: str, lang: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{h(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{h(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
        f"</body>\n</html>\n"
    )
