"""M-PLA and M-OUT traps: the edges of the 6-month window (a job on its last day / the day
after, the month-end clamp of 2023-08-31 + 6 months = 2024-02-29), of the June 30 cut-off
(23:59:59 Paris counts, 00:30 Paris July 1 written as 22:30Z does not), responses that are
not a placement (internships, jobs after the window, late responses), the 12-month horizon
(jobs in months 6-12, responses collected July-December of Y+1, the edges of its window and
of its December 31 cut-off), graduates with several responses across the M-OUT-1
precedence, and responses outside every cohort (dropped-out enrolments)."""

from __future__ import annotations

import numpy as np

from ..model import NULL, P_END, time_of_day, uniform_int
from ..timeutil import DAY, add_months, at_paris, day, paris_day
from ..world import Cols, Sim

# what the responses of a graduate not placed at six months say
# (populations.job_outcomes._other_responses)
SEEKING, INTERNSHIP, AFTER_12M, NO_START, NO_ANSWER, NOTHING, MONTHS_6_12, LATE = range(8)
DRAW = "draw"  # related_to_path still to be drawn (populations.job_outcomes._related)


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


def not_placed_decoys(
    sim: Sim, r: Cols, cats, gd, win, win_12m, cutoff: int, cutoff_12m: int, is_aug_n
) -> np.ndarray:
    """Responses of graduates not placed at six months (categories of
    populations.job_outcomes), filled in place: an internship in the window (INTERNSHIP),
    a job after the twelve-month window (AFTER_12M, 30% the day after it), a job without a
    start date (NO_START); for the placed within 12 months only, a job started in months
    6-12 (MONTHS_6_12: 30% the day after the six-month window, 5% on the twelve-month window
    end, the 2023-08-31 graduates on 2024-03-01; 40% answering July-December of Y+1) or a
    job in the window whose response came July-December of Y+1 (LATE: one in six the day
    after the cut-off at 00:30 Paris, written as 22:30Z June 30; a few at 23:59:59 Paris on
    December 31). Returns which rows are kept (nothing collected after the export date)."""

    rng = sim.rng
    n = len(cats)
    situ, jsn, z = r["situation"], r["job_start"], r["zforce"]
    m = cats == INTERNSHIP
    situ[m] = "internship"
    jsn[m] = uniform_int(rng, gd[m], win[m])
    m = cats == AFTER_12M
    situ[m] = "employed"
    k = int(m.sum())
    jsn[m] = win_12m[m] + np.where(rng.random(k) < 0.3, 1, rng.integers(1, 90, k))
    situ[cats == NO_START] = "employed"
    # M-PLA-6: a job started in months 6-12
    m = cats == MONTHS_6_12
    situ[m] = "employed"
    u = rng.random(n)
    jsn[m] = uniform_int(rng, win[m] + 1, win_12m[m])
    jsn[m & (u < 0.3)] = win[m & (u < 0.3)] + 1
    on_end = m & (u > 0.95)
    on_end[np.flatnonzero(m & (u >= 0.3))[: sim.trap_n]] = True
    jsn[on_end] = win_12m[on_end]
    jsn[is_aug_n] = day(2024, 3, 1)
    late_answer = m & (rng.random(n) < 0.4) & ~is_aug_n
    # M-PLA-4 / M-PLA-6: a response collected July 1 - December 31 of Y+1
    m = (cats == LATE) | late_answer
    situ[cats == LATE] = "employed"
    jsn[cats == LATE] = uniform_int(rng, gd[cats == LATE] - 30, win[cats == LATE])
    late_day = cutoff + 1 + rng.integers(0, cutoff_12m - cutoff, n)
    edge = (cats == LATE) & (rng.random(n) < 1 / 6)
    late_day[edge] = cutoff + 1
    secs = np.where(edge, 1800, time_of_day(rng, n))
    last_second = (cats == LATE) & ~edge & (rng.random(n) < 0.05)
    last_second[np.flatnonzero((cats == LATE) & ~edge)[: sim.trap_n]] = True
    late_day[last_second] = cutoff_12m
    secs[last_second] = DAY - 1
    r["collected"][m] = at_paris(late_day[m], secs[m])
    z[m] = edge[m]
    r["late"] = m & (cats == LATE)
    r["last_second"] = m & last_second
    # the export holds what was collected by July 1 2024 (00:30 on the day included)
    return ~(m & (late_day > P_END + 1))


