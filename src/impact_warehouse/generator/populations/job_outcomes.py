"""Job outcomes (M-PLA): placed graduates by exact quota per graduation year (apprentices
apart), each with a qualifying response (a job started by the end of the 6-month window,
collected by June 30 of Y+1); the others answer job-seeking, training or inactive, say
`no_answer`, or give a response that must not count (traps.placement)."""

from __future__ import annotations

import numpy as np

from ..files import ExportFiles
from ..model import (
    APPRENTICE_PLACEMENT,
    F_APPRENTICE,
    F_PUBLIC,
    NULL,
    P_END,
    PLACEMENT,
    YEARS,
    k_of,
    quota,
    time_of_day,
    uniform_int,
)
from ..timeutil import add_months, at_paris, day, paris_day, year_of_day
from ..traps import encoding, older_files, placement, test_accounts
from ..world import Cols, Sim, World, cat

JOB_SITUATIONS = np.array(
    ["employed", "employed", "employed", "self_employed", "business_creation", "apprenticeship"],
    dtype=object,
)
NOT_PLACED = np.array(["job_seeking", "further_training", "inactive"], dtype=object)
CONTRACTS = np.array(["permanent", "fixed_term", "temporary"], dtype=object)
TITLES = np.array(
    ["Data analyst", "Développeur, full stack", 'Chef de projet "digital"',
     "Technicien support\nniveau 2", "UX designer", "Assistant RH"],
    dtype=object,
)  # fmt: skip
WITH_JOB = ["employed", "self_employed", "business_creation", "apprenticeship", "internship"]


def simulate(sim: Sim) -> None:
    e = sim.w.enrollments
    live = ~e["cancelled"] & ~np.isin(e["user"], sim.test_users)
    grads = np.flatnonzero(live & (e["grad"] != NULL))
    gy = year_of_day(e["grad"][grads])
    placed = _placed(sim, e, grads, gy)
    aug_p, aug_n = placement.graduated_august_31(sim, e, live, placed)
    rows: list[Cols] = []
    for y in YEARS:
        idx = grads[gy == y]
        pl = placed[idx]
        rows += _placed_responses(sim, e, idx, pl, y, aug_p)
        rows.append(_other_responses(sim, e, idx[~pl], y, aug_n))
    rows.append(placement.dropped_out_responses(sim, e, live))
    rows.append(test_accounts.responses(sim, e))
    r = cat(rows)
    r["user"] = e["user"][r["enr"]]
    sim.w.responses = r


def _placed(sim: Sim, e: Cols, grads, gy) -> np.ndarray:
    """Placed graduates: round(share * n) per graduation year, apprentices by their own rate."""
    placed = np.zeros(len(e["user"]), bool)
    sim.w.expected["placed"] = {}
    for y in YEARS:
        idx = grads[gy == y]
        app = idx[e["funding"][idx] == F_APPRENTICE]
        # small cohorts: drop apprentices (-> public funding) until some count k gives a
        # rate within 0.4 point of the target (exact quotas cannot do better than 1/2n)
        target = APPRENTICE_PLACEMENT[y]
        while y == 2023 and len(app) and abs(k_of(target, len(app)) / len(app) - target) > 0.004:
            e["funding"][app[-1]] = F_PUBLIC
            app = app[:-1]
            sim.traps["calibration: apprenticeship graduate switched to public funding"] += 1
        oth = idx[e["funding"][idx] != F_APPRENTICE]
        k_a = k_of(APPRENTICE_PLACEMENT[y], len(app))
        k_t = k_of(PLACEMENT[y], len(idx))
        k_o = min(max(k_t - k_a, 0), len(oth))
        placed[sim.rng.permutation(app)[:k_a]] = True
        placed[sim.rng.permutation(oth)[:k_o]] = True
        sim.w.expected["placed"][y] = (k_a + k_o, len(idx), k_a, len(app))
    return placed


