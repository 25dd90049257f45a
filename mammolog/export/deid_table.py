"""The PS3.15 Table E.1-1 action of every attribute, and the codes the standard defines.

``deid_ps315.txt`` holds the Basic Application Level Confidentiality Profile table (release
2026c): one line per attribute with its action. Compound actions (``X/Z``, ``X/D``, ``Z/D``,
``X/Z/D``, ``X/Z/U*``) leave the choice to the de-identifier: "the one that keeps the object
conformant to its IOD". A dummy (D) is valid wherever the attribute is Type 1, 2 or 3, a
zero-length value (Z) wherever it is Type 2 or 3. :func:`resolve` makes the choice with what is known of the object (enhanced
multi-frame or structured report, where a few of these attributes are Type 1) and otherwise
takes the letter that is valid in every IOD.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from importlib import resources
from typing import cast


class Action(StrEnum):
    """What happens to one attribute (PS3.15 E.1-1 letters)."""

    KEEP = "K"
    REMOVE = "X"
    EMPTY = "Z"
    DUMMY = "D"
    UID = "U"
    CLEAN = "C"


@functools.cache
def profile_table() -> dict[int, str]:
    """Tag (as an int) -> the action code the Basic Profile lists for it."""
    table: dict[int, str] = {}
    text = resources.files("mammolog.export").joinpath("deid_ps315.txt").read_text("utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        tag, code = line.split(" ", 2)[:2]
        table[int(tag, 16)] = code
    return table


def resolve(code: str, vr: str, *, type1: bool = False) -> Action:
    """The action to apply for a table `code` on an element of `vr`.

    `type1` says the attribute is Type 1 in the object's IOD (known for the few attributes
    where it matters, see :mod:`mammolog.export.deid_walk`): a compound with D then gives a
    dummy. Dates, times and UIDs get a dummy under any compound with D (valid for every Type,
    and identifying nobody). Otherwise X/Z and X/Z/D give a zero-length value (valid whether
    the attribute is Type 2 or 3), X/D removes and Z/D empties. A sequence
    under any compound but X/D keeps its items, cleaned (zero items is invalid for a Type 3
    sequence, and one may be Type 1C where the source has items).
    """
    if code in ("X", "Z", "D", "U"):
        return Action(code)
    if vr == "SQ" and code != "X/D":
        # a sequence keeps its items, cleaned: an empty one is invalid where it is Type 3
        # (zero items), and it may be Type 1C where the source has items
        return Action.DUMMY if type1 else Action.CLEAN
    if "D" in code and vr in ("DA", "DT", "TM", "UI"):
        return Action.DUMMY  # a dummy date identifies nobody and is valid for every Type
    if code == "Z/D":
        return Action.DUMMY if type1 else Action.EMPTY
    if code == "X/Z":
        return Action.EMPTY
    if code == "X/D":
        return Action.DUMMY if type1 else Action.REMOVE
    if code == "X/Z/D":
        return Action.DUMMY if type1 else Action.EMPTY
    if code == "X/Z/U*":
        return Action.UID if vr == "UI" else Action.EMPTY
    raise ValueError(f"unknown PS3.15 action {code!r}")


@functools.cache
def standard_codes() -> frozenset[tuple[str, str]]:
    """(coding scheme designator, code value) of every code the DICOM standard's context
    groups use (pydicom's concept dictionary): their meanings are the standard's, never
    something a site wrote, so they are kept as they are."""
    from pydicom.sr._concepts_dict import concepts

    found: set[tuple[str, str]] = set()
    for scheme, by_keyword in concepts.items():
        for by_value in cast("dict[str, dict[str, object]]", by_keyword).values():
            found.update((scheme, value) for value in by_value)
    return frozenset(found)
