"""Layout traps: a login month re-delivered with late events in a second part file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow as pa

REDELIVERED = "2024-05"


def login_parts(
    rng: np.random.Generator, traps: Counter, month: str, table: pa.Table, folder: Path
):
    """The part files of a login month: `part-0` only, or for 2024-05 `part-0` and `part-1`
    (2% of the month's events, read as a union)."""
    if month != REDELIVERED:
        return [(table, folder / "part-0.parquet")]
    late = rng.random(table.num_rows) < 0.02
    traps["logins: month re-delivered in two parts (2024-05)"] = 1
    return [
        (table.filter(pa.array(~late)), folder / "part-0.parquet"),
        (table.filter(pa.array(late)), folder / "part-1.parquet"),
    ]
