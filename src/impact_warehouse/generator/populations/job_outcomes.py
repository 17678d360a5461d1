"""Job outcomes (M-PLA, M-OUT): placed graduates by exact quota per graduation year
(apprentices apart), each with a qualifying response (a job started by the end of the
6-month window, collected by June 30 of Y+1); graduates placed within 12 months only
(M-PLA-6) by a second quota: a job started in months 6-12, or a qualifying response collected
July-December of Y+1; the others answer job-seeking, training or inactive, say `no_answer`,
or give a response that must not count (traps.placement). Who is placed follows the
enrolment's profile (model.PLACEMENT_WEIGHT), and whether a job is related to the path
follows who took it and when (model.RELATED)."""

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
    PLACEMENT_12M,
    PLACEMENT_WEIGHT,
    RELATED,
    YEARS,
    k_of,
    quota,
    time_of_day,
    uniform_int,
    weighted_order,
)
from ..timeutil import add_months, at_paris, day, paris_day, year_of_day
from ..traps import encoding, older_files, placement, test_accounts
from ..traps.placement import DRAW, LATE, MONTHS_6_12, NO_ANSWER, NOTHING, SEEKING
from ..world import Cols, Sim, World, cat
from . import profiles

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
    unemployed, low, unknown = profiles.obstacle_groups(sim.w)
    weight = np.ones(len(e["user"]))
    weight[unemployed] *= PLACEMENT_WEIGHT["unemployed"]
    weight[low] *= PLACEMENT_WEIGHT["low_qualification"]
    weight[unknown] *= PLACEMENT_WEIGHT["unknown"]
    placed = _placed(sim, e, grads, gy, weight)
    aug_p, aug_n = placement.graduated_august_31(sim, e, live, placed)
    placed_12m_only = _placed_12m_only(sim, grads, gy, placed, aug_n, weight)
    rows: list[Cols] = []
    sim.w.expected["placed_12m"] = {}
    for y in YEARS:
        idx = grads[gy == y]
        pl = placed[idx]
        rows += _placed_responses(sim, e, idx, pl, y, aug_p)
        other, written_12m = _other_responses(sim, e, idx[~pl], y, aug_n, placed_12m_only)
        rows += other
        sim.w.expected["placed_12m"][y] = int(pl.sum()) + written_12m
    rows.append(placement.dropped_out_responses(sim, e, live))
    rows.append(test_accounts.responses(sim, e))
    r = cat(rows)
    r["related"] = _related(sim, e, r, unemployed | low)
    r["user"] = e["user"][r["enr"]]
    sim.w.responses = r


def _placed(sim: Sim, e: Cols, grads, gy, weight) -> np.ndarray:
    """Placed graduates: round(share * n) per graduation year, apprentices by their own rate;
    within each quota, graduates are drawn with their placement weight."""
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
        placed[app[weighted_order(sim.rng, weight[app])[:k_a]]] = True
        placed[oth[weighted_order(sim.rng, weight[oth])[:k_o]]] = True
        sim.w.expected["placed"][y] = (k_a + k_o, len(idx), k_a, len(app))
    return placed


def _placed_12m_only(sim: Sim, grads, gy, placed, aug_n, weight) -> np.ndarray:
    """M-PLA-6: graduates placed within 12 months but not within 6, round(share * n) of the
    year minus the 6-month placed, drawn with their placement weight among the others; the
    2023-08-31 graduates whose job starts the day after the window are among them."""
    only = np.zeros(len(placed), bool)
    for y in YEARS:
        idx = grads[gy == y]
        rest = idx[~placed[idx]]
        k = min(max(k_of(PLACEMENT_12M[y], len(idx)) - int(placed[idx].sum()), 0), len(rest))
        forced = rest[np.isin(rest, aug_n)]
        free = rest[~np.isin(rest, aug_n)]
        only[forced] = True
        only[free[weighted_order(sim.rng, weight[free])[: max(k - len(forced), 0)]]] = True
    return only


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
        "related": np.full(len(pi), DRAW, dtype=object),
    }
    pre = pi[rng.random(len(pi)) < 0.25]
    seeking = {
        "enr": idx[pre],
        "collected": at_paris(gd[pre], time_of_day(rng, len(pre))),
        "situation": np.full(len(pre), "job_seeking", dtype=object),
        "job_start": np.full(len(pre), NULL, np.int64),
        "zforce": np.zeros(len(pre), bool),
        "related": np.full(len(pre), None, dtype=object),
    }
    precedence = placement.placed_precedence(sim, y, answered, win[pi], gd[pi])
    return [answered, seeking, *precedence]


