"""Never lose a note: atomic files, locks, the recovery journal, outside changes and save errors."""
