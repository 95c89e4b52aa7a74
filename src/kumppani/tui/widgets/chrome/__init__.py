"""The widgets of the title bar, key bar and status line."""
