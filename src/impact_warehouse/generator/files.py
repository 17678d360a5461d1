"""Export files under the raw directory: columns laid out by the contract (`exports.py`),
converted to text and written in chunks so that memory stays bounded at any scale. A file
that would break the contract is refused (ValueError naming export, file and column): a
value outside its column's closed list (after trim and case, as staging reads it), a
timestamp whose Paris date is after the file's export date."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa

from .exports import CONTRACT, CSV_KIND, columns, csv_file
from .render import NULL_INT, to_arrow, write_csv_batches
from .timeutil import paris_day

CHUNK_ROWS = 1 << 18  # rows converted to text at a time
ARROW_TYPE = {"int": pa.int64(), "ts": pa.string(), "day": pa.date32(), "str": pa.string()}

Chunk = tuple[dict[str, np.ndarray], np.ndarray]  # columns by name, Z-offset mask


class ExportFiles:
    def __init__(
        self, out: Path, rng: np.random.Generator, progress: Callable[[str], None], traps: Counter
    ) -> None:
        self.out, self.rng, self.progress, self.traps = out, rng, progress, traps
        self.row_counts: dict[str, int] = {}
        self.file_rows: dict[str, int] = {}

    def write(
        self,
        export: str,
        date: str,
        cols: dict[str, np.ndarray],
        zmask: np.ndarray,
        rows: np.ndarray | None = None,
    ) -> None:
        """One CSV file from full-length columns, restricted to `rows` (in that order)."""
        n = len(zmask) if rows is None else len(rows)

        def chunk(lo: int, hi: int) -> Chunk:
            sel = slice(lo, hi) if rows is None else rows[lo:hi]
            return {k: v[sel] for k, v in cols.items()}, zmask[sel]

        self.write_chunks(export, date, n, chunk)

    def write_chunks(
        self, export: str, date: str, n: int, chunk: Callable[[int, int], Chunk]
    ) -> None:
        """One CSV file of n rows; `chunk(lo, hi)` gives the columns of rows lo..hi-1."""
        layout = [(name, CSV_KIND[kind]) for name, kind in columns(export)]
        schema = pa.schema([(name, ARROW_TYPE[kind]) for name, kind in layout])

        first = chunk(0, min(CHUNK_ROWS, n))
        check_columns(export, first[0])  # before the file is opened
        broken: list[str] = []

        def batches() -> Iterator[pa.RecordBatch]:
            for lo in range(0, n, CHUNK_ROWS):
                cols, zmask = first if lo == 0 else chunk(lo, min(lo + CHUNK_ROWS, n))
                broken.extend(contract_breaches(export, date, cols))
                if broken:
                    return  # the file is deleted below
                table = to_arrow([(name, kind, cols[name]) for name, kind in layout], zmask)
                yield from table.to_batches()

        path = self.out / csv_file(export, date)
        write_csv_batches(schema, batches(), path)
        if broken:
            path.unlink(missing_ok=True)
            raise ValueError(f"{csv_file(export, date)} would break the contract: {broken[0]}")
        self.file_rows[csv_file(export, date)] = n
        self.row_counts[export] = self.row_counts.get(export, 0) + n


def check_columns(export: str, cols: dict[str, np.ndarray]) -> None:
    names = [name for name, _ in columns(export)]
    missing, extra = set(names) - set(cols), set(cols) - set(names)
    if missing or extra:
        raise ValueError(
            f"{export}: columns {sorted(missing)} missing, {sorted(extra)} not in the contract"
        )


def contract_breaches(export: str, date: str, cols: dict[str, np.ndarray]) -> list[str]:
    """What in these rows of the file dated `date` staging would quarantine: a value
    outside a closed list, a timestamp after the export date (its Paris date, G-1)."""
    found = []
    export_day = (dt.date.fromisoformat(date) - dt.date(1970, 1, 1)).days
    for column in CONTRACT[export].columns:
        values = cols[column.name]
        if column.kind == "timestamp":
            utc = np.asarray(values, np.int64)
            late = (utc != NULL_INT) & (paris_day(np.where(utc == NULL_INT, 0, utc)) > export_day)
            if late.any():
                found.append(
                    f"column {column.name}: {int(late.sum())} timestamp(s) after the export "
                    f"date {date}"
                )
        elif column.values is not None:
            allowed = {value.lower() for value in column.values}
            seen = {value for value in np.asarray(values, dtype=object).tolist() if value}
            unknown = sorted(v for v in seen if str(v).strip().lower() not in allowed)
            if unknown:
                found.append(f"column {column.name}: values outside the contract {unknown[:5]}")
    return found


def progress_to_stderr(msg: str) -> None:
    print(f"[generate] {msg}", file=sys.stderr, flush=True)
