"""Danish and English texts for every notification, rendered as plain text and HTML."""
