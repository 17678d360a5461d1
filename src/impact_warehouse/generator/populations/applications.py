"""Applications (M-ORI): applicants per year by quota, 15% submit two, 5% re-apply after a
failed year; a converted applicant's first application is admitted and linked to an
enrolment, the others are rejected, withdrawn, pending or admitted without a (lasting)
enrolment."""

from __future__ import annotations

import numpy as np

from ..exports import NEW_FILE, OLD_FILE, values
from ..files import ExportFiles
from ..model import (
    APPLICANTS,
    F_APPRENTICE,
    F_EMPLOYER,
    F_PUBLIC,
    F_SELF,
    NULL,
    ORIENTATION,
    P_END,
    ROLE_APPLICANT,
    YEARS,
    quota,
    time_of_day,
    uniform_int,
    year_start,
)
from ..timeutil import DAY, at_paris
from ..traps import encoding, new_year, older_files
from ..world import Cols, Sim, World, cat
from . import accounts, paths

STATUSES = np.array(
    ["rejected", "withdrawn", "submitted", "under_review", "admitted", "admitted"], dtype=object
)  # the last "admitted" is linked to a cancelled enrolment (G-5)
FUNDING_REQUESTED = np.array([*values("applications", "funding_requested"), None], dtype=object)


def simulate(sim: Sim) -> None:
    apps: list[Cols] = []
    prev_nonconv = np.zeros(0, np.int64)
    sim.w.expected["applicants"] = {}
    sim.w.expected["converted"] = {}
    for y in YEARS:
        year_apps, prev_nonconv = _year(sim, y, prev_nonconv)
        apps.append(year_apps)
    a = cat(apps)
    a["app_idx"] = np.arange(len(a["user"]))
    sim.w.applications = a
    sim.traps["G-5: admitted application linked to a cancelled enrolment"] = int(
        a["cancel_link"].sum()
    )
    sim.traps["M-ORI-1: withdrawn application (applicant still counts)"] = int(
        (a["status"] == "withdrawn").sum()
    )


def _year(sim: Sim, y: int, prev_nonconv: np.ndarray) -> tuple[Cols, np.ndarray]:
    """Applications submitted in Paris year y; returns them and this year's non-converted."""
    rng = sim.rng
    a_total = sim.n(APPLICANTS[y])
    n_re = min(len(prev_nonconv), int(round(0.05 * a_total)))
    re_users = rng.permutation(prev_nonconv)[:n_re]
    first_day = year_start(y)
    last_day = min(int(year_start(y + 1)) - 1, P_END)
    n_apps = np.where(quota(rng, a_total, [0.15]) == 0, 2, 1)  # 15% submit two
    owner = np.repeat(np.arange(a_total), n_apps)
    sub_day = uniform_int(rng, np.full(len(owner), first_day), np.full(len(owner), last_day))
    sub_utc = at_paris(sub_day, time_of_day(rng, len(owner)))
    zforce = np.zeros(len(owner), bool)
    if y in (2022, 2023):
        new_year.applications(sim, n_apps[owner], first_day, last_day, sub_day, sub_utc, zforce)
    # first application per applicant = primary (the earliest)
    order = np.lexsort((sub_utc, owner))
    owner, sub_day, sub_utc, zforce = owner[order], sub_day[order], sub_utc[order], zforce[order]
    primary = np.r_[True, owner[1:] != owner[:-1]]
    first_sub = sub_utc[primary]
    new_idx = accounts.new_users(
        sim, first_sub[n_re:], ROLE_APPLICANT, 0.08, active_until_utc=first_sub[n_re:] + 500 * DAY
    )
    user_of = np.r_[re_users, new_idx]
    converted = quota(rng, a_total, [ORIENTATION[y]]) == 0
    sim.w.expected["applicants"][y] = a_total
    sim.w.expected["converted"][y] = int(converted.sum())
    status, linked, cancel_link = _statuses(sim, converted[owner], primary, sub_day)
    decided = _decisions(sim, status, sub_day, sub_utc)
    fund_cat = quota(rng, len(owner), [0.42, 0.30, 0.18, 0.03])
    fund = np.array([F_APPRENTICE, F_PUBLIC, F_SELF, F_EMPLOYER, -1])[fund_cat]
    cols = {
        "user": user_of[owner],
        "path": paths.pick_paths(sim, sub_day),
        "submitted_at": sub_utc,
        "status": status,
        "decided_at": decided,
        "funding": fund,
        "zforce": zforce,
        "linked": linked,
        "cancel_link": cancel_link,
        "sub_day": sub_day,
    }
    return cols, user_of[~converted]


