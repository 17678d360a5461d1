"""dbt-duckdb plugin (profiles.yml `plugins:`): the pseudonym key, as session variables.

On every DuckDB connection and cursor dbt opens, sets the HMAC padded keys of the build's
pseudonym key (impact_warehouse.pseudonym.choose_key: IMPACT_PSEUDONYM_KEY, or the sample
key for synthetic exports) as the session variables the `pseudonym` macro reads, with
bound parameters, so that the key appears in no SQL text, compiled file or log. Session
variables live in memory only (not in the database file).

When no key applies (real exports, no secret), nothing is set and the macro stops the
model that needs it with an error naming IMPACT_PSEUDONYM_KEY; every other dbt command
(parse, docs, MetricFlow queries of a built warehouse) keeps working.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

from impact_warehouse.dbtrun import PROJECT_DIR
from impact_warehouse.exports import RAW_DIR_ENV
from impact_warehouse.pseudonym import (
    IPAD_VARIABLE,
    OPAD_VARIABLE,
    PseudonymKeyError,
    choose_key,
    padded_keys,
)


def _raw_dir() -> Path | None:
    """IMPACT_RAW_DIR as the raw_dir macro resolves it (relative: to the project root)."""
    value = os.environ.get(RAW_DIR_ENV, "").strip()
    if not value:
        return None
    path = Path(value)
    if path.is_absolute():
        return path
    return Path(os.environ.get("DBT_PROJECT_DIR", PROJECT_DIR)) / path


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        self._pads: tuple[bytes, bytes] | None = None
        try:
            choice = choose_key(_raw_dir())
        except PseudonymKeyError:
            return  # the macro raises if a model needs the key
        self._pads = padded_keys(choice.key)

    def _set(self, conn: Any) -> None:
        if self._pads is None:
            return
        inner, outer = self._pads
        conn.execute(f"set variable {IPAD_VARIABLE} = ?", [inner])
        conn.execute(f"set variable {OPAD_VARIABLE} = ?", [outer])

    def configure_connection(self, conn: Any) -> None:
        self._set(conn)

    def configure_cursor(self, cursor: Any) -> None:
        self._set(cursor)
