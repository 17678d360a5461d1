"""G-3: every CSV export has an older file dated 2024-01-01 that overlaps the newer one.

Records updated since then appear in both files with different values (the newer row wins);
append-only exports repeat their overlap as exact copies (counted once). Each function takes
the newest version's columns and returns the older file's (columns, rows).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..exports import NEW_FILE, OLD_FILE
from ..model import NULL, OLD_EXPORT, P_END
from ..timeutil import at_paris, day, paris_day

OLD_UTC = int(at_paris(np.array([OLD_EXPORT]), np.array([0]))[0])  # 2024-01-01 00:00 Paris


def paths(cols: dict) -> dict:
    """Five paths renamed since (their older name ends in "(beta)")."""
    old = dict(cols)
    name = cols["path_name"].copy()
    name[:5] = [f"{x} (beta)" for x in name[:5]]
    old["path_name"] = name
    old["updated_at"] = np.minimum(cols["updated_at"], OLD_UTC - 86400 * 30)
    return old


# ---------------------------------------------------------------------- users
@dataclass
class UserVersions:
    changed: np.ndarray  # gender or deletion changed after the older file
    tie: np.ndarray  # same updated_at in both files, other gender: the later file wins
    female: np.ndarray  # the older gender is "undisclosed" for women, "female" otherwise
    upd_new: np.ndarray
    upd_old: np.ndarray


def in_old_file(created: np.ndarray) -> np.ndarray:
    return created < OLD_UTC


def user_versions(rng: np.random.Generator, created, deleted, gender) -> UserVersions:
    """updated_at of both versions of every account (in id order)."""
    n = len(created)
    changed = (created < OLD_UTC) & (rng.random(n) < 0.10)
    upd_new = np.where(
        changed,
        at_paris(rng.integers(OLD_EXPORT + 1, P_END, n), 36000),
        created + rng.integers(0, 3 * 86400, n),
    )
    upd_new = np.where(deleted != NULL, np.maximum(deleted, created), upd_new)
    tie = (created < OLD_UTC - 86400 * 5) & ~changed & (deleted == NULL) & (rng.random(n) < 0.002)
    upd_new = np.minimum(upd_new, at_paris(np.full(n, P_END), np.full(n, 80000)))
    upd_old = np.minimum(created + rng.integers(0, 3 * 86400, n), OLD_UTC - 3600)
    upd_old = np.where(changed | (deleted >= OLD_UTC) | (upd_new >= OLD_UTC), upd_old, upd_new)
    upd_old = np.where(tie, upd_new, upd_old)
    return UserVersions(changed, tie, gender == "female", upd_new, upd_old)


def user_old_values(v: UserVersions, rows, deleted, gender) -> tuple[np.ndarray, np.ndarray]:
    """deleted_at and gender of `rows` as the older file has them."""
    deleted = deleted.copy()
    deleted[deleted >= OLD_UTC] = NULL
    other = np.where(v.female[rows], "undisclosed", "female").astype(object)
    return deleted, np.where(v.changed[rows] | v.tie[rows], other, gender)


def count_user_traps(traps: Counter, v: UserVersions) -> None:
    traps["G-3: user changed after the older users file (gender/deletion)"] = int(v.changed.sum())
    traps["G-3: same updated_at in both users files, values differ (later file wins)"] = int(
        v.tie.sum()
    )


# ---------------------------------------------------------------------- applications
def applications(traps: Counter, a: dict, cols: dict) -> tuple[dict, np.ndarray]:
    """Applications decided since were `under_review` in the older file."""
    sub_old = paris_day(a["submitted_at"]) < OLD_EXPORT
    later = (a["decided_at"] != NULL) & (a["decided_at"] >= OLD_UTC - 3600)
    old = dict(cols)
    old["status"] = cols["status"].copy()
    old["status"][later] = "under_review"
    old["decided_at"] = a["decided_at"].copy()
    old["decided_at"][later] = NULL
    old["updated_at"] = cols["updated_at"].copy()
    old["updated_at"][later] = np.minimum(a["submitted_at"][later] + 7200, OLD_UTC - 7200)
    traps["G-3: application decided after the older file (older row under_review)"] = int(
        (sub_old & later).sum()
    )
    return old, np.flatnonzero(sub_old)


# ---------------------------------------------------------------------- enrollments
def enrollments(rng: np.random.Generator, traps: Counter, e: dict, cols: dict):
    """Enrolments finished since were `active` in the older file; 3% had an extension
    approved since (expected_end_on 61 days earlier in the older file). Returns the older
    file's columns and rows, and the newer file's columns (updated_at after the extension)."""
    n = len(e["start"])
    started_old = e["start"] < OLD_EXPORT
    fin_later = ((e["grad"] != NULL) & (e["grad"] >= OLD_EXPORT)) | (
        (e["ended"] != NULL) & (e["ended"] >= OLD_EXPORT)
    )
    ext = started_old & ~fin_later & (e["status"] == "active") & (rng.random(n) < 0.03)
    ext |= started_old & fin_later & (rng.random(n) < 0.03)
    upd = cols["updated_at"]
    old = dict(cols)
    for col in ("status", "graduated_on", "ended_on"):
        old[col] = cols[col].copy()
    old["status"][fin_later] = "active"
    old["graduated_on"][fin_later] = NULL
    old["ended_on"][fin_later] = NULL
    old["expected_end_on"] = np.where(ext, e["expected"] - 61, e["expected"])
    u = np.where(
        fin_later | ext,
        at_paris(np.minimum(e["start"] + 1, OLD_EXPORT - 1), np.full(n, 36000)),
        upd,
    )
    u = np.minimum(u, OLD_UTC - 7200)  # no row of the older file is updated after its date
    old["updated_at"] = np.where(ext & ~fin_later, u - 1, u)
    # an extension makes the newer row newer than the older one
    u = np.where(ext & ~fin_later, np.maximum(upd, OLD_UTC + 86400 * 3), upd)
    new = dict(cols, updated_at=np.minimum(u, at_paris(np.full(n, P_END), np.full(n, 80000))))
    traps["G-3: enrolment finished after the older file (older row active)"] = int(
        (started_old & fin_later).sum()
    )
    traps["G-3: expected_end_on extended after the older file"] = int(ext.sum())
    return old, np.flatnonzero(started_old), new


# ---------------------------------------------------------------------- addresses
def addresses(
    rng: np.random.Generator, traps: Counter, cols: dict
) -> tuple[dict, dict, np.ndarray]:
    """5% of the addresses in the older file had their postal code corrected since (older
    file 99999). Returns the older file's columns and rows and the newer file's columns."""
    upd = cols["updated_at"]
    n = len(upd)
    in_old = paris_day(upd) < OLD_EXPORT
    changed = in_old & (rng.random(n) < 0.05)
    old = dict(cols, postal_code=cols["postal_code"].copy())
    old["postal_code"][changed] = "99999"
    u = upd.copy()
    k = int(changed.sum())
    u[changed] = at_paris(np.full(k, day(2024, 3, 1)), np.full(k, 40000))
    traps["G-3: address corrected after the older file"] = k
    return old, dict(cols, updated_at=u), np.flatnonzero(in_old)


# ---------------------------------------------------------------------- append-only exports
def append_only(files, export: str, event_day, cols: dict, z, new_from: int) -> None:
    """Older file: events before 2024-01-01; newer file: events from `new_from` (the overlap
    is written twice as exact copies, G-3)."""
    for date, sel in ((OLD_FILE, event_day < OLD_EXPORT), (NEW_FILE, event_day >= new_from)):
        files.write(export, date, cols, z, rows=np.flatnonzero(sel))
    overlap = int(((event_day < OLD_EXPORT) & (event_day >= new_from)).sum())
    files.traps[f"G-3: exact copy of a {export} row in both files"] = overlap
