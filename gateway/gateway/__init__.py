"""The one HTTP API in front of the Samskab services."""
