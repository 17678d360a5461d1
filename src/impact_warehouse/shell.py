"""An interactive SQL shell on the published warehouse, read-only.

    impact-warehouse shell
    impact> .tables
    impact> select indicator, year, value from impact_indicators
       ...> where year = 2023 and segment = 'all';

The warehouse file ($IMPACT_DUCKDB_PATH, default warehouse/impact.duckdb) is
opened read-only, exactly like `impact-warehouse sql`: the shell never
blocks `make build` and cannot change the warehouse. A statement ends with
`;` and may span several lines. Unqualified names are looked up in `marts`
first. The session keeps the snapshot it opened: `.reconnect` opens the
newest published build. Line editing and history (readline) when standard
input is a terminal; history in ~/.impact_warehouse_history (or
$IMPACT_SHELL_HISTORY). With standard input piped, the shell reads the
statements and dot commands from it, prints no prompt, and exits non-zero
when one failed.

Dot commands:
  .tables [SCHEMA|all]   relations of a schema (default: marts)
  .describe NAME         columns and types of a relation (alias .schema)
  .mode table|csv|json   output format (default: table)
  .maxrows N             rows shown per result in table mode (0: all; default 100)
  .read FILE             run the SQL of a file
  .reconnect             reopen the published warehouse (see a newer build)
  .help                  this list
  .quit                  leave (also .exit, or Ctrl-D)
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import duckdb

from impact_warehouse import sql
from impact_warehouse.warehouse import WarehouseError, open_read_only, published_path

PROMPT = "impact> "
CONTINUATION = "   ...> "
DEFAULT_MAX_ROWS = 100
SCHEMAS = ("marts", "intermediate", "staging", "main")
HELP = __doc__.split("Dot commands:\n", 1)[1]
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")


class Reconnect(Exception):
    """`.reconnect`: close this connection and open the published file again."""


class Quit(Exception):
    """`.quit`: leave the shell."""


@dataclass
class Session:
    con: duckdb.DuckDBPyConnection
    out: TextIO
    err: TextIO
    fmt: str = "table"
    max_rows: int = DEFAULT_MAX_ROWS
    buffer: list[str] = field(default_factory=list)
    failed: bool = False
    bail: bool = False

    def error(self, message: str) -> None:
        self.err.write(f"error: {message}\n")
        self.failed = True

    def run_sql(self, text: str) -> None:
        ok = sql.run_text(
            self.con,
            text,
            fmt=self.fmt,
            max_rows=self.max_rows if self.fmt == "table" else None,
            out=self.out,
            err=self.err,
            bail=False,
        )
        if not ok:
            self.failed = True
            if self.bail:
                raise Quit

    def feed(self, line: str) -> None:
        """One input line: a dot command (outside a statement) or SQL."""
        if not self.buffer and line.lstrip().startswith("."):
            self.dot(line.strip())
            if self.failed and self.bail:
                raise Quit
            return
        self.buffer.append(line)
        statements, rest = sql.split_statements("\n".join(self.buffer))
        if statements:
            self.buffer = [rest] if sql.has_code(rest) else []
            self.run_sql(";\n".join(statements) + ";")
            if rest.strip().startswith("."):  # `select 1; .mode csv` on one line
                self.buffer = []
                self.dot(rest.strip())
        elif not sql.has_code(rest) and "/*" not in rest:
            self.buffer = []  # blank or comment lines only

    def finish(self) -> None:
        """End of input: run a last statement that lacks its `;`."""
        rest = "\n".join(self.buffer)
        self.buffer = []
        if sql.has_code(rest):
            self.run_sql(rest)

    @property
    def in_statement(self) -> bool:
        return bool(self.buffer)

    # dot commands -------------------------------------------------------------------------
    def dot(self, line: str) -> None:
        try:
            words = shlex.split(line)
        except ValueError as error:
            self.error(f"{line}: {error}")
            return
        command, arguments = words[0], words[1:]
        handler = {
            ".help": self.dot_help,
            ".tables": self.dot_tables,
            ".describe": self.dot_describe,
            ".schema": self.dot_describe,
            ".mode": self.dot_mode,
            ".maxrows": self.dot_maxrows,
            ".read": self.dot_read,
            ".reconnect": self.dot_reconnect,
            ".quit": self.dot_quit,
            ".exit": self.dot_quit,
        }.get(command)
        if handler is None:
            self.error(f"unknown command {command} (.help lists the commands)")
            return
        handler(arguments)

    def dot_help(self, arguments: list[str]) -> None:
        self.out.write(HELP)

    def dot_quit(self, arguments: list[str]) -> None:
        raise Quit

    def dot_reconnect(self, arguments: list[str]) -> None:
        raise Reconnect

    def dot_tables(self, arguments: list[str]) -> None:
        if len(arguments) > 1:
            self.error(".tables takes at most one schema name (or all)")
            return
        schema = arguments[0] if arguments else "marts"
        if schema == "all":
            where, params = "table_schema in (" + ", ".join("?" for _ in SCHEMAS) + ")", [*SCHEMAS]
        else:
            where, params = "table_schema = ?", [schema]
        rows = self.con.execute(
            "select table_schema as schema, table_name as name, "
            "case table_type when 'BASE TABLE' then 'table' else lower(table_type) end as kind "
            f"from information_schema.tables where {where} "
            "order by case table_schema when 'marts' then 0 when 'intermediate' then 1 "
            "when 'staging' then 2 else 3 end, table_name",
            params,
        ).fetchall()
        if not rows:
            self.error(f"no relation in schema {schema!r} (schemas: {', '.join(SCHEMAS)}, all)")
            return
        self.out.write(
            sql.format_table(sql.Result(["schema", "name", "kind"], [tuple(r) for r in rows]))
        )

    def dot_describe(self, arguments: list[str]) -> None:
        if len(arguments) != 1 or not NAME.match(arguments[0]):
            self.error(".describe takes one relation name, e.g. .describe impact_indicators")
            return
        schema, _, name = arguments[0].rpartition(".")
        schemas = [schema] if schema else ["marts", "main", "intermediate", "staging"]
        for candidate in schemas:
            rows = self.con.execute(
                "select column_name, data_type, is_nullable from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position",
                [candidate, name],
            ).fetchall()
            if rows:
                self.out.write(f"{candidate}.{name}\n")
                self.out.write(
                    sql.format_table(
                        sql.Result(["column", "type", "nullable"], [tuple(r) for r in rows])
                    )
                )
                return
        self.error(f"no relation named {arguments[0]} (.tables all lists them)")

    def dot_mode(self, arguments: list[str]) -> None:
        if not arguments:
            self.out.write(f"{self.fmt}\n")
            return
        if len(arguments) != 1 or arguments[0] not in sql.FORMATS:
            self.error(f".mode takes one of: {', '.join(sql.FORMATS)}")
            return
        self.fmt = arguments[0]

    def dot_maxrows(self, arguments: list[str]) -> None:
        if not arguments:
            self.out.write(f"{self.max_rows}\n")
            return
        if len(arguments) != 1 or not arguments[0].isdigit():
            self.error(".maxrows takes a number of rows (0 shows every row)")
            return
        self.max_rows = int(arguments[0])

    def dot_read(self, arguments: list[str]) -> None:
        if len(arguments) != 1:
            self.error(".read takes one file name")
            return
        try:
            text = Path(arguments[0]).read_text(encoding="utf-8")
        except OSError as error:
            self.error(f"cannot read {arguments[0]}: {error.strerror or error}")
            return
        self.run_sql(text)


def history_file() -> Path:
    return Path(os.environ.get("IMPACT_SHELL_HISTORY") or Path.home() / ".impact_warehouse_history")


def _completion_words(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select distinct table_name from information_schema.tables "
        "union select distinct column_name from information_schema.columns "
        "union select distinct table_schema from information_schema.tables"
    ).fetchall()
    keywords = (
        "select from where group by order limit and or not null is distinct with as join "
        "left on case when then else end count sum avg min max round having"
    ).split()
    dots = [".tables", ".describe", ".schema", ".mode", ".maxrows", ".read", ".reconnect"]
    return sorted({row[0] for row in rows} | set(keywords) | set(dots) | {".help", ".quit"})


class _Readline:
    """readline for an interactive terminal: history file and tab completion."""

    def __init__(self) -> None:
        import readline

        self.readline = readline
        self.path = history_file()
        self.words: list[str] = []
        try:
            readline.read_history_file(self.path)
        except OSError:
            pass
        readline.set_history_length(1000)
        readline.set_completer_delims(" \t\n,()=<>;'\"")
        readline.set_completer(self.complete)
        libedit = "libedit" in (readline.__doc__ or "")
        readline.parse_and_bind("bind ^I rl_complete" if libedit else "tab: complete")

    def complete(self, text: str, state: int) -> str | None:
        matches = [word for word in self.words if word.startswith(text)]
        return matches[state] if state < len(matches) else None

    def save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.readline.write_history_file(self.path)
        except OSError:
            pass


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--duckdb-path",
        default=None,
        help="warehouse file (default: $IMPACT_DUCKDB_PATH or warehouse/impact.duckdb)",
    )
    parser.add_argument(
        "--bail",
        action="store_true",
        help="stop at the first failing statement (for piped input)",
    )


def repl(
    path: Path,
    *,
    stdin: TextIO,
    out: TextIO,
    err: TextIO,
    interactive: bool,
    bail: bool = False,
) -> int:
    """Read statements from `stdin` until the end or `.quit`; the exit status."""
    editor = _Readline() if interactive else None
    state = {"fmt": "table", "max_rows": DEFAULT_MAX_ROWS}
    failed = False
    greeted = False
    try:
        while True:
            with open_read_only(path) as con:
                sql.connect_settings(con)
                session = Session(con, out, err, fmt=state["fmt"], max_rows=state["max_rows"])
                session.bail = bail
                if editor is not None:
                    editor.words = _completion_words(con)
                if interactive and not greeted:
                    greeted = True
                    out.write(
                        f"Impact warehouse {path} (read-only). Unqualified names are looked up "
                        "in marts.\n.help lists the commands, .quit leaves.\n"
                    )
                try:
                    _loop(session, stdin, interactive)
                except Reconnect:
                    state = {"fmt": session.fmt, "max_rows": session.max_rows}
                    failed = failed or session.failed
                    continue
                except Quit:
                    pass
                failed = failed or session.failed
                break
    finally:
        if editor is not None:
            editor.save()
    return 1 if failed else 0


def _loop(session: Session, stdin: TextIO, interactive: bool) -> None:
    while True:
        if interactive:
            try:
                line = input(CONTINUATION if session.in_statement else PROMPT)
            except EOFError:
                session.out.write("\n")
                session.finish()
                raise Quit from None
            except KeyboardInterrupt:
                session.out.write("^C\n")
                session.buffer = []
                continue
        else:
            line = stdin.readline()
            if not line:
                session.finish()
                raise Quit
            line = line.rstrip("\n")
        try:
            session.feed(line)
        except duckdb.Error as error:
            session.error(str(error))
        except KeyboardInterrupt:
            session.con.interrupt()
            session.out.write("interrupted\n")
            session.buffer = []


def run(args: argparse.Namespace) -> int:
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    try:
        return repl(
            published_path(args.duckdb_path),
            stdin=sys.stdin,
            out=sys.stdout,
            err=sys.stderr,
            interactive=interactive,
            bail=args.bail,
        )
    except WarehouseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
