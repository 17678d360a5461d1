"""Enrolment traps: a student's second enrolment later the same year (M-DEM-1: its profile
is ignored for demographics, it counts in its cohort) and the counts of the graduation-day
edges drawn by populations.enrollments (M-GRA-2 on the day / one day late, M-GRA-5 exactly
150% / one day past, M-GRA-4 overdue still active)."""

from __future__ import annotations

from collections import Counter

import numpy as np

from ..model import F_EMPLOYER, NULL, P_END, uniform_int, year_start
from ..populations import paths
from ..timeutil import year_of_day
from ..world import Cols, Sim, cat


def second_enrolment_same_year(sim: Sim, e: Cols) -> Cols:
    """600 (scale 1.0) students get an employer enrolment later in their start year."""
    rng = sim.rng
    first = np.flatnonzero(~e["cancelled"])
    yr = year_of_day(e["start"][first])
    room = year_start(yr + 1) - 1 - e["start"][first]
    room = np.minimum(room, P_END - e["start"][first])
    cand = first[room >= 2]
    k2 = min(len(cand), max(1, sim.n(600)))
    sec = rng.permutation(cand)[:k2]
    s2 = e["start"][sec] + uniform_int(
        rng,
        np.ones(k2),
        np.minimum(year_start(year_of_day(e["start"][sec]) + 1) - 1, P_END) - e["start"][sec],
    )
    second = {
        "user": e["user"][sec],
        "path": paths.pick_paths(sim, s2),
        "app": np.full(k2, NULL, np.int64),
        "funding": np.full(k2, F_EMPLOYER),
        "start": s2,
        "cancelled": np.zeros(k2, bool),
    }
    sim.traps[
        "M-DEM-1: second enrolment of a student later the same year (its profile is ignored)"
    ] = k2
    return cat([e, second])


def count_graduation_edges(traps: Counter, cats, grad, s, x, status) -> None:
    length = x - s
    half = length // 2
    done = grad != NULL
    traps["M-GRA-2: graduated exactly on expected_end_on"] += int(((cats == 0) & (grad == x)).sum())
    traps["M-GRA-2: graduated one day after expected_end_on"] += int((grad == x + 1).sum())
    traps["M-GRA-5: graduated exactly at 150% of planned days"] += int(
        (done & (2 * (grad - s) == 3 * length)).sum()
    )
    traps["M-GRA-5: graduated one day past 150%"] += int(
        (done & (grad - x == half + 1) & (length % 2 == 0)).sum()
    )
    traps["M-GRA-4: overdue enrolment still active"] += int((status == "active").sum())
