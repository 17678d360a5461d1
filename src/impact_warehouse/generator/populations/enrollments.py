"""Enrolments (M-GRA): from admitted applications (7-60 days later) and employer programmes
(no application); expected end = start + path duration (6-24 months) - 1 day, 10% extended
1-4 months; the outcome of each cohort (expected_end_on year) by quota."""

from __future__ import annotations

import numpy as np

from ..exports import NEW_FILE, OLD_FILE
from ..files import ExportFiles
from ..model import (
    EMPLOYER_STARTS,
    F_EMPLOYER,
    F_PUBLIC,
    F_SELF,
    FUNDING,
    GRADUATION,
    NULL,
    P_END,
    ROLE_EMPLOYER_STUDENT,
    YEARS,
    quota,
    time_of_day,
    uniform_int,
    year_start,
)
from ..timeutil import DAY, add_months, at_paris, year_of_day
from ..traps import encoding, enrolments, older_files
from ..world import Cols, Sim, World, cat
from . import accounts, paths

OVERDUE = {2023: 0.04, 2024: 0.15}  # share of a cohort still active after its expected end


def simulate(sim: Sim) -> None:
    parts = [_from_applications(sim)]
    parts += [_employer_programme(sim, y) for y in YEARS]
    e = enrolments.second_enrolment_same_year(sim, cat(parts))
    rng = sim.rng
    m = len(e["user"])
    dur = sim.w.paths["duration_months"][e["path"]]
    ext = np.where(rng.random(m) < 0.1, rng.integers(1, 5, m), 0)
    e["expected"] = add_months(e["start"], dur + ext) - 1
    e["grad"] = np.full(m, NULL, np.int64)
    e["ended"] = np.full(m, NULL, np.int64)
    e["status"] = np.full(m, "active", dtype=object)
    canc = e["cancelled"]
    e["status"][canc] = "cancelled"
    e["ended"][canc] = np.minimum(e["start"][canc] + rng.integers(0, 14, int(canc.sum())), P_END)
    sim.traps["G-5: cancelled enrolment"] = int(canc.sum())
    _outcomes(sim, e)
    sim.w.enrollments = e


def _from_applications(sim: Sim) -> Cols:
    """Linked applications start 7-60 days after submission; missing funding is drawn."""
    rng = sim.rng
    a = sim.w.applications
    link = np.flatnonzero(a["linked"] | a["cancel_link"])
    start = np.minimum(
        a["sub_day"][link] + uniform_int(rng, np.full(len(link), 7), np.full(len(link), 60)),
        P_END,
    )
    fund = a["funding"][link].copy()
    miss = fund < 0
    fund[miss] = np.where(rng.random(int(miss.sum())) < 0.5, F_SELF, F_PUBLIC)
    return {
        "user": a["user"][link],
        "path": a["path"][link],
        "app": link.astype(np.int64),
        "funding": fund,
        "start": start,
        "cancelled": a["cancel_link"][link],
    }


def _employer_programme(sim: Sim, y: int) -> Cols:
    """Employer programme students of year y: no application (M-ORI-2)."""
    rng = sim.rng
    k = sim.n(EMPLOYER_STARTS[y])
    s = uniform_int(rng, np.full(k, year_start(y)), np.full(k, min(year_start(y + 1) - 1, P_END)))
    users = accounts.new_users(
        sim,
        at_paris(s - 20, time_of_day(rng, k)),
        ROLE_EMPLOYER_STUDENT,
        0.15,
        active_until_utc=(s + 900) * DAY,
    )
    return {
        "user": users,
        "path": paths.pick_paths(sim, s),
        "app": np.full(k, NULL, np.int64),
        "funding": np.full(k, F_EMPLOYER),
        "start": s,
        "cancelled": np.zeros(k, bool),
    }


def _outcomes(sim: Sim, e: Cols) -> None:
    """Outcome of each non-cancelled enrolment, by cohort (year of expected_end_on)."""
    live = np.flatnonzero(~e["cancelled"])
    cy = year_of_day(e["expected"][live])
    sim.w.expected["on_time"] = {}
    for y in np.unique(cy):
        idx = live[cy == y]
        due = idx[e["expected"][idx] <= P_END]
        future = idx[e["expected"][idx] > P_END]
        if len(due):
            _due_outcomes(sim, e, due, int(y))
        if len(future):
            _future_outcomes(sim, e, future)


