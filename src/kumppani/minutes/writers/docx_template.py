"""Provides an organisation's Word template made ready for the minutes.

The styles it lacks are borrowed from python-docx's own (``borrow_styles``);
document properties LibreOffice keeps under a relationship python-docx does
not know are dropped (``drop_foreign_properties``), or the file would hold
``docProps/core.xml`` twice.

A template made in LibreOffice has no Heading 1, Title or List Bullet; one
made in Word keeps List Bullet only as a latent style. Without them headings
would print as body text and lists without bullets. So each style the minutes
use and the template lacks is copied from python-docx's default template, a
bulleted list style with its bullet definition (numbering), as pandoc does
with its reference document. The template's own styles are never changed.

python-docx is an optional extra (``kumppani[documents]``): imported here only.
"""

from __future__ import annotations

import copy
from typing import Any

import docx
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.oxml.ns import qn
from docx.parts.numbering import NumberingPart

EMPTY_NUMBERING = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
)


def _numbering_of(doc: Any) -> Any:
    """The numbering definitions of ``doc``, added empty when it has none."""
    try:
        return doc.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        part = NumberingPart.load(
            PackURI("/word/numbering.xml"),
            CONTENT_TYPE.WML_NUMBERING,
            EMPTY_NUMBERING,
            doc.part.package,
        )
        doc.part.relate_to(part, RELATIONSHIP_TYPE.NUMBERING)
        return part.element


def _numbering(source: Any, target: Any, num_id: str) -> str:
    """Copy the bullet definition ``num_id`` of ``source`` into ``target``; its new id."""
    have = _numbering_of(target)
    theirs = _numbering_of(source)
    num = next(n for n in theirs.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(
        a
        for a in theirs.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == abstract_id
    )
    new_abstract = 1 + max(
        (int(a.get(qn("w:abstractNumId"))) for a in have.findall(qn("w:abstractNum"))), default=0
    )
    new_num = 1 + max((int(n.get(qn("w:numId"))) for n in have.findall(qn("w:num"))), default=0)
    abstract, num = copy.deepcopy(abstract), copy.deepcopy(num)
    abstract.set(qn("w:abstractNumId"), str(new_abstract))
    num.set(qn("w:numId"), str(new_num))
    num.find(qn("w:abstractNumId")).set(qn("w:val"), str(new_abstract))
    nums = have.findall(qn("w:num"))
    if nums:  # every abstractNum comes before the first num
        nums[0].addprevious(abstract)
    else:
        have.append(abstract)
    have.append(num)
    return str(new_num)


def borrow_styles(doc: Any, names: tuple[str, ...]) -> None:
    """Add to ``doc`` the styles of ``names`` it lacks, as python-docx's default has them."""
    have = {style.name for style in doc.styles}
    missing = [name for name in names if name not in have]
    if not missing:
        return
    default = docx.Document()
    for name in missing:
        style = copy.deepcopy(default.styles[name].element)
        for link in style.findall(qn("w:link")):  # its character style is not copied
            style.remove(link)
        num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None:
            num_id.set(qn("w:val"), _numbering(default, doc, num_id.get(qn("w:val"))))
        doc.styles.element.append(style)


def drop_foreign_properties(doc: Any) -> None:
    """Forget document properties under a relationship type python-docx does not read.

    LibreOffice relates ``docProps/core.xml`` with an older spelling of the type;
    python-docx would add a second part of that name when the title is set.
    """
    rels = doc.part.package.rels
    known = RELATIONSHIP_TYPE.CORE_PROPERTIES
    for key, rel in list(rels.items()):
        if rel.reltype != known and rel.reltype.endswith("/metadata/core-properties"):
            rels.pop(key)
