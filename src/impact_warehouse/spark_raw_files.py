"""The raw-file pre-step of a Spark build: every file of the raw directory, listed.

Spark SQL cannot list files (DuckDB has glob() and read_blob()), and Spark's readers
skip a zero-byte file silently and fail on a missing folder with PATH_NOT_FOUND. So,
before `dbt build --target spark`, Python lists every file under the raw directory,
with its size and SHA-256, and writes the list as one Parquet file that Spark SQL reads
(`parquet.\\`<path>\\``, macro spark__raw_files_inventory). The DuckDB side computes the
same relation with glob()/read_blob() (`dq_raw_files`: export, file_path relative to the
raw directory, size_bytes, sha256, ...), so the data-quality checks read one relation
on either engine.

Columns (one row per file, hidden files and non-data files included: the checks decide
what is refused or ignored, this only lists):
  raw_dir          the raw directory, absolute, as the `raw_dir` macro resolves it
  export           first folder under the raw directory (NULL for a file at its top level)
  file_path        path relative to the raw directory, `/`-separated
  file_name        last path component
  size_bytes       size in bytes
  sha256           hex SHA-256 of the content
  header_line      first line of a `.csv` file (BOM and CR removed; NULL when the file is
                   empty or not valid UTF-8 throughout, as DuckDB's decode() of the blob)
  parquet_columns  comma-separated column names of a `.parquet` file (NULL when it does
                   not read as Parquet)

The file's location reaches dbt in IMPACT_SPARK_RAW_FILES (default:
$IMPACT_SPARK_DIR/prestep/raw_files.parquet); the macro refuses an inventory made for
another raw directory. Run it by hand before a plain `dbt build --target spark`:

    python -m impact_warehouse.spark_raw_files [--raw-dir data/raw] [--out PATH]
"""

from __future__ import annotations

import argparse
import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from impact_warehouse.spark_session import spark_dir

RAW_FILES_ENV = "IMPACT_SPARK_RAW_FILES"
SCHEMA = pa.schema(
    [
        ("raw_dir", pa.string()),
        ("export", pa.string()),
        ("file_path", pa.string()),
        ("file_name", pa.string()),
        ("size_bytes", pa.int64()),
        ("sha256", pa.string()),
        ("header_line", pa.string()),
        ("parquet_columns", pa.string()),
    ]
)
_CHUNK = 1 << 20


@dataclass(frozen=True)
class RawFile:
    raw_dir: str
    export: str | None
    file_path: str
    file_name: str
    size_bytes: int
    sha256: str
    header_line: str | None
    parquet_columns: str | None


def default_inventory_path() -> Path:
    configured = os.environ.get(RAW_FILES_ENV, "").strip()
    return Path(configured) if configured else spark_dir() / "prestep" / "raw_files.parquet"


def _first_line(path: Path) -> str | None:
    with path.open("rb") as handle:
        line = handle.readline()
    if not line:
        return None
    return line.decode("utf-8").removeprefix("\ufeff").rstrip("\n").rstrip("\r")


def _parquet_columns(path: Path) -> str | None:
    try:
        return ",".join(pq.read_schema(path).names)
    except (pa.ArrowException, OSError):
        return None


def _sha256_and_utf8(path: Path) -> tuple[str, bool]:
    """The hex SHA-256 of the file, and whether the whole file is valid UTF-8."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    valid = True
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            if valid:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    valid = False
    if valid:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            valid = False
    return digest.hexdigest(), valid


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
            sha256, utf8 = _sha256_and_utf8(path)
            files.append(
                RawFile(
                    raw_dir=str(root),
                    export=parts[0] if len(parts) > 1 else None,
                    file_path=relative,
                    file_name=name,
                    size_bytes=path.stat().st_size,
                    sha256=sha256,
                    header_line=_first_line(path) if suffix == ".csv" and utf8 else None,
                    parquet_columns=_parquet_columns(path) if suffix == ".parquet" else None,
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
    parser.add_argument("--raw-dir", default=os.environ.get("IMPACT_RAW_DIR", "data/raw"))
    parser.add_argument("--out", default=None, help=f"default: ${RAW_FILES_ENV} or prestep/")
    args = parser.parse_args(argv)
    path = write_inventory(args.raw_dir, args.out)
    print(f"wrote the raw-file inventory of {Path(args.raw_dir).resolve()} to {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
