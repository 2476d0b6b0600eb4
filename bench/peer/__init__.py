"""A naive peer of the walking skeleton, written the way nameko-examples writes services:
commit, then dispatch; nameko's default ``@event_handler``; no de-duplication, no outbox,
no retries. The benchmarks measure ours against it on the same broker and store.

Start it with ``bench.peer.run.start_peer`` (kept out of this module so the services'
processes import nothing but nameko and pymongo).
"""
