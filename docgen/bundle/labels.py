"""The PDF /PageLabels tree, so a viewer shows the same number the page is stamped with."""

from __future__ import annotations

from collections.abc import Sequence

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from .numbering import LabelRange


def page_labels_tree(ranges: Sequence[LabelRange]) -> DictionaryObject:
    nums = ArrayObject()
    for run in ranges:
        entry = DictionaryObject({NameObject("/S"): NameObject(f"/{run.style}")})
        if run.prefix:
            entry[NameObject("/P")] = TextStringObject(run.prefix)
        if run.first != 1:
            entry[NameObject("/St")] = NumberObject(run.first)
        nums.extend([NumberObject(run.start), entry])
    return DictionaryObject({NameObject("/Nums"): nums})


def set_page_labels(writer: PdfWriter, ranges: Sequence[LabelRange]) -> None:
    writer.root_object[NameObject("/PageLabels")] = page_labels_tree(ranges)
