"""Shared text helpers for the parsers: normalising, enum look-up and dates."""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from mammolog.domain.errors import DomainValidationError

__all__ = ["ensure_not_future", "lookup", "normalise", "parse_date", "require_text"]

E = TypeVar("E", bound=StrEnum)


def normalise(text: str) -> str:
    """Lower-case ``text`` and reduce every run of non-alphanumerics to one space."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower().replace("'", "")).split())


def require_text(field: str, value: object) -> str:
    """Return ``value`` if it is text, else raise naming ``field``."""
    if not isinstance(value, str):
        raise DomainValidationError(field, f"expected text, got {type(value).__name__}")
    return value


def lookup(
    field: str, value: object, enum: type[E], noun: str, aliases: dict[str, E] | None = None
) -> E:
    """Find the member of ``enum`` that ``value`` names (its value, its name or an alias)."""
    text = require_text(field, value)
    key = normalise(text)
    table: dict[str, E] = {}
    for member in enum:
        table[normalise(member.value)] = member
        table[normalise(member.name)] = member
    for alias, member in (aliases or {}).items():
        table[normalise(alias)] = member
    for candidate in (key, key[:-1] if key.endswith("s") else key):
        if candidate in table:
            return table[candidate]
    raise DomainValidationError(field, f"{text!r} is not {noun}", [m.value for m in enum])


def parse_date(value: object, *, field: str = "date") -> date:
    """Read a calendar date: a ``datetime.date``, ISO "YYYY-MM-DD" or DICOM "YYYYMMDD"."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = require_text(field, value).strip()
    digits = text.replace("-", "")
    if re.fullmatch(r"\d{8}", digits) and (
        len(text) == 8 or re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)
    ):
        try:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        except ValueError:
            pass
    raise DomainValidationError(field, f"{text!r} is not a date (use YYYY-MM-DD)")


def ensure_not_future(value: date, *, today: date, field: str = "date") -> date:
    """Return ``value``, refusing a date after ``today``."""
    if value > today:
        raise DomainValidationError(
            field, f"{value.isoformat()} is in the future (today is {today.isoformat()})"
        )
    return value
