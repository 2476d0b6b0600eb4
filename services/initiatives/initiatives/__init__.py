"""The initiatives service: co-creation initiatives (co-creation initiativer),
their seven phases, roles, development platforms, goals and value creation.

``service`` holds the nameko entrypoints; ``handlers`` the use cases they route to
(commands, queries, reactions to events, authorisation); ``domain`` the rules (no I/O);
``adapters`` what stands between the use cases and the store; ``personal_data`` the
inventory of personal data. Command payloads are in samskab_contracts.commands.
"""
