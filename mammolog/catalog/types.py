"""Column types of the catalog: vocabulary values stored as their plain text.

:class:`EnumString` keeps a ``StrEnum`` in a VARCHAR column. It stores the member's value,
exactly the text stored before the columns were typed (so no data migration), and reads
the member back. Writing a value outside the enum is refused with a ValueError that names
the enum, before anything reaches the database.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from sqlalchemy.engine import Dialect
from sqlalchemy.types import String, TypeDecorator

if TYPE_CHECKING:
    from alembic.autogenerate.api import AutogenContext

E = TypeVar("E", bound=StrEnum)


class EnumString(TypeDecorator[E], Generic[E]):
    """A ``StrEnum`` stored as its value in a VARCHAR column."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enum = enum

    def __repr__(self) -> str:
        return f"EnumString({self.enum.__name__})"

    def coerce(self, value: object) -> E:
        """The member for ``value`` (a member or its exact value); ValueError otherwise."""
        if isinstance(value, self.enum):
            return value
        if isinstance(value, str):
            try:
                return self.enum(value)
            except ValueError:
                pass
        allowed = ", ".join(repr(member.value) for member in self.enum)
        raise ValueError(f"{value!r} is not a {self.enum.__name__} (one of {allowed})")

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.coerce(value).value

    def process_result_value(self, value: object | None, dialect: Dialect) -> E | None:
        return None if value is None else self.coerce(value)

    @property
    def python_type(self) -> type[E]:
        return self.enum


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Alembic autogenerate hook: an :class:`EnumString` column is written as ``sa.String()``.

    Migrations then hold plain VARCHAR columns, as the database does, and never import the
    application's enums (which may change after a migration is written).
    """
    if type_ == "type" and isinstance(obj, EnumString):
        return "sa.String()"
    return False
