"""The writers of the minutes document: Markdown, Word (.docx), OpenDocument (.odt), HTML."""

from __future__ import annotations

import re

from kumppani.text.markdown import clean

# What XML 1.0 cannot hold even escaped, beyond the controls ``clean`` drops.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Typed text as Word, OpenDocument and HTML files can hold it: controls dropped."""
    text = clean(text)
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text