def count_not_placed_decoys(sim: Sim, r: Cols, cats, keep, win, win_12m, cutoff, is_aug_n) -> None:

    t = sim.traps
    late = paris_day(r["collected"]) > cutoff
    t["M-PLA-3: internship with a start date (not a job)"] += int(
        ((cats == INTERNSHIP) & keep).sum()
    )
    t["M-PLA-2: job started after the window end (not placed)"] += int(
        (keep & np.isin(cats, [MONTHS_6_12, AFTER_12M])).sum()
    )
    t["M-PLA-2: job started the day after the window end"] += int(
        (keep & (cats == MONTHS_6_12) & (r["job_start"] == win + 1)).sum()
    )
    t["M-PLA-4: qualifying response collected after the cut-off"] += int(
        (keep & (cats == LATE)).sum()
    )
    t["M-PLA-4: 00:30 Paris July 1 written as 22:30Z June 30 (too late)"] += int(
        (r["zforce"] & keep).sum()
    )
    t["M-PLA-2: graduated 2023-08-31, job on 2024-03-01 (not placed)"] += int(is_aug_n.sum())
    t["M-PLA-6: job started in months 6-12 (placed at 12 months only)"] += int(
        (keep & (cats == MONTHS_6_12)).sum()
    )
    t["M-PLA-6: response collected July-December of Y+1 (12 months only)"] += int(
        (keep & np.isin(cats, [MONTHS_6_12, LATE]) & late).sum()
    )
    t["M-PLA-6: job started exactly on the twelve-month window end (placed)"] += int(
        (keep & (cats == MONTHS_6_12) & (r["job_start"] == win_12m)).sum()
    )
    t["M-PLA-6: job started the day after the twelve-month window end (not placed)"] += int(
        (keep & (cats == AFTER_12M) & (r["job_start"] == win_12m + 1)).sum()
    )
    t["M-PLA-6: response at 23:59:59 Paris on December 31 of Y+1 (counts)"] += int(
        (keep & r["last_second"]).sum()
    )
    t["M-OUT-1: job situation without a start date (employed_outside_window)"] += int(
        (keep & (cats == NO_START)).sum()
    )
    del r["late"], r["last_second"]


def after_the_12m_cutoff(sim: Sim, y: int, idx) -> Cols:
    """M-PLA-6: graduates of 2022 with no response, but a qualifying job collected at 00:30
    Paris on January 1 of Y+2, written as 23:30Z on December 31: too late for both horizons
    (no placement, no response, no status)."""
    k = sim.trap_n if y == 2022 else 0
    pick = idx[:k]
    sim.traps["M-PLA-6: 00:30 Paris January 1 of Y+2 written as 23:30Z (too late)"] += len(pick)
    gd = sim.w.enrollments["grad"][pick]
    return {
        "enr": pick,
        "collected": at_paris(np.full(len(pick), day(y + 2, 1, 1)), np.full(len(pick), 1800)),
        "situation": np.full(len(pick), "employed", dtype=object),
        "job_start": gd + 20,
        "zforce": np.ones(len(pick), bool),
        "related": np.full(len(pick), True, dtype=object),
    }


