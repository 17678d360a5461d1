"""dbt-duckdb plugin (profiles.yml `plugins:`): SQL functions that fingerprint raw files.

DuckDB's own `sha256(content)` over `read_blob` loads each file whole into memory and
hashes at about 60 MB/s (25 s for the 1.5 GB of exports at scale 1.0); Python's hashlib
streams at several hundred MB/s in bounded memory. So the file inventory
(`base_platform__raw_files`) calls these functions, registered on the DuckDB connection
dbt opens (every cursor sees them):

  impact_file_sha256(path)  the hex SHA-256 of the file's bytes, read in 1 MB chunks
  impact_file_stat(path)    struct(signature, changed_at): the file's stat signature
                            `size/mtime_ns/ctime_ns/inode/device` and its last change
                            (the later of mtime and ctime) as a UTC timestamp

A missing or unreadable file raises, naming it. The signature is what the inventory
compares to reuse the SHA-256 of an unchanged file from the previous build (the rule:
doc block `raw_file_fingerprints`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from typing import Any

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin

_CHUNK = 1 << 20
SHA256_FUNCTION = "impact_file_sha256"
STAT_FUNCTION = "impact_file_stat"
STAT_TYPE = duckdb.struct_type(
    {"signature": duckdb.sqltypes.VARCHAR, "changed_at": duckdb.sqltypes.TIMESTAMP}
)


def file_sha256(path: str) -> str:
    """The hex SHA-256 of the file at `path`, streamed (bounded memory)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_stat(path: str) -> dict[str, Any]:
    """{signature, changed_at} of the file at `path` (see the module docstring)."""
    info = os.stat(path)
    changed_ns = max(info.st_mtime_ns, info.st_ctime_ns)
    return {
        "signature": (
            f"{info.st_size}/{info.st_mtime_ns}/{info.st_ctime_ns}/{info.st_ino}/{info.st_dev}"
        ),
        "changed_at": dt.datetime.fromtimestamp(changed_ns / 1e9, dt.UTC).replace(tzinfo=None),
    }


def register(conn: Any) -> None:
    """Create both functions on a DuckDB connection (idempotent per connection)."""
    for name, function, return_type in (
        (SHA256_FUNCTION, file_sha256, duckdb.sqltypes.VARCHAR),
        (STAT_FUNCTION, file_stat, STAT_TYPE),
    ):
        try:
            conn.remove_function(name)
        except duckdb.InvalidInputException:
            pass  # not registered yet
        conn.create_function(
            name,
            function,
            [duckdb.sqltypes.VARCHAR],
            return_type,
            side_effects=True,  # reads the file system: never folded, never cached
        )


class Plugin(BasePlugin):
    def configure_connection(self, conn: Any) -> None:
        register(conn)
