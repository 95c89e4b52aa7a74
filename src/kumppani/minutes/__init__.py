"""The minutes (muistio) of a session, rendered from the session in the language asked for."""
