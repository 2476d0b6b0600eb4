"""The pure core of reporting: projections, roll-ups and measures. No I/O here."""