def _other_responses(sim: Sim, e: Cols, idx, y: int, aug_n, placed_12m_only):
    """Graduates not placed at six months. Those placed within 12 months only: two thirds
    with a job started in months 6-12 (40% of them answering July-December of Y+1), one
    third with a job in the window whose response came July-December of Y+1 (too late for
    M-PLA-4). The others: 42% job-seeking/training/inactive, 6% an internship, 3% a job
    after the twelve-month window, 1% a job without a start date, 13% `no_answer`, the rest
    nothing. Responses collected after the export date are not written. Returns the rows
    and how many graduates of the year a written response places within 12 months only."""
    rng = sim.rng
    cutoff, cutoff_12m = day(y + 1, 6, 30), day(y + 1, 12, 31)
    gd = e["grad"][idx]
    win, win_12m = add_months(gd, 6), add_months(gd, 12)
    n = len(idx)
    only = placed_12m_only[idx]
    cats = quota(rng, n, [0.42, 0.06, 0.03, 0.01, 0.13])
    late = rng.random(n) < 1 / 3
    cats[only] = np.where(late[only], LATE, MONTHS_6_12)
    is_aug_n = np.isin(idx, aug_n)
    cats[is_aug_n] = MONTHS_6_12
    cn = np.minimum(gd + rng.integers(0, 200, n), min(cutoff, P_END))
    r = {
        "enr": idx,
        "collected": at_paris(cn, time_of_day(rng, n)),
        "situation": np.empty(n, dtype=object),
        "job_start": np.full(n, NULL, np.int64),
        "zforce": np.zeros(n, bool),
        "related": np.full(n, DRAW, dtype=object),
    }
    seeking = cats == SEEKING
    r["situation"][seeking] = NOT_PLACED[rng.integers(0, 3, int(seeking.sum()))]
    keep = placement.not_placed_decoys(sim, r, cats, gd, win, win_12m, cutoff, cutoff_12m, is_aug_n)
    r["situation"][cats == NO_ANSWER] = "no_answer"
    keep &= cats != NOTHING
    placement.count_not_placed_decoys(sim, r, cats, keep, win, win_12m, cutoff, is_aug_n)
    written_12m = int((keep & np.isin(cats, [MONTHS_6_12, LATE])).sum())
    rows = {k: v[keep] for k, v in r.items()}
    extra = placement.other_precedence(sim, y, rows, cats[keep], cutoff)
    too_late = placement.after_the_12m_cutoff(sim, y, idx[cats == NOTHING])
    return [rows, *extra, too_late], written_12m


def _related(sim: Sim, e: Cols, r: Cols, obstacle: np.ndarray) -> np.ndarray:
    """related_to_path of the job and internship responses still to draw (model.RELATED):
    by whether the graduate was unemployed or low-qualified at enrolment, and whether the
    job started after the six-month window; empty for the other situations."""
    rng = sim.rng
    n = len(r["enr"])
    rel = r["related"].copy()
    pending = np.array([isinstance(v, str) and v == DRAW for v in rel], bool)
    draw = pending & np.isin(r["situation"], WITH_JOB)
    grad = e["grad"][r["enr"]]
    win = add_months(np.where(grad != NULL, grad, 0), 6)
    after = (grad != NULL) & (r["job_start"] != NULL) & (r["job_start"] > win)
    kind = np.where(after, "after_window", np.where(obstacle[r["enr"]], "obstacle", "base"))
    u = rng.random(n)
    p_true = np.array([RELATED[k][0] for k in kind])
    p_false = np.array([RELATED[k][1] for k in kind])
    drawn = np.where(u < p_true, True, np.where(u < p_true + p_false, False, None))
    rel[draw] = drawn[draw]
    rel[pending & ~draw] = None
    return rel


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
    related = encoding.booleans(rng, r["related"])
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
