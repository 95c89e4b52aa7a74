"""Text as users see it: translation catalogs, safe display of user text, Markdown escaping."""
