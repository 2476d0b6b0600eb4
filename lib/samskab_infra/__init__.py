"""The infrastructure every Samskab service and the gateway share, written once and free of
domain words: the event envelope, outbox, relay and publisher, the reliable (idempotent,
retrying, dead-lettering) consumer and its topology, the store connection with the one save
path and its de-duplication, nameko dependency providers and RPC plumbing, settings read once
at start-up, JSON logs, metrics and errors. The published language is in ``samskab_contracts``.
"""
