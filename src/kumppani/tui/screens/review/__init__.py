"""The review screen (read-only) and the text it shows."""