def _statuses(sim: Sim, conv_app: np.ndarray, primary: np.ndarray, sub_day: np.ndarray):
    """Status of each application; which are linked to a (non-)cancelled enrolment."""
    rng = sim.rng
    na = len(conv_app)
    status = np.empty(na, dtype=object)
    linked = np.zeros(na, bool)  # -> non-cancelled enrolment
    cancel_link = np.zeros(na, bool)  # -> cancelled enrolment (G-5)
    status[conv_app & primary] = "admitted"
    linked[conv_app & primary] = True
    extra = conv_app & ~primary
    status[extra] = np.where(rng.random(int(extra.sum())) < 0.7, "rejected", "withdrawn")
    nc = np.flatnonzero(~conv_app)
    cats = quota(rng, len(nc), [0.45, 0.20, 0.05, 0.05, 0.15])
    status[nc] = STATUSES[cats]
    cancel_link[nc[cats == 5]] = True
    # only recent applications can still wait for a decision
    stale = np.isin(status, ["submitted", "under_review"]) & (sub_day < P_END - 60)
    status[stale] = np.where(rng.random(int(stale.sum())) < 0.7, "rejected", "withdrawn")
    return status, linked, cancel_link


def _decisions(sim: Sim, status, sub_day, sub_utc) -> np.ndarray:
    """decided_at of admitted and rejected applications, 1-40 days after submission."""
    rng = sim.rng
    na = len(status)
    decided = np.full(na, NULL, np.int64)
    dec_mask = np.isin(status, ["admitted", "rejected"])
    delay = uniform_int(rng, np.full(na, 1), np.full(na, 40))
    dec_day = np.minimum(sub_day + delay, P_END)
    decided[dec_mask] = at_paris(dec_day[dec_mask], time_of_day(rng, int(dec_mask.sum())))
    decided[dec_mask] = np.maximum(decided[dec_mask], sub_utc[dec_mask] + 60)
    return decided


def write(files: ExportFiles, w: World) -> None:
    a, rng = w.applications, files.rng
    n = len(a["id"])
    pid = encoding.stray_path_ids(rng, files.traps, w.paths["path_id"][a["path"]])
    upd = np.maximum(
        a["submitted_at"], np.where(a["decided_at"] == NULL, 0, a["decided_at"])
    ) + rng.integers(0, 3600, n)
    upd = np.minimum(upd, at_paris(np.full(n, P_END), np.full(n, 80000)))
    z = encoding.zmask(rng, n) | a["zforce"]
    status = encoding.messy(rng, a["status"], 0.01)
    fund = encoding.messy(rng, FUNDING_REQUESTED[a["funding"]], 0.01)
    order = np.argsort(a["id"])
    cols = {
        "application_id": a["id"],
        "user_id": w.users["id"][a["user"]],
        "path_id": pid,
        "submitted_at": a["submitted_at"],
        "status": status,
        "decided_at": a["decided_at"],
        "funding_requested": fund,
        "updated_at": upd,
    }
    old_cols, old_rows = older_files.applications(files.traps, a, cols)
    files.write("applications", OLD_FILE, old_cols, z, rows=old_rows[np.argsort(a["id"][old_rows])])
    files.write("applications", NEW_FILE, cols, z, rows=order)
    files.progress(f"applications: {n} applications")
