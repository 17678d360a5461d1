"""Students of year Y (M-DEM, M-UND, M-RES, M-TEC): the student profiles and the exact
quotas behind them. A student of year Y is described by the first non-cancelled enrolment
started that year; each year draws residence groups, geocoding precision, the underserved
flags (all five inside one "any" set of the target size) and genders (women among Tech-path
students), then writes the profile answers and the addresses (populations.addresses)."""

from __future__ import annotations

import numpy as np

from ..files import ExportFiles
from ..model import (
    ANY_UNDERSERVED,
    DISABILITY,
    LOW_QUAL,
    NOT_ON_TIME_WEIGHT,
    NULL,
    P_END,
    QPV,
    REFUGEE,
    REFUGEE_GRADUATES_2023,
    RESIDENCE,
    UNEMPLOYED,
    WOMEN_TECH,
    YEARS,
    k_of,
    quota,
    time_of_day,
    weighted_order,
)
from ..timeutil import at_paris, day, paris_day, year_of_day
from ..traps import demographics, encoding, older_files
from ..world import Cols, Sim, World, cat
from . import addresses
from .accounts import GENDERS

PRECISIONS = np.array(["street", "locality", "none", "housenumber"], dtype=object)
EMP_OTHER = np.array(
    ["employed", "student", "self_employed", "inactive", "undisclosed", None], dtype=object
)
QUAL_HIGH = np.array(
    ["bac+2", "bac+3", "bac+4", "bac+5", "doctorate", "undisclosed", None], dtype=object
)
QUAL_LOW = np.array(["none", "cap_bep", "bac"], dtype=object)
YN_OTHER = np.array(["no", "no", "no", "no", "no", "no", "undisclosed", None], dtype=object)


def simulate(sim: Sim) -> None:
    e = sim.w.enrollments
    e["enr_idx"] = np.arange(len(e["user"]))
    first = _describing_enrolments(e)
    is_test = sim.is_test
    gender = np.full(sim.accounts.n, "", dtype=object)
    assigned = np.zeros(sim.accounts.n, bool)
    prof: list[Cols] = []
    addr: list[Cols] = []
    sim.w.expected["students"] = {}
    sim.refugee_graduates_2023 = REFUGEE_GRADUATES_2023  # G-10 trap budget
    for y in YEARS:
        st = first[(year_of_day(e["start"][first]) == y) & ~is_test[e["user"][first]]]
        prof += _students_of_year(sim, e, st, y, gender, assigned, addr)
    sim.traps[
        "G-10: refugees in the 2023 placement cohort (the refugee partition's one small cell)"
    ] = REFUGEE_GRADUATES_2023 - sim.refugee_graduates_2023
    prof.append(demographics.other_enrolment_profiles(sim, e))
    addr.append(demographics.other_enrolment_addresses(sim, e))
    sim.w.profiles = cat(prof)
    sim.w.addresses = cat(addr)
    rest = ~assigned
    gender[rest] = GENDERS[quota(sim.rng, int(rest.sum()), [0.45, 0.48, 0.01, 0.03])]
    sim.gender_of = gender


def _describing_enrolments(e: Cols) -> np.ndarray:
    """M-DEM-1: the first non-cancelled enrolment of each (user, start year) describes the
    student (sets e["describing"]); returns those enrolments."""
    live = np.flatnonzero(~e["cancelled"])
    order = live[np.lexsort((live, e["start"][live], e["user"][live]))]
    yrs = year_of_day(e["start"][order])
    key = e["user"][order] * 10_000 + yrs
    first = order[np.r_[True, key[1:] != key[:-1]]]
    describing = np.zeros(len(e["user"]), bool)
    describing[first] = True
    e["describing"] = describing
    return first


