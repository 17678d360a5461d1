"""Turn typed numpy columns into export files (CSV via DuckDB COPY, Parquet via pyarrow).

Conventions of the typed columns handed to `to_arrow`:
- ``ts:<name>``   int64 UTC epoch seconds, ``NULL_INT`` = missing; rendered ISO 8601 with the
  Paris offset, or with ``Z`` where the companion mask (``zmask``) is true;
- ``day:<name>``  int64 days since epoch, ``NULL_INT`` = missing; rendered ``YYYY-MM-DD``;
- ``int:<name>``  int64, ``NULL_INT`` = missing;
- ``str:<name>``  numpy object array of str / None.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from .timeutil import paris_offset

NULL_INT = np.iinfo(np.int64).min


def civil(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month, day of days since 1970-01-01 (H. Hinnant's civil_from_days, vectorised)."""
    z = np.asarray(days, np.int64) + 719_468
    era = z // 146_097
    doe = z - era * 146_097
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = np.where(mp < 10, mp + 3, mp - 9)
    y = yoe + era * 400 + (m <= 2)
    return y, m, d


_SUFFIX = np.array([list(b"+01:00"), list(b"+02:00"), list(b"Z\0\0\0\0\0")], np.uint8)


def ts_strings(utc: np.ndarray, zmask: np.ndarray | None) -> pa.Array:
    """ISO 8601 text: Paris wall-clock time with its offset, or UTC with Z where zmask."""
    utc = np.asarray(utc, np.int64)
    n = len(utc)
    null = utc == NULL_INT
    safe = np.where(null, 0, utc)
    off = paris_offset(safe)
    z = np.zeros(n, bool) if zmask is None else np.asarray(zmask, bool)
    local = np.where(z, safe, safe + off)
    days, sec = local // 86_400, local % 86_400
    y, m, d = civil(days)
    buf = np.zeros((n, 25), np.uint8)
    fields = ((0, y // 100), (2, y % 100), (5, m), (8, d), (11, sec // 3600),
              (14, sec // 60 % 60), (17, sec % 60))  # fmt: skip
    for col, v in fields:
        v = v.astype(np.uint8)
        buf[:, col] = 48 + v // 10
        buf[:, col + 1] = 48 + v % 10
    buf[:, 4] = buf[:, 7] = ord("-")
    buf[:, 10] = ord("T")
    buf[:, 13] = buf[:, 16] = ord(":")
    code = np.where(z, 2, np.where(off == 7200, 1, 0))
    buf[:, 19:] = _SUFFIX[code]
    length = np.where(z, 20, 25)
    length[null] = 0
    keep = np.arange(25)[None, :] < length[:, None]
    data = buf[keep]
    offsets = np.zeros(n + 1, np.int32)
    np.cumsum(length, out=offsets[1:])
    validity = pa.py_buffer(np.packbits(~null, bitorder="little"))
    return pa.StringArray.from_buffers(
        n, pa.py_buffer(offsets), pa.py_buffer(data), validity, int(null.sum())
    )


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


def write_csv_batches(schema: pa.Schema, batches: Iterable[pa.RecordBatch], path: Path) -> None:
    """RFC 4180 CSV, header row, quotes only where needed, NULL as an empty field. The batches
    are streamed through a single-threaded DuckDB `COPY` (rows in order, bounded memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        con.execute("set threads = 1")
        con.execute("set enable_progress_bar = false")
        con.register("export_rows", pa.RecordBatchReader.from_batches(schema, iter(batches)))
        target = str(path).replace("'", "''")
        con.execute(
            f"copy (select * from export_rows) to '{target}' "
            "(format csv, header true, delimiter ',', quote '\"', escape '\"', null '')"
        )
    finally:
        con.close()


def write_parquet(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        table,
        path,
        compression="zstd",
        compression_level=1,
        use_dictionary=True,
        write_statistics=True,
        row_group_size=1 << 20,
        store_schema=False,
    )