def _placed_responses(sim: Sim, e: Cols, idx, pl, y: int, aug_p) -> list[Cols]:
    """One qualifying response per placed graduate, 25% after a job_seeking one. The dates
    are drawn for every graduate of the year (idx), the rows written for the placed (pl)."""
    rng = sim.rng
    cutoff = day(y + 1, 6, 30)  # M-PLA-4: responses by June 30 of Y+1
    last = min(cutoff, P_END)
    gd = e["grad"][idx]
    win = add_months(gd, 6)  # M-PLA-2: a job started by the end of the 6-month window
    n = len(idx)
    c = np.maximum(np.minimum(gd + rng.integers(0, 200, n), last), gd)
    js = uniform_int(rng, gd - 60, np.minimum(win, c))
    edges = placement.placed_edges(sim, y, idx, pl, aug_p, win, last, c, js)
    c_utc = at_paris(c, time_of_day(rng, n))
    placement.cutoff_edge_times(edges, c_utc, js, win, cutoff)
    placement.count_placed_edges(sim, edges, pl, js, gd)
    pi = np.flatnonzero(pl)
    answered = {
        "enr": idx[pi],
        "collected": c_utc[pi],
        "situation": JOB_SITUATIONS[rng.integers(0, 6, len(pi))],
        "job_start": js[pi],
        "zforce": np.zeros(len(pi), bool),
    }
    pre = pi[rng.random(len(pi)) < 0.25]
    seeking = {
        "enr": idx[pre],
        "collected": at_paris(gd[pre], time_of_day(rng, len(pre))),
        "situation": np.full(len(pre), "job_seeking", dtype=object),
        "job_start": np.full(len(pre), NULL, np.int64),
        "zforce": np.zeros(len(pre), bool),
    }
    return [answered, seeking]


def _other_responses(sim: Sim, e: Cols, idx, y: int, aug_n) -> Cols:
    """Graduates not placed: 40% job-seeking/training/inactive, 12% `no_answer`, 15% a
    response that must not count (internship, job after the window, too late), the rest
    nothing at all."""
    rng = sim.rng
    cutoff = day(y + 1, 6, 30)
    gd = e["grad"][idx]
    win = add_months(gd, 6)
    n = len(idx)
    cats = quota(rng, n, [0.40, 0.06, 0.05, 0.04, 0.12])
    is_aug_n = np.isin(idx, aug_n)
    cats[is_aug_n] = 2
    cn = np.minimum(gd + rng.integers(0, 200, n), min(cutoff, P_END))
    r = {
        "enr": idx,
        "collected": at_paris(cn, time_of_day(rng, n)),
        "situation": np.empty(n, dtype=object),
        "job_start": np.full(n, NULL, np.int64),
        "zforce": np.zeros(n, bool),
    }
    r["situation"][cats == 0] = NOT_PLACED[rng.integers(0, 3, int((cats == 0).sum()))]
    keep = placement.not_placed_decoys(sim, r, cats, gd, win, cutoff, is_aug_n)
    r["situation"][cats == 4] = "no_answer"
    keep &= cats <= 4
    if y == 2024:
        keep &= cats != 3
    placement.count_not_placed_decoys(sim, r, cats, keep, win, is_aug_n)
    return {k: v[keep] for k, v in r.items()}


def write(files: ExportFiles, w: World) -> None:
    r, rng = w.responses, files.rng
    r = {k: v[np.argsort(r["id"])] for k, v in r.items()}
    n = len(r["id"])
    s = r["situation"]
    contract = np.full(n, None, dtype=object)
    emp = s == "employed"
    contract[emp] = CONTRACTS[rng.integers(0, 3, int(emp.sum()))]
    contract[np.isin(s, ["self_employed", "business_creation"])] = "freelance"
    contract[s == "apprenticeship"] = "fixed_term"
    has_job = np.isin(s, WITH_JOB)
    title = np.where(has_job, TITLES[rng.integers(0, len(TITLES), n)], None)
    rel = np.where(has_job, rng.random(n) < 0.7, None)
    rel[rng.random(n) < 0.1] = None
    related = encoding.booleans(rng, rel)
    situation = encoding.messy(rng, s, 0.02)
    cols = {
        "response_id": r["id"],
        "enrollment_id": w.enrollments["id"][r["enr"]],
        "user_id": w.users["id"][r["user"]],
        "collected_at": r["collected"],
        "situation": situation,
        "contract_type": contract,
        "job_started_on": r["job_start"],
        "job_title": title,
        "related_to_path": related,
    }
    z = encoding.zmask(rng, n) | r["zforce"]
    older_files.append_only(
        files, "job_outcomes", paris_day(r["collected"]), cols, z, day(2023, 7, 1)
    )
    files.progress(f"job_outcomes: {n} responses")
