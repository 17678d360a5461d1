"""Generate the documentation site from the published warehouse, and say on its overview
what that warehouse is.

    impact-warehouse docs            # what `make docs-generate` runs

runs `dbt docs generate` on a private copy of the published warehouse (as
`impact-warehouse snapshot -- dbt docs generate`, so that readers never block it), then
puts a short paragraph at the top of the site's overview page (the `__overview__` doc of
`target/manifest.json`, which `dbt docs serve` shows): the report date, whether the
figures come from SYNTHETIC exports (with the generator's scale and seed), the edition the
warehouse reproduces and the restatements since, all read from `marts.warehouse_info` and
`marts.restatements` (issue 8 item 4, G-11, G-12). A doc block cannot hold these: dbt
renders the project's text, not the data, and the same project serves every warehouse.

A warehouse without `marts.warehouse_info` (built before it existed) gets a paragraph
that says so, never a silent omission.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import duckdb

from impact_warehouse.dbtrun import PROJECT_DIR
from impact_warehouse.editions import edition_lines, synthetic_label
from impact_warehouse.snapshot import run_on_snapshot
from impact_warehouse.warehouse import WarehouseError, open_read_only, published_path

OVERVIEW = "doc.impact_warehouse.__overview__"
# the overview as dbt wrote it, kept beside it so that labelling again replaces the label
ORIGINAL = "impact_warehouse_original_block_contents"


def describe(published: Path) -> list[str]:
    """Markdown lines about the published warehouse: report date, synthetic, edition."""
    with open_read_only(published) as con:
        try:
            info = con.execute("select report_date from marts.warehouse_info").fetchone()
        except duckdb.CatalogException:
            return [
                f"**This site was generated from {published.name}, which has no "
                "`marts.warehouse_info`** (built before it existed): rebuild it "
                "(`make build`) to see its report date, whether its exports are synthetic "
                "and which edition it reproduces."
            ]
        synthetic = synthetic_label(con)
        edition = edition_lines(con)
    lines = [f"**This warehouse:** figures as of {info[0]} (report date, G-8)."]
    if synthetic:
        lines.append(f"**{synthetic}**")
    else:
        lines.append("Built from the platform's exports (not synthetic).")
    lines += [_sentence(line.strip()) for line in edition]
    return lines


def _sentence(line: str) -> str:
    """`edition: none frozen yet` as a sentence of its own: `Edition: none frozen yet`."""
    return line[:1].upper() + line[1:]


def label_overview(manifest_path: Path, lines: list[str]) -> None:
    """Put `lines` (one paragraph each) at the top of the overview doc of the manifest,
    replacing a paragraph an earlier run put there."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    doc = manifest.get("docs", {}).get(OVERVIEW)
    if doc is None:
        raise WarehouseError(f"{manifest_path} has no {OVERVIEW} (the project's overview block)")
    body = doc.setdefault(ORIGINAL, doc["block_contents"])
    paragraph = "\n\n".join(lines)
    doc["block_contents"] = f"{paragraph}\n\n---\n\n{body}"
    temporary = manifest_path.with_name(manifest_path.name + ".labelling")
    temporary.write_text(json.dumps(manifest), encoding="utf-8")
    os.replace(temporary, manifest_path)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--duckdb-path",
        default=None,
        help="published warehouse file (default: $IMPACT_DUCKDB_PATH or warehouse/impact.duckdb)",
    )


def run(args: argparse.Namespace) -> int:
    try:
        published = published_path(args.duckdb_path).resolve()
        target = Path(os.environ.get("DBT_TARGET_PATH") or PROJECT_DIR / "target").resolve()
        command = ["dbt", "docs", "generate", "--project-dir", str(PROJECT_DIR)]
        command += ["--profiles-dir", str(PROJECT_DIR), "--target-path", str(target)]
        status = run_on_snapshot(published, command)
        if status != 0:
            return status
        lines = describe(published)
        label_overview(target / "manifest.json", lines)
    except (WarehouseError, duckdb.Error) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("docs overview: " + " ".join(lines))
    return 0
