"""Alembic environment: runs on the connection mammolog hands over (never a config file URL)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import mammolog.catalog.models  # noqa: F401  (registers the tables)
import mammolog.catalog.results_models  # noqa: F401
from mammolog.catalog.types import render_item

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
