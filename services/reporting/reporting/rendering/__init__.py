"""Renderers for the case catalogue and the dashboard (Markdown, HTML, inline SVG)."""
