"""The step view: one step of a session, its capture line, notes and round-table tools."""
