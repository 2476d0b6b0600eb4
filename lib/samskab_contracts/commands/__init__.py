"""The payload schema of every command and query, one module per service (unknown fields
are refused; server-owned fields are never input). The services validate with them and the
gateway documents and pre-checks with them, so both read one definition."""
