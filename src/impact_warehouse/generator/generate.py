"""Orchestration: simulate, write the exports, recount the truth, write the manifest."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

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
from .truth import check_design, compute_truth
from .world import assign_ids

DEFAULT_SEED = 20231231
MANIFEST = "_generator_manifest.json"
CSV_WRITERS = [paths, accounts, applications, enrollments, profiles, addresses, job_outcomes,
               declarations]  # fmt: skip


def generate(
    out: Path,
    scale: float = 0.1,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str], None] = progress_to_stderr,
) -> dict:
    """Write the nine exports and `_generator_manifest.json` under `out`; return the manifest."""
    if scale < 0.02:
        raise ValueError("scale must be at least 0.02 (smaller populations cannot hit the quotas)")
    out = Path(out)
    for export in EXPORTS:  # a clean slate for our folders only
        if (out / export).exists():
            shutil.rmtree(out / export)
    out.mkdir(parents=True, exist_ok=True)
    progress(f"simulating scale={scale} seed={seed}")
    world, rng = simulate(scale, seed)
    assign_ids(world)
    files = ExportFiles(out, rng, progress, world.traps)
    for population in CSV_WRITERS:
        population.write(files, world)
    reach = logins.write(files, world)
    progress("computing the truth (METHODOLOGY.md rules on the generated records)")
    truth = compute_truth(world, reach)
    check_design(world, truth)
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
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    progress(f"done: {sum(manifest['row_counts'].values()):,} rows in {out}")
    return manifest