def _students_of_year(sim: Sim, e: Cols, st, y: int, gender, assigned, addr) -> list[Cols]:
    n = len(st)
    sim.w.expected["students"][y] = n
    fr, af, eu, unk = RESIDENCE[y]
    group = quota(sim.rng, n, [fr, af, eu, unk])  # 0 FR 1 AF 2 EU 3 unknown 4 RoW
    precision = PRECISIONS[quota(sim.rng, n, [0.12, 0.06, 0.02])]
    flags = _underserved(sim, e, st, y, group, precision)
    _genders(sim, e, st, y, gender, assigned)
    rows = _profiles(sim, e, st, flags)
    users, starts = e["user"][st], e["start"][st]
    addr.append(addresses.of_students(sim, users, starts, group, precision, flags["qpv"], y))
    return rows


def _underserved(sim: Sim, e: Cols, st, y: int, group, precision) -> dict[str, np.ndarray]:
    """Exact quotas of the M-DEM-3 flags, every flag inside the "any" set. Students whose
    enrolment did not graduate on time are more often in the any-set and among the
    unemployed and low-qualified (NOT_ON_TIME_WEIGHT): graduation differs by background while
    every share of students stays its quota."""
    rng = sim.rng
    n = len(group)
    fr_exact = (group == 0) & (precision == "housenumber")
    k_any, k_un, k_low = k_of(ANY_UNDERSERVED[y], n), k_of(UNEMPLOYED[y], n), k_of(LOW_QUAL[y], n)
    grad, expected = e["grad"][st], e["expected"][st]
    ended = (e["status"][st] != "active") | (expected <= P_END)
    on_time = (grad != NULL) & (grad <= expected)
    perm = weighted_order(rng, np.where(ended & ~on_time, NOT_ON_TIME_WEIGHT, 1.0))
    f = {name: np.zeros(n, bool) for name in ("any", "unemployed", "low", "refugee", "dis", "qpv")}
    f["any"][perm[:k_any]] = True
    f["unemployed"][perm[:k_un]] = True
    f["low"][perm[k_un:k_any]] = True
    extra_low = k_low - (k_any - k_un)
    assert extra_low >= 0
    f["low"][rng.permutation(perm[:k_un])[:extra_low]] = True
    f["refugee"][_refugees(sim, e, st, perm[:k_any], k_of(REFUGEE, n))] = True
    f["dis"][rng.permutation(perm[:k_any])[: k_of(DISABILITY, n)]] = True
    cand = np.flatnonzero(f["any"] & fr_exact)
    k_q = k_of(QPV, int(fr_exact.sum()))
    assert len(cand) >= k_q
    f["qpv"][rng.permutation(cand)[:k_q]] = True
    sim.w.expected["students"][(y, "qpv")] = (k_q, int(fr_exact.sum()))
    sim.w.expected["students"][(y, "any")] = k_any
    return f


def _refugees(sim: Sim, e: Cols, st, candidates: np.ndarray, k: int) -> np.ndarray:
    """The refugees of the year among the any-set: at most sim.refugee_graduates_2023 (in
    all years together) whose enrolment graduates in 2023 (traps.demographics G-10 trap),
    the others outside that cohort."""
    order = sim.rng.permutation(candidates)
    grad = e["grad"][st][order]
    in_2023 = (grad != NULL) & (year_of_day(np.where(grad != NULL, grad, 0)) == 2023)
    take = min(sim.refugee_graduates_2023, int(in_2023.sum()), k)
    sim.refugee_graduates_2023 -= take
    picked = np.r_[order[in_2023][:take], order[~in_2023][: k - take]]
    assert len(picked) == k, "not enough students outside the 2023 cohort to be refugees"
    return picked


def _genders(sim: Sim, e: Cols, st, y: int, gender, assigned) -> None:
    """M-TEC-1 quota among Tech-path students; women in the other paths too."""
    tech = sim.w.paths["is_tech"][e["path"][st]]
    g = np.empty(len(st), dtype=object)
    ti, oi = np.flatnonzero(tech), np.flatnonzero(~tech)
    g[ti] = GENDERS[quota(sim.rng, len(ti), [WOMEN_TECH[y], 0.66, 0.01, 0.03])]
    g[oi] = GENDERS[quota(sim.rng, len(oi), [0.55, 0.40, 0.01, 0.02])]
    gender[e["user"][st]] = g
    assigned[e["user"][st]] = True
    sim.w.expected["students"][(y, "tech")] = len(ti)
    sim.w.expected["students"][(y, "women_tech")] = k_of(WOMEN_TECH[y], len(ti))