def placed_precedence(sim: Sim, y: int, answered: Cols, win, gd) -> list[Cols]:
    """M-OUT-1 precedence among the placed of 2023 (statuses 1-4 all place, M-OUT-2): a job
    related to the path beside an earlier out-of-field one (employed_in_field wins), an
    apprenticeship beside an out-of-field job (apprenticeship), an out-of-field job beside a
    field-unknown one (employed_out_of_field), a field-unknown job beside one started after
    the twelve-month window (employed_field_unknown). Sets the main response's
    related_to_path; each second response is collected a day before the main one."""
    if y != 2023:
        return []
    rng = sim.rng
    situ, rel = answered["situation"], answered["related"]
    jobs = np.flatnonzero(situ != "apprenticeship")
    apprenticeships = np.flatnonzero(situ == "apprenticeship")
    jobs = rng.permutation(jobs)
    k = sim.trap_n
    sets = {
        "in_field_over_out_of_field": (jobs[:k], True, "employed", False, "in"),
        "apprenticeship_over_out_of_field": (
            rng.permutation(apprenticeships)[:k],
            None,
            "employed",
            False,
            "in",
        ),
        "out_of_field_over_field_unknown": (jobs[k : 2 * k], False, "self_employed", None, "in"),
        "field_unknown_over_outside_window": (jobs[2 * k : 3 * k], None, "employed", True, "after"),
    }
    rows = []
    for name, (sel, main_rel, second_situ, second_rel, when) in sets.items():
        if name != "apprenticeship_over_out_of_field":
            rel[sel] = main_rel
        start = np.where(when == "in", np.minimum(answered["job_start"][sel], win[sel]),
                         add_months(gd[sel], 12) + 10)  # fmt: skip
        rows.append(
            {
                "enr": answered["enr"][sel],
                "collected": answered["collected"][sel] - DAY,
                "situation": np.full(len(sel), second_situ, dtype=object),
                "job_start": start,
                "zforce": np.zeros(len(sel), bool),
                "related": np.full(len(sel), second_rel, dtype=object),
            }
        )
        sim.traps[f"M-OUT-1: two responses, {name.replace('_', ' ')}"] += len(sel)
    return rows


def other_precedence(sim: Sim, y: int, rows: Cols, cats, cutoff: int) -> list[Cols]:
    """M-OUT-1 precedence among the graduates of 2022 not placed at six months (none of
    these second responses places or makes a respondent of anyone who was not one): a job
    after the window beside further training (employed_outside_window), further training
    beside an internship (further_training), an internship beside job seeking
    (internship), job seeking beside inactive (job_seeking), inactive beside no_answer
    (inactive), and a job in the window answered after the cut-off beside an earlier job
    seeking (job_seeking: the late response does not count)."""

    if y != 2022:
        return []
    rng = sim.rng
    k = sim.trap_n
    situ = rows["situation"]
    in_time = paris_day(rows["collected"]) <= cutoff
    pairs = {
        "outside window over further training": (
            np.isin(cats, [MONTHS_6_12, AFTER_12M]) & in_time, "further_training"),
        "further training over internship": (situ == "further_training", "internship"),
        "internship over job seeking": (cats == INTERNSHIP, "job_seeking"),
        "job seeking over inactive": (situ == "job_seeking", "inactive"),
        "inactive over no answer": (situ == "inactive", "no_answer"),
        "late job answer under job seeking": (cats == LATE, "job_seeking"),
    }  # fmt: skip
    extra = []
    for name, (mask, second) in pairs.items():
        sel = rng.permutation(np.flatnonzero(mask))[:k]
        gd = sim.w.enrollments["grad"][rows["enr"][sel]]
        internship = second == "internship"
        extra.append(
            {
                "enr": rows["enr"][sel],
                # collected by the cut-off, after graduation
                "collected": at_paris(np.minimum(gd + 15, cutoff), np.full(len(sel), 36000)),
                "situation": np.full(len(sel), second, dtype=object),
                "job_start": gd + 5 if internship else np.full(len(sel), NULL, np.int64),
                "zforce": np.zeros(len(sel), bool),
                "related": np.full(len(sel), True if internship else None, dtype=object),
            }
        )
        sim.traps[f"M-OUT-1: two responses, {name}"] += len(sel)
    return extra


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
        "related": np.full(len(dr), DRAW, dtype=object),
    }
