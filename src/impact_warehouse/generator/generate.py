"""Orchestration: simulate, write the exports, recount the truth, write the truth file and
the synthetic marker.

Two files in the output root, with different readers:
- `_synthetic.json` (MARKER) says what the folder is: synthetic exports, by which generator
  version, scale and seed, and which exports. No figures, no timestamps: the warehouse may
  read it (to label a warehouse built from synthetic exports).
- `_generator_manifest.json` (MANIFEST) is the test oracle: row counts, trap counts and the
  by-construction truth of every indicator. The warehouse must never read it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from impact_warehouse import __version__

from .exports import EXPORTS
from .files import ExportFiles, progress_to_stderr
from .populations import (
    accounts,
    addresses,
    applications,
    declarations,
    enrollments,
    job_outcomes,
    logins,
    paths,
    profiles,
)
from .simulate import simulate
from .truth import check_design, compute_truth, group_truth
from .world import assign_ids

DEFAULT_SEED = 20231231
MANIFEST = "_generator_manifest.json"  # the truth: tests only, never the warehouse
MARKER = "_synthetic.json"  # what the warehouse may read: synthetic, version, scale, seed
GENERATOR = "impact_warehouse.generator"
CSV_WRITERS = [paths, accounts, applications, enrollments, profiles, addresses, job_outcomes,
               declarations]  # fmt: skip


def generate(
    out: Path,
    scale: float = 0.1,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str], None] = progress_to_stderr,
) -> dict:
    """Write the nine exports, `_generator_manifest.json` and `_synthetic.json` under `out`;
    return the manifest."""
    if scale < 0.02:
        raise ValueError("scale must be at least 0.02 (smaller populations cannot hit the quotas)")
    out = Path(out)
    refuse_foreign_exports(out)
    for export in EXPORTS:  # a clean slate for our folders and files only
        if (out / export).exists():
            shutil.rmtree(out / export)
    for name in (MARKER, MANIFEST):  # written last: a failed run leaves neither
        (out / name).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    progress(f"simulating scale={scale} seed={seed}")
    world, rng = simulate(scale, seed)
    assign_ids(world)
    files = ExportFiles(out, rng, progress, world.traps)
    for population in CSV_WRITERS:
        population.write(files, world)
    reach = logins.write(files, world)
    progress("computing the truth (docs/methodology.md rules on the generated records)")
    truth = compute_truth(world, reach)
    check_design(world, truth)
    part_2 = group_truth(world)
    manifest = {
        "parameters": {
            "scale": scale,
            "seed": seed,
            "simulated_period": ["2019-01-01", "2024-06-30"],
            "export_dates": ["2024-01-01", "2024-07-01"],
            "years": [2019, 2024],
        },
        "row_counts": {k: files.row_counts[k] for k in EXPORTS},
        "file_rows": dict(sorted(files.file_rows.items())),
        "traps": dict(sorted(world.traps.items())),
        "truth": truth,
        # Part 2 (issue 11): unsuppressed, as int_indicators_computed and the marts read
        "truth_by_group": part_2["by_group"],
        "truth_benchmarks": part_2["benchmarks"],
        "truth_outcomes": part_2["outcomes"],
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    (out / MARKER).write_text(json.dumps(marker(scale, seed), indent=1) + "\n")
    progress(f"done: {sum(manifest['row_counts'].values()):,} rows in {out}")
    return manifest


class ForeignExportsError(ValueError):
    """The output folder holds exports this generator did not write."""


def refuse_foreign_exports(out: Path) -> None:
    """C-5: a folder holding export folders that this generator did not write (no marker,
    no manifest) may be a user's real exports: never delete or overwrite them."""
    if (out / MARKER).exists() or (out / MANIFEST).exists():
        return
    found = [export for export in EXPORTS if (out / export).exists()]
    if found:
        raise ForeignExportsError(
            f"{out} holds export folders not written by the generator (no {MARKER}): "
            f"{', '.join(found)}; refusing to overwrite them, choose an empty folder"
        )


def marker(scale: float, seed: int) -> dict:
    """The content of `_synthetic.json`: deterministic, no figures, no timestamps."""
    return {
        "generator": GENERATOR,
        "version": __version__,
        "scale": float(scale),
        "seed": int(seed),
        "exports": list(EXPORTS),
    }
