"""The export contract as the generator writes it, read from the project's one contract
(`impact_warehouse.contract`: the dbt sources YAML and the seeds it names): every export,
its columns in file order with their kinds, the closed lists of values, the file names and
the export dates.

The writers hand their columns by name and `ExportFiles` lays them out in the contract's
order (refusing a missing or an extra column, a value outside a closed list, a timestamp
after its file's export date); the logins Parquet schema is derived from it; the
populations draw their categories from `values()`. Nothing else in the generator holds a
column list or a copy of a closed list.
"""

from __future__ import annotations

import pyarrow as pa

from impact_warehouse import contract

CONTRACT = contract.load()

#: {export: ((column, kind), ...)} in file order, kinds of `contract.KINDS`.
EXPORT_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    export.name: tuple((column.name, column.kind) for column in export.columns)
    for export in CONTRACT
}
EXPORTS = list(EXPORT_COLUMNS)

# How each contract kind is rendered in a CSV file (render.to_arrow kinds): timestamps as
# ISO 8601 with the Paris offset, dates as YYYY-MM-DD, booleans in their drawn spelling.
CSV_KIND = {
    "id": "int",
    "integer": "int",
    "timestamp": "ts",
    "date": "day",
    "boolean": "str",
    "category": "str",
    "code": "str",
    "text": "str",
}
# ... and in a Parquet file (logins: `logged_in_at` is a UTC timestamp without offset).
PARQUET_TYPE = {
    "id": pa.int64(),
    "integer": pa.int64(),
    "timestamp": pa.timestamp("us"),
    "category": pa.string(),
    "code": pa.string(),
    "text": pa.string(),
}

NEW_FILE = "2024-07-01"  # the export date
OLD_FILE = "2024-01-01"  # the older, overlapping file of every CSV export


def columns(export: str) -> tuple[tuple[str, str], ...]:
    """(column, kind) of an export, in file order."""
    return EXPORT_COLUMNS[export]


def values(export: str, column: str) -> tuple[str, ...]:
    """The closed list of a category or code column, in the contract's order (inline, or
    from its seeds: `logins.ip_country_code` is the countries and the pseudo-codes)."""
    found = CONTRACT[export].column(column).values
    if found is None:
        raise KeyError(f"{export}.{column} has no closed list in the contract")
    return found


def seed_values(seed: str, column: str) -> tuple[str, ...]:
    """A seed column's values, in its row order (e.g. the pseudo country codes)."""
    return contract.seed_values(contract.PROJECT_DIR, (contract.SeedColumn(seed, column),))


def csv_file(export: str, date: str) -> str:
    """Path of a CSV export file under the raw directory (`<export>/<export>_<date>.csv`)."""
    return f"{export}/{CONTRACT[export].file_name(date)}"


def parquet_schema(export: str) -> pa.Schema:
    return pa.schema([(name, PARQUET_TYPE[kind]) for name, kind in columns(export)])
