"""Orchestration: simulate, write the exports, recount the truth, write the manifest."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from .simulate import simulate
from .truth import check_design, compute_truth
from .writer import Writer, progress_to_stderr

EXPORTS = [
    "users",
    "paths",
    "applications",
    "enrollments",
    "student_profiles",
    "addresses",
    "job_outcomes",
    "career_outcome_declarations",
    "logins",
]
DEFAULT_SEED = 20231231
MANIFEST = "_generator_manifest.json"


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
    writer = Writer(world, out, rng, progress)
    writer.assign_ids()
    writer.paths()
    writer.users()
    writer.applications()
    writer.enrollments()
    writer.profiles()
    writer.addresses()
    writer.responses()
    writer.declarations()
    logins = writer.logins()
    progress("computing the truth (METHODOLOGY.md rules on the generated records)")
    truth = compute_truth(world, logins)
    check_design(world, truth)
    manifest = {
        "parameters": {
            "scale": scale,
            "seed": seed,
            "simulated_period": ["2019-01-01", "2024-06-30"],
            "export_dates": ["2024-01-01", "2024-07-01"],
            "years": [2019, 2024],
        },
        "row_counts": {k: writer.row_counts[k] for k in EXPORTS},
        "file_rows": dict(sorted(writer.file_rows.items())),
        "traps": dict(sorted(world.traps.items())),
        "truth": truth,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    progress(f"done: {sum(manifest['row_counts'].values()):,} rows in {out}")
    return manifest
