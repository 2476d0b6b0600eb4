"""Samskab web: server-rendered pages for the people who run the co-creation method.

The pages talk to the services only through the gateway's HTTP API, as the signed-in
person, so they show and allow exactly what the API allows (issue 14)."""
