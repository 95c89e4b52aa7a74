"""Form rows, the roster and the filter bar."""
