"""Turn typed numpy columns into export files (CSV via DuckDB COPY, Parquet via pyarrow).

Conventions of the typed columns handed to `to_arrow`:
- ``ts:<name>``   int64 UTC epoch seconds, ``NULL_INT`` = missing; rendered ISO 8601 with the
  Paris offset, or with ``Z`` where the companion mask (``zmask``) is true;
- ``day:<name>``  int64 days since epoch, ``NULL_INT`` = missing; rendered ``YYYY-MM-DD``;
- ``int:<name>``  int64, ``NULL_INT`` = missing;
- ``str:<name>``  numpy object array of str / None.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .timeutil import paris_offset

NULL_INT = np.iinfo(np.int64).min


def ts_strings(utc: np.ndarray, zmask: np.ndarray | None) -> pa.Array:
    utc = np.asarray(utc, np.int64)
    null = utc == NULL_INT
    safe = np.where(null, 0, utc)
    off = paris_offset(safe)
    z = np.zeros(len(utc), bool) if zmask is None else np.asarray(zmask, bool)
    local = np.where(z, safe, safe + off)
    text = pc.strftime(pa.array(local.astype("datetime64[s]")), format="%Y-%m-%dT%H:%M:%S")
    suffix = np.array(["+01:00", "+02:00", "Z"])[np.where(z, 2, np.where(off == 7200, 1, 0))]
    out = pc.binary_join_element_wise(text, pa.array(suffix), "")
    return pc.if_else(pa.array(null), pa.scalar(None, pa.string()), out)


def day_array(days: np.ndarray) -> pa.Array:
    days = np.asarray(days, np.int64)
    null = days == NULL_INT
    return pa.array(np.where(null, 0, days).astype("int32"), pa.date32(), mask=null)


def int_array(values: np.ndarray) -> pa.Array:
    values = np.asarray(values, np.int64)
    return pa.array(values, pa.int64(), mask=values == NULL_INT)


def to_arrow(columns: list[tuple[str, str, np.ndarray]], zmask: np.ndarray | None) -> pa.Table:
    """columns: (name, kind, values) with kind in ts/day/int/str, in export column order."""
    arrays = []
    for _name, kind, values in columns:
        if kind == "ts":
            arrays.append(ts_strings(values, zmask))
        elif kind == "day":
            arrays.append(day_array(values))
        elif kind == "int":
            arrays.append(int_array(values))
        else:
            arrays.append(pa.array(values, pa.string()))
    return pa.table(arrays, names=[name for name, _, _ in columns])


def write_csv(table: pa.Table, path: Path) -> None:
    """RFC 4180 CSV, header row, quotes only where needed, NULL as an empty field."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        con.execute("set threads = 1")
        con.register("export_rows", table)
        target = str(path).replace("'", "''")
        con.execute(
            f"copy (select * from export_rows) to '{target}' "
            "(format csv, header true, delimiter ',', quote '\"', escape '\"', null '')"
        )
    finally:
        con.close()


LOGIN_SCHEMA = pa.schema(
    [
        ("user_id", pa.int64()),
        ("logged_in_at", pa.timestamp("us")),
        ("ip_country_code", pa.string()),
        ("platform", pa.string()),
    ]
)


def write_parquet(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        table,
        path,
        compression="zstd",
        compression_level=3,
        use_dictionary=True,
        write_statistics=True,
        row_group_size=1 << 20,
        store_schema=False,
    )
