"""Person Name (PN) normalisation for matching the same woman across discs.

A PN value has up to three component groups separated by ``=``: alphabetic, ideographic and
phonetic; each has up to five components separated by ``^``: family, given, middle, prefix,
suffix. Matching uses the family name and the *first* given name of a group, compared after
case folding, accent stripping (alphabetic group only) and whitespace/punctuation clean-up, so
``"KOWALSKA^MARIA"`` matches ``"Kowalska^Maria^Anna"`` and ``"DOE^JOHN"`` matches
``"DOE^JOHN^^^"``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SEPARATORS = re.compile(r"[\s,.'\-_]+")
# Letters that NFKD does not decompose into a base letter and a combining mark.
_EXTRA_LETTERS = {
    ord(k): v
    for k, v in {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D"}.items()
}


@dataclass(frozen=True)
class NameKey:
    """The comparable parts of a PN: (family, first given) per component group ("" if absent)."""

    family: str
    given: str
    ideographic_family: str = ""
    ideographic_given: str = ""
    phonetic_family: str = ""
    phonetic_given: str = ""

    @property
    def is_empty(self) -> bool:
        """True when no group carries a family name."""
        return not (self.family or self.ideographic_family or self.phonetic_family)


def _fold_alphabetic(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.translate(_EXTRA_LETTERS)
    return _SEPARATORS.sub(" ", stripped.casefold()).strip()


def _fold_other(text: str) -> str:
    composed = unicodedata.normalize("NFKC", text)
    return _SEPARATORS.sub(" ", composed.casefold()).strip()


def split_groups(pn: str) -> tuple[str, str, str]:
    """Split a PN into its alphabetic, ideographic and phonetic groups (missing ones are "")."""
    parts = (pn or "").split("=")
    parts += [""] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


def _family_given(group: str, fold: bool) -> tuple[str, str]:
    components = group.split("^")
    family = components[0] if components else ""
    given = components[1] if len(components) > 1 else ""
    # "MARIA ANNA" as one given component: the first word is the first given name.
    folder = _fold_alphabetic if fold else _fold_other
    family_f = folder(family)
    given_f = folder(given)
    if fold and " " in given_f:
        given_f = given_f.split(" ")[0]
    return family_f, given_f


def name_key(pn: str) -> NameKey:
    """Return the normalised matching key of a PN value."""
    alphabetic, ideographic, phonetic = split_groups(pn)
    family, given = _family_given(alphabetic, fold=True)
    i_family, i_given = _family_given(ideographic, fold=False)
    p_family, p_given = _family_given(phonetic, fold=False)
    return NameKey(family, given, i_family, i_given, p_family, p_given)


def same_name(a: str, b: str) -> bool:
    """True when two PN values name the same person on family + first given name.

    Groups are compared in order alphabetic, ideographic, phonetic; the first group present in
    both values decides. Two values without any family name never match.
    """
    key_a, key_b = name_key(a), name_key(b)
    pairs = (
        ((key_a.family, key_a.given), (key_b.family, key_b.given)),
        (
            (key_a.ideographic_family, key_a.ideographic_given),
            (key_b.ideographic_family, key_b.ideographic_given),
        ),
        (
            (key_a.phonetic_family, key_a.phonetic_given),
            (key_b.phonetic_family, key_b.phonetic_given),
        ),
    )
    for left, right in pairs:
        if left[0] and right[0]:
            return left == right
    return False


def display_name(pn: str) -> str:
    """A readable form of a PN: "Maria Anna Kowalska"; all-caps parts become title case.

    Falls back on the ideographic, then the phonetic group when the alphabetic one is empty.
    """
    for group in split_groups(pn):
        components = [c.strip() for c in group.split("^")]
        components += [""] * (5 - len(components))
        family, given, middle, prefix, suffix = components[:5]
        words = [w for w in (prefix, given, middle, family, suffix) if w]
        if not words:
            continue
        text = " ".join(" ".join(w.split()) for w in words)
        return text.title() if text.isupper() else text
    return ""


def match_keys(pn: str) -> tuple[str, ...]:
    """The catalog's matching keys: ``"family^first-given"`` per component group that has a
    family name, in group order (alphabetic, ideographic, phonetic), without duplicates."""
    key = name_key(pn)
    found = [
        f"{family}^{given}"
        for family, given in (
            (key.family, key.given),
            (key.ideographic_family, key.ideographic_given),
            (key.phonetic_family, key.phonetic_given),
        )
        if family
    ]
    return tuple(dict.fromkeys(found))
