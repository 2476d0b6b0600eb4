"""Shared plumbing for every Samskab service: written once, used by all.

Envelope and event contracts, the outbox and its relay, the reliable
(idempotent, retrying, dead-lettering) consumer, Mongo and metrics
dependency providers, settings and JSON logging.
"""
