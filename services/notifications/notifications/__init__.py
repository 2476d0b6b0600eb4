"""The notifications service: who hears about what, and how it reaches them
(e-mail, the in-app feed, signed webhooks to partner systems).

- ``service.py``: the nameko entrypoints (RPC, the event handler, the sending timer)
- ``handlers/``: the use cases and the tables that route to them
- ``domain/``: the rules, no I/O (the webhook endpoint is the aggregate)
- ``adapters/``: the store, SMTP, HTTP, DNS
- ``templates/``: the texts in every language and their rendering (pure; kept apart from
  ``domain/`` because it is content that translators edit, not rules)
- ``settings.py``: NOTIFY_* / SMTP_* settings, read once at start-up
- ``personal_data.py``: what the service keeps about a person
"""
