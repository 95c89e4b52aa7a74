"""Tables: the line-API base and the session, tracker and plan tables built on it."""
