"""Reporting service: read models built from events, roll-ups, catalogue, dashboard, exports."""
