"""The raw-file pre-step of a Spark build: every file of the raw directory, with its facts.

Spark SQL cannot list files (DuckDB has glob() and read_blob()) nor read a Parquet
footer, and Spark's CSV reader accepts files that DuckDB's refuses (not UTF-8, an
unterminated quote), replacing or swallowing what it cannot read. So, before
`dbt build --target spark`, Python lists every file under the raw directory with the
facts the project's checks need, and writes the list as one Parquet file that Spark SQL
reads (`parquet.\\`<path>\\``, macros in macros/spark/file_facts.sql). The checks themselves
(macros raw_files, check_raw_export, check_parquet_schemas, models dq_*) are the same on
both engines; on DuckDB the same facts come from glob(), read_blob(), read_csv() and
parquet_schema()/parquet_metadata().

Columns (one row per file, hidden files and non-data files included: the checks decide
what is refused or ignored, this only lists):
  raw_dir            the raw directory, absolute, as the `raw_dir` macro resolves it
  export             first folder under the raw directory (NULL for a file at its top level)
  file_path          path relative to the raw directory, `/`-separated
  file_name          last path component
  size_bytes         size in bytes
  sha256             hex SHA-256 of the content
  header_line        first line of a `.csv` file (BOM and CR removed; NULL when the file is
                     empty or its first line is not UTF-8)
  csv_header         the column names of that line as DuckDB's reader splits it (quoted
                     names unquoted): the file's columns, in order, as the Spark reader of
                     the file names them
  csv_problem        why DuckDB's CSV reader would refuse the `.csv` file, naming the line
                     (not UTF-8, an unterminated quoted field, text after a closing quote,
                     a row longer than DuckDB's max_line_size); NULL when it reads. Rows
                     with too few or too many fields need no fact: both readers refuse them
  csv_spaced_quotes  the `.csv` file has a quoted field preceded by spaces (`1, "x"`):
                     DuckDB skips the spaces, so the Spark reader of this file must too
  parquet_rows       row count of a `.parquet` file (footer), NULL when it is not Parquet
  parquet_schema     its leaf columns: name, kind (TIMESTAMP for any timestamp encoding,
                     else the physical type) and found (the type as DuckDB's
                     parquet_schema() names it), and max_timestamp (the greatest value of a
                     timestamp column in the footer statistics, NULL without statistics)
  json_text          the text of a `.json` file of at most 64 KB (the generator's marker
                     `_synthetic.json`, which Spark's readers skip: its name starts with `_`)

The file's location reaches dbt in IMPACT_SPARK_RAW_FILES (default:
$IMPACT_SPARK_DIR/prestep/raw_files.parquet); the macros refuse an inventory made for
another raw directory. `impact-warehouse build --target spark` and
`python -m impact_warehouse.spark_dbtrun` run it; by hand:

    python -m impact_warehouse.spark_raw_files [--raw-dir data/raw] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from impact_warehouse.spark_session import spark_dir

RAW_FILES_ENV = "IMPACT_SPARK_RAW_FILES"
# DuckDB's read_csv refuses a row (line break included) longer than its max_line_size,
# 2,000,000 bytes by default ("Maximum line size of 2000000 bytes exceeded").
DUCKDB_MAX_LINE_SIZE = 2_000_000
PARQUET_COLUMN = pa.struct(
    [
        ("name", pa.string()),
        ("kind", pa.string()),
        ("found", pa.string()),
        ("max_timestamp", pa.timestamp("us", tz="UTC")),
    ]
)
SCHEMA = pa.schema(
    [
        ("raw_dir", pa.string()),
        ("export", pa.string()),
        ("file_path", pa.string()),
        ("file_name", pa.string()),
        ("size_bytes", pa.int64()),
        ("sha256", pa.string()),
        ("header_line", pa.string()),
        ("csv_header", pa.list_(pa.string())),
        ("csv_problem", pa.string()),
        ("csv_spaced_quotes", pa.bool_()),
        ("parquet_rows", pa.int64()),
        ("parquet_schema", pa.list_(PARQUET_COLUMN)),
        ("json_text", pa.string()),
    ]
)
_CHUNK = 1 << 20
# json_text is kept for `.json` files up to this size (metadata, never data)
JSON_TEXT_MAX_BYTES = 65_536
# One physical line with its line break (\r\n, \n or a lone \r, as DuckDB's reader).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
# The rest of a quoted field: anything but a quote, or a doubled quote (RFC 4180).
_QUOTED = re.compile(r'(?:[^"]|"")*')
_UNQUOTED = re.compile(r"[^,\r\n]*")
_SPACES = re.compile(r" *")


@dataclass(frozen=True)
class RawFile:
    raw_dir: str
    export: str | None
    file_path: str
    file_name: str
    size_bytes: int
    sha256: str
    header_line: str | None
    csv_header: list[str] | None = None
    csv_problem: str | None = None
    csv_spaced_quotes: bool | None = None
    parquet_rows: int | None = None
    parquet_schema: list[dict] | None = None
    json_text: str | None = None


def default_inventory_path() -> Path:
    configured = os.environ.get(RAW_FILES_ENV, "").strip()
    return Path(configured) if configured else spark_dir() / "prestep" / "raw_files.parquet"


def _first_line(path: Path) -> str | None:
    with path.open("rb") as handle:
        line = handle.readline()
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return None  # csv_problem says why
    return text.removeprefix("\ufeff").rstrip("\n").rstrip("\r") if line else None


def csv_header(line: str | None) -> list[str] | None:
    """The names of a header line as DuckDB's reader splits them (`,`, `"` quotes, a
    quoted name may follow spaces)."""
    if line is None:
        return None
    reader = csv.reader(
        [line], delimiter=",", quotechar='"', doublequote=True, skipinitialspace=True
    )
    return next(reader, [])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _physical_lines(path: Path):
    """(line number, text with its line break, size in bytes) of every physical line;
    raises UnicodeDecodeError with the line number in `reason` on a byte that is not
    UTF-8."""
    number = 0
    with path.open("rb") as handle:
        for raw in handle:  # split on \n; a lone \r splits further below
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                error.reason = f"line {number + 1}"
                raise
            if number == 0:
                text = text.removeprefix("\ufeff")
            if "\r" in text[:-2]:
                for match in _LINE.finditer(text):
                    if match.group():
                        number += 1
                        yield number, match.group(), len(match.group().encode("utf-8"))
            else:
                number += 1
                yield number, text, len(raw)


def csv_facts(path: Path) -> tuple[str | None, bool]:
    """(problem, spaced_quotes) of a CSV file read as DuckDB's read_csv reads the exports
    (header, `,`, `"` quoted and doubled): the first reason DuckDB would refuse it, naming
    the line (None when it reads), and whether a quoted field follows spaces (`1, "x"`:
    DuckDB skips the spaces, Spark's reader keeps them and the quotes)."""
    spaced = False
    in_quotes = False
    opened_on = 0
    record_bytes = 0
    record_start = 1
    try:
        for number, text, size in _physical_lines(path):
            if not in_quotes:
                record_bytes, record_start = 0, number
            record_bytes += size
            position = 0
            end = len(text.rstrip("\r\n"))
            if not in_quotes and '"' not in text:
                position = end
            while position < end or in_quotes:
                if in_quotes:
                    body = _QUOTED.match(text, position).end()
                    if body >= len(text):  # the field goes on on the next line
                        break
                    in_quotes = False
                    position = _SPACES.match(text, body + 1).end()
                    if position < end and text[position] != ",":
                        return (
                            f"text after a closing quote on line {number}: DuckDB refuses it"
                        ), spaced
                    position += 1
                    continue
                start = _SPACES.match(text, position).end()
                if start < end and text[start] == '"':
                    spaced = spaced or start > position
                    in_quotes, opened_on, position = True, number, start + 1
                    continue
                position = _UNQUOTED.match(text, position).end() + 1
            if not in_quotes and record_bytes > DUCKDB_MAX_LINE_SIZE:
                return (
                    f"the row starting on line {record_start} is longer than"
                    f" {DUCKDB_MAX_LINE_SIZE:,} bytes (DuckDB's max_line_size)"
                ), spaced
    except UnicodeDecodeError as error:
        return f"not UTF-8 text ({error.reason}): export it as UTF-8", spaced
    if in_quotes:
        return f"a quoted field opened on line {opened_on} is never closed", spaced
    return None, spaced


_UNIT_NAMES = {"MILLIS": "MilliSeconds()", "MICROS": "MicroSeconds()", "NANOS": "NanoSeconds()"}


def _duckdb_type_name(column: pq.ColumnSchema) -> str:
    """The column's type as DuckDB's parquet_schema() names it (coalesce of logical type,
    converted type and physical type): what a refused column is reported as."""
    logical = column.logical_type
    kind = logical.type if logical is not None else "NONE"
    if kind == "STRING":
        return "StringType()"
    if kind == "DATE":
        return "DateType()"
    if kind == "TIMESTAMP":
        text = str(logical)
        utc = 1 if "isAdjustedToUTC=true" in text else 0
        unit = next(
            (
                v
                for k, v in {"milli": "MILLIS", "micro": "MICROS", "nano": "NANOS"}.items()
                if k in text
            ),
            "MICROS",
        )
        units = ", ".join(f"{u}={_UNIT_NAMES[u] if u == unit else '<null>'}" for u in _UNIT_NAMES)
        return f"TimestampType(isAdjustedToUTC={utc}, unit=TimeUnit({units}))"
    if kind not in ("NONE", None):
        return str(logical)
    if column.converted_type not in (None, "NONE"):
        return str(column.converted_type)
    return str(column.physical_type)


def parquet_facts(path: Path) -> tuple[int | None, list[dict] | None]:
    """(row count, leaf columns) from the footer of a Parquet file; (None, None) when the
    file does not read as Parquet. A column's kind is TIMESTAMP for any timestamp
    encoding (INT96, a timestamp logical or converted type), else its physical type, as
    check_parquet_schemas classifies DuckDB's parquet_schema(); max_timestamp is the
    greatest statistic of a timestamp column over the row groups that keep one (INT96
    keeps none), as DuckDB's parquet_metadata()."""
    try:
        handle = pq.ParquetFile(path)
    except (pa.ArrowException, OSError):
        return None, None
    metadata = handle.metadata
    schema = handle.schema
    columns = []
    for index in range(len(schema)):
        column = schema.column(index)
        logical = column.logical_type.type if column.logical_type is not None else "NONE"
        is_timestamp = (
            column.physical_type == "INT96"
            or logical == "TIMESTAMP"
            or str(column.converted_type).startswith("TIMESTAMP")
        )
        latest = None
        if is_timestamp and column.physical_type != "INT96":
            for group in range(metadata.num_row_groups):
                stats = metadata.row_group(group).column(index).statistics
                if stats is not None and stats.has_min_max and stats.max is not None:
                    value = stats.max.replace(tzinfo=UTC)
                    latest = value if latest is None else max(latest, value)
        columns.append(
            {
                "name": column.name,
                "kind": "TIMESTAMP" if is_timestamp else column.physical_type,
                "found": _duckdb_type_name(column),
                "max_timestamp": latest,
            }
        )
    return metadata.num_rows, columns


def _json_text(path: Path) -> str | None:
    """The text of a small `.json` file (the generator's marker `_synthetic.json`: Spark's
    readers skip a file whose name starts with `_`), None when larger or not UTF-8."""
    if path.stat().st_size > JSON_TEXT_MAX_BYTES:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None


def inventory(raw: Path | str) -> list[RawFile]:
    """Every file under `raw`, sorted by path. Raises FileNotFoundError when `raw` is not
    a directory (the build must stop naming it, as on DuckDB)."""
    root = Path(raw).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"the raw directory {root} does not exist or is not a folder")
    files: list[RawFile] = []
    for folder, directories, names in os.walk(root):
        directories.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if not path.is_file():
                continue
            relative = path.relative_to(root).as_posix()
            parts = relative.split("/")
            suffix = path.suffix.lower()
            problem, spaced = csv_facts(path) if suffix == ".csv" else (None, None)
            header = _first_line(path) if suffix == ".csv" else None
            rows, columns = parquet_facts(path) if suffix == ".parquet" else (None, None)
            files.append(
                RawFile(
                    raw_dir=str(root),
                    export=parts[0] if len(parts) > 1 else None,
                    file_path=relative,
                    file_name=name,
                    size_bytes=path.stat().st_size,
                    sha256=_sha256(path),
                    header_line=header,
                    csv_header=csv_header(header),
                    csv_problem=problem,
                    csv_spaced_quotes=spaced,
                    parquet_rows=rows,
                    parquet_schema=columns,
                    json_text=_json_text(path) if suffix == ".json" else None,
                )
            )
    return sorted(files, key=lambda f: f.file_path)


def write_inventory(raw: Path | str, out: Path | str | None = None) -> Path:
    """List `raw` and write the Parquet file Spark SQL reads; returns its absolute path.

    The file is written beside its final name and renamed over it, so a reader never
    sees half a file."""
    target = Path(out or default_inventory_path()).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    rows = inventory(raw)
    table = pa.Table.from_pylist([row.__dict__ for row in rows], schema=SCHEMA)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    pq.write_table(table, partial)
    os.replace(partial, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m impact_warehouse.spark_raw_files", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--raw-dir", default=os.environ.get("IMPACT_RAW_DIR", "data/sample"))
    parser.add_argument("--out", default=None, help=f"default: ${RAW_FILES_ENV} or prestep/")
    args = parser.parse_args(argv)
    path = write_inventory(args.raw_dir, args.out)
    print(f"wrote the raw-file inventory of {Path(args.raw_dir).resolve()} to {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
