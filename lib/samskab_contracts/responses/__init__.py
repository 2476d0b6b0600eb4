"""What the API answers: one marshmallow schema per success body, one module per service
(and ``access`` for the gateway's own /me and /admin routes). The gateway's OpenAPI
document names them per operation (gateway/api_catalogue.py) and an end-to-end test
checks the system's real answers against them, so the document says what is answered.

Every schema is closed (unknown keys are not part of the answer); a key whose value
is free-form (an event's data, the report's tables) is a dict or a list of dicts."""
