"""Command-line entry point: `impact-warehouse <command>` or `python -m impact_warehouse`.

Each sub-command lives in its own module and registers its arguments through
`add_arguments(parser)` and runs through `run(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# command name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "generate": (
        "impact_warehouse.generator.cli",
        "write synthetic platform exports (the docs/input-contract.md contract)",
    ),
    "sample": (
        "impact_warehouse.exports",
        "generate the project's synthetic sample exports into data/sample/",
    ),
    "build": (
        "impact_warehouse.build",
        "dbt build into a new file, publish it atomically, print the headline",
    ),
    "headline": (
        "impact_warehouse.headline",
        "print the 2022 and 2023 figures beside the published ones",
    ),
    "edition": (
        "impact_warehouse.editions",
        "freeze, list, show an edition; approve restatements (G-11, G-12)",
    ),
    "report": (
        "impact_warehouse.report",
        "render the impact report (English, French, PDF) and the reconciliation page",
    ),
    "bench": (
        "impact_warehouse.bench",
        "full build, new-month refresh and floor at several scales",
    ),
    "sql": ("impact_warehouse.sql", "run SQL on the published warehouse, read-only"),
    "shell": ("impact_warehouse.shell", "interactive read-only SQL shell on the warehouse"),
    "snapshot": ("impact_warehouse.snapshot", "run dbt/mf on a private copy of the warehouse"),
    "docs": (
        "impact_warehouse.docsite",
        "generate the docs site from the published warehouse, labelled with what it is",
    ),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the chosen command's module is imported (fast start-up)."""
    parser = argparse.ArgumentParser(
        prog="impact-warehouse",
        description=(
            "Tooling for the impact warehouse: generate sample exports, build and "
            "publish the DuckDB warehouse, render the impact report, benchmark."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text)
        if name == command:
            module = importlib.import_module(module_name)
            command_parser.description = module.__doc__
            command_parser.formatter_class = argparse.RawDescriptionHelpFormatter
            module.add_arguments(command_parser)
            command_parser.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    args = build_parser(command if command in COMMANDS else None).parse_args(argv)
    return int(args._run(args) or 0)
