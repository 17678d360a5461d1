"""M-PLA traps: the edges of the 6-month window (a job on its last day / the day after, the
month-end clamp of 2023-08-31 + 6 months = 2024-02-29), of the June 30 cut-off (23:59:59
Paris counts, 00:30 Paris July 1 written as 22:30Z does not), responses that are not a
placement (internships, jobs after the window, late responses) and responses outside every
cohort (dropped-out enrolments)."""

from __future__ import annotations

import numpy as np

from ..model import P_END, time_of_day, uniform_int
from ..timeutil import DAY, at_paris, day
from ..world import Cols, Sim


def graduated_august_31(sim: Sim, e: Cols, live, placed) -> tuple[np.ndarray, np.ndarray]:
    """Moves on-time 2023 graduates (placed and not) to 2023-08-31; returns both sets."""
    g = e["grad"]
    movable = np.flatnonzero(
        live
        & (e["status"] == "graduated")
        & (e["expected"] >= day(2023, 8, 31))
        & (e["expected"] <= day(2023, 12, 31))
        & (g <= e["expected"])
        & (g >= day(2023, 1, 1))
        & (e["start"] <= day(2023, 7, 31))
    )
    aug_p = sim.rng.permutation(movable[placed[movable]])[: sim.trap_n]
    aug_n = sim.rng.permutation(movable[~placed[movable]])[: sim.trap_n]
    for sel in (aug_p, aug_n):
        g[sel] = day(2023, 8, 31)
        e["ended"][sel] = day(2023, 8, 31)
    return aug_p, aug_n


def placed_edges(sim: Sim, y: int, idx, pl, aug_p, win, last, c, js) -> dict[str, np.ndarray]:
    """On the placed graduates of year y: 3% start their job exactly on the window end, the
    2023-08-31 graduates on 2024-02-29, and (2023) some answer at the cut-off's last second.
    Modifies the collection days c and job starts js in place; returns the masks."""
    rng = sim.rng
    n = len(idx)
    on_end = pl & (win <= last) & (rng.random(n) < 0.03)
    c[on_end] = uniform_int(rng, win[on_end], np.full(int(on_end.sum()), last))
    js[on_end] = win[on_end]
    aug = np.isin(idx, aug_p)
    js[aug] = day(2024, 2, 29)
    c[aug] = np.maximum(c[aug], day(2024, 3, 1))
    cutoff_edge = np.zeros(n, bool)
    if y == 2023:
        cutoff_edge[np.flatnonzero(pl & ~aug & ~on_end)[: sim.trap_n]] = True
    return {"on_end": on_end, "aug": aug, "cutoff_edge": cutoff_edge}


def cutoff_edge_times(edges: dict, c_utc, js, win, cutoff: int) -> None:
    """The cut-off edge answers at 23:59:59 Paris on June 30 (with a job in the window)."""
    ce = edges["cutoff_edge"]
    k = int(ce.sum())
    c_utc[ce] = at_paris(np.full(k, cutoff), np.full(k, DAY - 1))
    js[ce] = np.minimum(js[ce], np.minimum(win[ce], cutoff))


def count_placed_edges(sim: Sim, edges: dict, pl, js, gd) -> None:
    t = sim.traps
    t["M-PLA-4: qualifying response at 23:59:59 Paris on June 30 (counts)"] += int(
        edges["cutoff_edge"].sum()
    )
    t["M-PLA-2: job started exactly on the window end (placed)"] += int(edges["on_end"].sum())
    t["M-PLA-2: graduated 2023-08-31, job on 2024-02-29 (placed)"] += int(edges["aug"].sum())
    t["M-PLA-2: job started before graduation (placed)"] += int((pl & (js < gd)).sum())


def not_placed_decoys(sim: Sim, r: Cols, cats, gd, win, cutoff: int, is_aug_n) -> np.ndarray:
    """Responses of non-placed graduates that must not count: an internship in the window
    (category 1), a job starting after the window (2, the 2023-08-31 graduates on 2024-03-01),
    a qualifying job collected after the cut-off (3). Fills r in place; returns which rows
    are kept (late responses after the export date are not written)."""
    rng = sim.rng
    situ, jsn, z = r["situation"], r["job_start"], r["zforce"]
    m1 = cats == 1
    situ[m1] = "internship"
    jsn[m1] = uniform_int(rng, gd[m1], win[m1])
    m2 = cats == 2
    situ[m2] = "employed"
    k2 = int(m2.sum())
    jsn[m2] = win[m2] + np.where(rng.random(k2) < 0.3, 1, rng.integers(1, 60, k2))
    jsn[is_aug_n] = day(2024, 3, 1)
    m3 = cats == 3
    late_day = cutoff + 1 + rng.integers(0, 60, int(m3.sum()))
    late_day = np.where(late_day <= P_END + 1, late_day, cutoff + 1)
    situ[m3] = "employed"
    jsn[m3] = uniform_int(rng, gd[m3], win[m3])
    edge = late_day == cutoff + 1  # 00:30 Paris on July 1 written as 22:30Z June 30
    r["collected"][m3] = np.where(
        edge,
        at_paris(late_day, np.full(len(late_day), 1800)),
        at_paris(late_day, time_of_day(rng, len(late_day))),
    )
    z[m3] = edge
    drop3 = np.flatnonzero(m3)[late_day > P_END + 1]
    return ~np.isin(np.arange(len(cats)), drop3)


def count_not_placed_decoys(sim: Sim, r: Cols, cats, keep, win, is_aug_n) -> None:
    t = sim.traps
    m1, m2, m3 = cats == 1, cats == 2, cats == 3
    t["M-PLA-3: internship with a start date (not a job)"] += int((m1 & keep).sum())
    t["M-PLA-2: job started after the window end (not placed)"] += int((m2 & keep).sum())
    t["M-PLA-2: job started the day after the window end"] += int(
        (keep & m2 & (r["job_start"] == win + 1)).sum()
    )
    t["M-PLA-4: qualifying response collected after the cut-off"] += int((m3 & keep).sum())
    t["M-PLA-4: 00:30 Paris July 1 written as 22:30Z June 30 (too late)"] += int(
        (r["zforce"] & keep).sum()
    )
    t["M-PLA-2: graduated 2023-08-31, job on 2024-03-01 (not placed)"] += int(is_aug_n.sum())


def dropped_out_responses(sim: Sim, e: Cols, live) -> Cols:
    """5% of the dropped-out enrolments get a job response: outside every cohort (M-PLA-1)."""
    dr = np.flatnonzero(live & (e["status"] == "dropped_out"))
    dr = dr[sim.rng.random(len(dr)) < 0.05]
    cd = np.minimum(e["ended"][dr] + 30, P_END)
    sim.traps["M-PLA-1: response on a dropped-out enrolment"] = len(dr)
    return {
        "enr": dr,
        "collected": at_paris(cd, time_of_day(sim.rng, len(dr))),
        "situation": np.full(len(dr), "employed", dtype=object),
        "job_start": cd - 5,
        "zforce": np.zeros(len(dr), bool),
    }
