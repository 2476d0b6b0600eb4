"""Rules of who hears what and how deliveries behave; no I/O here (time and randomness are passed in)."""
