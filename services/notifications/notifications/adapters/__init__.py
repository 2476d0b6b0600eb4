"""The only code that talks to the store, SMTP, HTTP and DNS."""
