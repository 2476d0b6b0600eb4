"""The initiatives service: co-creation initiatives (co-creation initiativer),
their seven phases, roles, development platforms, goals and value creation.

``domain`` holds the rules (no I/O), ``schemas`` the command payloads and
``handlers`` the use cases the nameko service calls.
"""
