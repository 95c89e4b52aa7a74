"""The projector view: a second app that follows a session file and never writes it."""
