"""The writers of the minutes document: Markdown, Word (.docx), OpenDocument (.odt), HTML."""
