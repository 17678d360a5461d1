"""The export contract (docs/input-contract.md), read from the one place it is written: the dbt
sources YAML `models/staging/platform/_platform__sources.yml` (source `platform`, each
table's and column's `config.meta`). dbt reads the same file (macro `export_contract`);
enumerations that live in seeds (`values_from`) are read from `seeds/<seed>.csv`.

    from impact_warehouse import contract

    c = contract.load()
    c.export_names                      # ('users', 'paths', ..., 'logins'), file order
    users = c["users"]
    users.column_names                  # CSV header, in the order the platform writes it
    users.column("gender").values       # ('female', 'male', 'non_binary', 'undisclosed')
    c["paths"].column("domain").values  # the 13 domains, from seeds/path_domains.csv
    users.file_name("2024-07-01")       # 'users_2024-07-01.csv'
    c["logins"].file_name("2024-06")    # 'month=2024-06/part-0.parquet'
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]
SOURCES_YAML = Path("models") / "staging" / "platform" / "_platform__sources.yml"
SOURCE_NAME = "platform"

#: Value kinds of the contract. `kind` says how a value is written in the export; the
#: generator's writer maps them to its own column types.
KINDS = ("id", "integer", "date", "timestamp", "boolean", "category", "code", "text")


@dataclass(frozen=True)
class SeedColumn:
    seed: str
    column: str


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    description: str
    required: bool = False
    #: closed list (inline or from seeds): an unknown value is quarantined. None if open.
    values: tuple[str, ...] | None = None
    values_from: tuple[SeedColumn, ...] = ()
    #: open reference list of a code (unknown but well-formed codes are kept and warned).
    known_values: tuple[str, ...] | None = None
    format: str | None = None
    #: keep | presence | drop: how staging reads the column.
    staging: str = "keep"
    staged_as: str = ""
    pii: bool = False


@dataclass(frozen=True)
class Check:
    column: str
    when: str
    reason: str


@dataclass(frozen=True)
class Export:
    name: str
    file_format: str  # csv | parquet
    key: str | None
    versioned: bool
    description: str
    columns: tuple[Column, ...]
    checks: tuple[Check, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        """The columns the platform writes, in order (the CSV header)."""
        return tuple(column.name for column in self.columns)

    @property
    def read_columns(self) -> tuple[Column, ...]:
        """The columns staging reads (a file lacking one of them is refused)."""
        return tuple(column for column in self.columns if column.staging != "drop")

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"export {self.name!r} has no column {name!r}")

    def file_name(self, date_or_month: str, part: int = 0) -> str:
        """Path of a file inside the export folder: `<export>_<YYYY-MM-DD>.csv`, or for
        logins `month=<YYYY-MM>/part-<n>.parquet`."""
        if self.file_format == "parquet":
            return f"month={date_or_month}/part-{part}.parquet"
        return f"{self.name}_{date_or_month}.csv"


@dataclass(frozen=True)
class Contract:
    exports: tuple[Export, ...]

    @property
    def export_names(self) -> tuple[str, ...]:
        return tuple(export.name for export in self.exports)

    def __getitem__(self, name: str) -> Export:
        for export in self.exports:
            if export.name == name:
                return export
        raise KeyError(f"the contract has no export {name!r} (exports: {self.export_names})")

    def __iter__(self):
        return iter(self.exports)


def _meta(node: dict) -> dict:
    config = node.get("config") or {}
    return {**(node.get("meta") or {}), **(config.get("meta") or {})}


def _seed_columns(spec: object) -> tuple[SeedColumn, ...]:
    if not spec:
        return ()
    items = [spec] if isinstance(spec, dict) else list(spec)  # type: ignore[arg-type]
    return tuple(SeedColumn(item["seed"], item["column"]) for item in items)


def seed_values(project_dir: Path, seeds: tuple[SeedColumn, ...]) -> tuple[str, ...]:
    """Distinct non-empty values of seed columns (the union), in the seeds' row order."""
    values: dict[str, None] = {}
    for item in seeds:
        path = project_dir / "seeds" / f"{item.seed}.csv"
        with path.open(newline="", encoding="utf-8") as handle:
            values.update(
                (row[item.column], None) for row in csv.DictReader(handle) if row[item.column]
            )
    return tuple(values)


@cache
def load(project_dir: Path | str = PROJECT_DIR) -> Contract:
    """Read the contract from the project's sources YAML (and seeds)."""
    root = Path(project_dir)
    document = yaml.safe_load((root / SOURCES_YAML).read_text(encoding="utf-8"))
    (source,) = [s for s in document["sources"] if s["name"] == SOURCE_NAME]
    exports = []
    for table in source["tables"]:
        meta = _meta(table)
        columns = []
        for column in table.get("columns") or []:
            column_meta = _meta(column)
            if column_meta.get("reader"):
                continue
            values_from = _seed_columns(column_meta.get("values_from"))
            values = column_meta.get("values")
            if values is None and values_from:
                values = seed_values(root, values_from)
            known = _seed_columns(column_meta.get("known_values_from"))
            columns.append(
                Column(
                    name=column["name"],
                    kind=column_meta["kind"],
                    description=str(column.get("description", "")).strip(),
                    required=bool(column_meta.get("required", False)),
                    values=tuple(str(v) for v in values) if values is not None else None,
                    values_from=values_from,
                    known_values=seed_values(root, known) if known else None,
                    format=column_meta.get("format"),
                    staging=column_meta.get("staging", "keep"),
                    staged_as=column_meta.get("staged_as", column["name"]),
                    pii=bool(column_meta.get("pii", False)),
                )
            )
        checks = tuple(
            Check(check["column"], check["when"], check["reason"])
            for check in meta.get("checks") or []
        )
        exports.append(
            Export(
                name=table["name"],
                file_format=meta.get("file_format", "csv"),
                key=meta.get("key"),
                versioned=bool(meta.get("versioned", False)),
                description=str(table.get("description", "")).strip(),
                columns=tuple(columns),
                checks=checks,
            )
        )
    return Contract(tuple(exports))


def export_names() -> tuple[str, ...]:
    """The nine exports, in the order of the contract."""
    return load().export_names


def columns(export: str) -> tuple[str, ...]:
    """The columns of an export in the order the platform writes them."""
    return load()[export].column_names


def enumeration(export: str, column: str) -> tuple[str, ...] | None:
    """The closed list of values of a category or code column (None when open)."""
    return load()[export].column(column).values