def _profiles(sim: Sim, e: Cols, st, f: dict[str, np.ndarray]) -> list[Cols]:
    """The answers of each student's profile, collected up to 20 days before the start."""
    rng = sim.rng
    n = len(st)
    answers = {
        "emp": np.where(f["unemployed"], "unemployed", EMP_OTHER[rng.integers(0, 6, n)]),
        "qual": np.where(
            f["low"], QUAL_LOW[rng.integers(0, 3, n)], QUAL_HIGH[rng.integers(0, 7, n)]
        ),
        "dis": np.where(f["dis"], "yes", YN_OTHER[rng.integers(0, 8, n)]),
        "ref": np.where(f["refugee"], "yes", YN_OTHER[rng.integers(0, 8, n)]),
    }
    noprof = demographics.students_without_profile(sim, f["any"])
    start = e["start"][st]
    coll = at_paris(start - rng.integers(0, 21, n), time_of_day(rng, n))
    upd, later, tie = demographics.profile_updates(sim, ~noprof, start)
    decoys = demographics.profile_decoys(e["user"][st], st, coll, answers, upd | tie)
    hi = np.flatnonzero(~noprof)
    final = {
        "user": e["user"][st][hi],
        "enr": st[hi],
        "collected": np.where(upd, later, coll)[hi],
        **{k: v[hi].astype(object) for k, v in answers.items()},
    }
    return [decoys, final]  # decoy rows first: on a tie the later row (greater id) wins


def write(files: ExportFiles, w: World) -> None:
    p = w.profiles
    n = len(p["id"])
    p = {k: v[np.argsort(p["id"])] for k, v in p.items()}
    rng = files.rng
    emp, qual = encoding.messy(rng, p["emp"], 0.02), encoding.messy(rng, p["qual"], 0.02)
    dis, ref = encoding.messy(rng, p["dis"], 0.02), encoding.messy(rng, p["ref"], 0.02)
    cols = {
        "profile_id": p["id"],
        "user_id": w.users["id"][p["user"]],
        "enrollment_id": w.enrollments["id"][p["enr"]],
        "collected_at": p["collected"],
        "employment_status": emp,
        "highest_qualification": qual,
        "has_disability": dis,
        "is_refugee": ref,
    }
    z = encoding.zmask(rng, n)
    older_files.append_only(
        files, "student_profiles", paris_day(p["collected"]), cols, z, day(2023, 7, 1)
    )
    files.progress(f"student_profiles: {n} profile rows")


def latest_answers(w: World) -> dict[str, np.ndarray]:
    """M-DEM-2 per enrolment: the answers of its latest profile row (greatest collected_at,
    then greatest profile_id, which follows the row order on equal times: world.assign_ids),
    None when it has none. Usable before the ids are assigned."""
    p = w.profiles
    m = len(w.enrollments["user"])
    order = np.lexsort((np.arange(len(p["enr"])), p["collected"], p["enr"]))
    last = order[np.r_[p["enr"][order][1:] != p["enr"][order][:-1], True]]
    out = {}
    for col in ("emp", "qual", "ref", "dis"):
        values = np.full(m, None, dtype=object)
        values[p["enr"][last]] = p[col][last]
        out[col] = values
    return out


def obstacle_groups(w: World) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per enrolment, from its latest profile (M-GRP-1): unemployed at enrolment,
    low-qualified, and either answer unknown (blank, undisclosed or no profile)."""
    answers = latest_answers(w)
    emp, qual = answers["emp"], answers["qual"]
    unemployed = emp == "unemployed"
    low = np.isin(qual, list(QUAL_LOW))
    unknown = np.isin(emp, [None, "undisclosed"]) | np.isin(qual, [None, "undisclosed"])
    return unemployed, low, unknown
