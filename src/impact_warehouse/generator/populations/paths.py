"""Training paths: 80 paths over the 13 domains (48 Tech), 3 retired at the end of 2020."""

from __future__ import annotations

import numpy as np

from ..exports import NEW_FILE, OLD_FILE
from ..files import ExportFiles
from ..model import DOMAINS, NULL, TECH_DOMAINS, time_of_day, uniform_int
from ..timeutil import at_paris, day
from ..traps import encoding, older_files
from ..world import Sim, World

JOBS = np.array(
    [
        "Analyst",
        "Engineer",
        "Developer",
        "Manager",
        "Officer",
        "Specialist, junior",
        'Technician ("Pro")',
        "Consultant",
    ],
    dtype=object,
)


def simulate(sim: Sim) -> None:
    rng = sim.rng
    n = 80
    tech = np.r_[np.arange(48) % 7, 7 + np.arange(32) % 6]
    order = rng.permutation(n)
    dom = tech[order]
    names = np.array(
        [f"{DOMAINS[d]} {JOBS[i % len(JOBS)]}" for i, d in enumerate(dom)], dtype=object
    )
    duration = rng.choice([6, 12, 12, 18, 24, 24], n)
    rncp = rng.integers(3, 8, n).astype(np.int64)
    rncp[rng.permutation(n)[:8]] = NULL
    language = np.where(rng.random(n) < 0.85, "fr", "en").astype(object)
    launched = uniform_int(rng, np.full(n, day(2015, 1, 1)), np.full(n, day(2018, 12, 31)))
    retired = np.full(n, NULL, np.int64)
    retired_idx = np.flatnonzero(dom == 1)[:1].tolist() + np.flatnonzero(dom == 9)[:2].tolist()
    retired[retired_idx] = day(2020, 12, 31)
    sim.w.paths = {
        "path_id": np.array([f"P{101 + i:04d}" for i in range(n)], dtype=object),
        "path_name": names,
        "domain": np.array([DOMAINS[d] for d in dom], dtype=object),
        "is_tech": np.array([DOMAINS[d] in TECH_DOMAINS for d in dom]),
        "rncp_level": rncp,
        "duration_months": duration.astype(np.int64),
        "language": language,
        "launched_on": launched,
        "retired_on": retired,
        "updated_at": at_paris(
            np.maximum(launched, day(2023, 1, 1)) + rng.integers(0, 300, n), time_of_day(rng, n)
        ),
    }
    sim.traps["paths: retired paths (retired_on set)"] = len(retired_idx)


def pick_paths(sim: Sim, start: np.ndarray) -> np.ndarray:
    """Path index per enrolment: ~70% Tech; retired paths only before their retirement."""
    rng = sim.rng
    p = sim.w.paths
    k = len(start)
    weight = np.where(p["is_tech"], 0.70 / p["is_tech"].sum(), 0.30 / (~p["is_tech"]).sum())
    out = rng.choice(len(weight), k, p=weight / weight.sum())
    open_w = np.where(p["retired_on"] == NULL, weight, 0.0)
    late = start > day(2020, 12, 31)
    out[late] = rng.choice(len(weight), int(late.sum()), p=open_w / open_w.sum())
    return out


def write(files: ExportFiles, w: World) -> None:
    p, rng = w.paths, files.rng
    n = len(p["path_id"])
    domain = encoding.messy(rng, p["domain"], 0.05)
    language = encoding.messy(rng, p["language"], 0.1)
    z = encoding.zmask(rng, n, 0.1)
    cols = {
        "path_id": p["path_id"],
        "path_name": p["path_name"],
        "domain": domain,
        "rncp_level": p["rncp_level"],
        "duration_months": p["duration_months"],
        "language": language,
        "launched_on": p["launched_on"],
        "retired_on": p["retired_on"],
        "updated_at": p["updated_at"],
    }
    files.write("paths", OLD_FILE, older_files.paths(cols), z)
    files.write("paths", NEW_FILE, cols, z)
    files.progress(f"paths: {n} paths")
