"""The notifications service: who hears about what, and how it reaches them
(e-mail, the in-app feed, signed webhooks to partner systems)."""
