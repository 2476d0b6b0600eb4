"""The published language of Samskab: what the services, the gateway and the pages share.

- ``events``: every event type, one module per producer (importing the package registers them);
- ``commands``: the payload schema of every command and query, one module per service;
- ``partner``: what partners may read of each event (views without personal data);
- ``vocabulary``, ``districts``: the managed lists of the method, written once;
- ``access``: the access policy table (which role may do what to which object);
- ``member_ledger``: how a consumer applies membership events in their own order;
- ``cvr``: the CVR number check both the command schemas and the actors domain use.

Nothing here does I/O; a caller imports this package instead of a service's code.
"""
