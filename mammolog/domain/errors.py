"""The one exception type the domain raises for bad input."""

from __future__ import annotations

from collections.abc import Iterable


class DomainValidationError(ValueError):
    """A value does not fit the BI-RADS vocabulary or a record's rules.

    ``field`` names the offending field; ``str(error)`` is a plain sentence that can be shown
    to a user as is, e.g. ``category: '7' is not a BI-RADS category (allowed: 0, 1, ...)``.
    """

    def __init__(self, field: str, reason: str, allowed: Iterable[str] | None = None) -> None:
        self.field = field
        self.reason = reason
        self.allowed: tuple[str, ...] = tuple(allowed) if allowed is not None else ()
        message = f"{field}: {reason}"
        if self.allowed:
            message += f" (allowed: {', '.join(self.allowed)})"
        super().__init__(message)