def _due_outcomes(sim: Sim, e: Cols, due: np.ndarray, y: int) -> None:
    """A cohort due by the export: on time, late within 150%, later, still active, dropped."""
    g = GRADUATION.get(y, 0.45)
    cats = quota(sim.rng, len(due), [g, 0.12, 0.03, OVERDUE.get(y, 0.005)])
    sim.w.expected["on_time"][y] = int((cats == 0).sum())
    s, x = e["start"][due], e["expected"][due]
    grad = _graduation_days(sim.rng, cats, s, x)
    # late graduations after the export date: still active (M-GRA-4)
    grad[(grad != NULL) & (grad > P_END)] = NULL
    status = np.where(grad != NULL, "graduated", "active").astype(object)
    drop = cats == 4
    status[drop] = "dropped_out"
    ended = np.full(len(due), NULL, np.int64)
    ended[drop] = uniform_int(sim.rng, s[drop] + 15, np.minimum(x[drop], P_END))
    gm = grad != NULL
    ended[gm] = np.maximum(grad[gm] - sim.rng.integers(0, 11, int(gm.sum())), s[gm])
    e["grad"][due], e["ended"][due], e["status"][due] = grad, ended, status
    enrolments.count_graduation_edges(sim.traps, cats, grad, s, x, status)


def _graduation_days(rng: np.random.Generator, cats, s, x) -> np.ndarray:
    """graduated_on by category: on time (0), late within 150% (1), later (2); the edges of
    M-GRA-2/5 (on the day, one day late, exactly 150%, one day past) are drawn often."""
    n = len(cats)
    length = x - s
    half = length // 2
    grad = np.full(n, NULL, np.int64)
    early = uniform_int(rng, np.zeros(n), np.full(n, 45))  # on time: up to 45 days early
    early[rng.random(n) < 0.08] = 0  # trap M-GRA-2: exactly on expected_end_on
    ot = cats == 0
    grad[ot] = np.maximum(x[ot] - early[ot], s[ot] + 30)
    # late within 150%: 1 day late .. exactly 150% (M-GRA-5, day counts)
    l150 = cats == 1
    d = uniform_int(rng, np.ones(n), np.maximum(half, 1))
    r = rng.random(n)
    d[r < 0.1] = 1  # trap M-GRA-2: one day after expected_end_on
    exact = (r > 0.9) & (length % 2 == 0)
    d[exact] = half[exact]  # trap M-GRA-5: exactly 150% of the planned days
    grad[l150] = x[l150] + d[l150]
    # later than 150%: one day past the 150% mark .. +120 days
    lb = cats == 2
    d2 = half + uniform_int(rng, np.ones(n), np.full(n, 120))
    d2[r < 0.15] = half[r < 0.15] + 1  # trap M-GRA-5: one day past 150%
    grad[lb] = x[lb] + d2[lb]
    return grad


def _future_outcomes(sim: Sim, e: Cols, future: np.ndarray) -> None:
    """A cohort due after the export: mostly active, 10% dropped, a few early graduates."""
    rng = sim.rng
    s, x = e["start"][future], e["expected"][future]
    cats = quota(rng, len(future), [0.85, 0.10])  # active, dropped, early graduate
    status = np.full(len(future), "active", dtype=object)
    ended = np.full(len(future), NULL, np.int64)
    grad = np.full(len(future), NULL, np.int64)
    drop = (cats == 1) & (s + 15 <= P_END)
    status[drop] = "dropped_out"
    ended[drop] = uniform_int(rng, s[drop] + 15, np.full(int(drop.sum()), P_END))
    eg = (cats == 2) & (np.maximum(s + 30, x - 90) <= P_END)
    grad[eg] = uniform_int(rng, np.maximum(s[eg] + 30, x[eg] - 90), np.full(int(eg.sum()), P_END))
    status[eg] = "graduated"
    ended[eg] = grad[eg]
    e["grad"][future], e["ended"][future], e["status"][future] = grad, ended, status


def write(files: ExportFiles, w: World) -> None:
    e, rng = w.enrollments, files.rng
    n = len(e["id"])
    status, z = encoding.messy(rng, e["status"], 0.01), encoding.zmask(rng, n)
    has_app = e["app"] != NULL
    app_id = np.where(has_app, w.applications["id"][np.where(has_app, e["app"], 0)], NULL)
    fund = encoding.messy(rng, FUNDING[e["funding"]], 0.01)
    last_event = np.maximum.reduce(
        [
            e["start"],
            np.where(e["ended"] == NULL, 0, e["ended"]),
            np.where(e["grad"] == NULL, 0, e["grad"]),
        ]
    )
    upd = at_paris(np.minimum(last_event + rng.integers(0, 4, n), P_END), np.full(n, 70000))
    cols = {
        "enrollment_id": e["id"],
        "user_id": w.users["id"][e["user"]],
        "path_id": w.paths["path_id"][e["path"]],
        "application_id": app_id,
        "funding_type": fund,
        "status": status,
        "started_on": e["start"],
        "expected_end_on": e["expected"],
        "ended_on": e["ended"],
        "graduated_on": e["grad"],
        "updated_at": upd,
    }
    old_cols, old_rows, new_cols = older_files.enrollments(rng, files.traps, e, cols)
    files.write("enrollments", OLD_FILE, old_cols, z, rows=old_rows[np.argsort(e["id"][old_rows])])
    files.write("enrollments", NEW_FILE, new_cols, z, rows=np.argsort(e["id"]))
    files.progress(f"enrollments: {n} enrolments")
