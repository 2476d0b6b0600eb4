"""Route groups, one module per service, mixed into the gateway service."""
