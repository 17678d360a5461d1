"""Traps of the students' demographics: profile rows that must not decide (M-DEM-1/2) and
addresses or QPV codes that must not count (M-UND-1/2/3, M-RES-1)."""

from __future__ import annotations

import numpy as np

from ..model import NULL, P_END, time_of_day
from ..timeutil import at_paris, day, year_of_day
from ..world import Cols, Sim

QUAL_LOW = ["none", "cap_bep", "bac"]


# ---------------------------------------------------------------------- profiles (M-DEM)
def students_without_profile(sim: Sim, anyset: np.ndarray) -> np.ndarray:
    """2% of the students outside the any-set have no profile at all (in no category)."""
    noprof = np.zeros(len(anyset), bool)
    outside = np.flatnonzero(~anyset)
    noprof[sim.rng.permutation(outside)[: max(1, len(outside) // 50)]] = True
    sim.traps["M-DEM-2: student without a profile row"] += int(noprof.sum())
    return noprof


def profile_updates(sim: Sim, has: np.ndarray, start: np.ndarray):
    """8% of the profiles are updated after the enrolment (the latest row wins) and 1% have
    two rows with the same collected_at (the greater profile_id wins). Returns the updated
    mask, the update instants and the tie mask."""
    rng = sim.rng
    n = len(has)
    upd = has & (rng.random(n) < 0.08) & (start + 12 <= P_END)
    later = at_paris(np.minimum(start + rng.integers(10, 300, n), P_END), time_of_day(rng, n))
    tie = has & ~upd & (rng.random(n) < 0.01)
    sim.traps["M-DEM-2: profile updated after enrolment (older row differs)"] += int(upd.sum())
    sim.traps["M-DEM-2: two profile rows with the same collected_at"] += int(tie.sum())
    return upd, later, tie


def profile_decoys(users, enrolments, collected, answers: dict, mask) -> Cols:
    """The superseded rows: every answer flipped, collected at the first collection."""
    i = np.flatnonzero(mask)

    def flip_yn(v):
        return np.where(v == "yes", "no", "yes").astype(object)

    return {
        "user": users[i],
        "enr": enrolments[i],
        "collected": collected[i],
        "emp": np.where(answers["emp"][i] == "unemployed", "employed", "unemployed").astype(object),
        "qual": np.where(np.isin(answers["qual"][i], QUAL_LOW), "bac+3", "bac").astype(object),
        "dis": flip_yn(answers["dis"][i]),
        "ref": flip_yn(answers["ref"][i]),
    }


def other_enrolment_profiles(sim: Sim, e: Cols) -> Cols:
    """Profiles of the enrolments that describe no student (second same-year, cancelled) and
    of test accounts: every underserved answer, none of which may count for the students of
    the year (M-DEM-1, G-2). They do describe their own enrolment's groups (M-GRP-1): a
    second enrolment graduating in 2023 answers refugee `no`, so that the refugee groups of
    the 2023 placement cohort keep exactly one small cell (the G-10 trap, see
    populations.profiles)."""
    others = _other_enrolments(sim, e)
    k = len(others)
    collected = at_paris(e["start"][others] - sim.rng.integers(0, 10, k), time_of_day(sim.rng, k))
    grad = e["grad"][others]
    graduates_2023 = (grad != NULL) & (year_of_day(np.where(grad != NULL, grad, 0)) == 2023)
    return {
        "user": e["user"][others],
        "enr": others,
        "collected": collected,
        "emp": np.full(k, "unemployed", dtype=object),
        "qual": np.full(k, "none", dtype=object),
        "dis": np.full(k, "yes", dtype=object),
        "ref": np.where(graduates_2023, "no", "yes").astype(object),
    }


def other_enrolment_addresses(sim: Sim, e: Cols) -> Cols:
    """Exact QPV addresses in France of the cancelled-only applicants and test accounts (people
    described as students nowhere, so no M-UND-1 decoy here)."""
    others = _other_enrolments(sim, e)
    is_test = sim.is_test[e["user"]]
    users = np.setdiff1d(e["user"][others], e["user"][e["describing"] & ~is_test])
    k = len(users)
    return {
        "user": users,
        "valid_from": np.full(k, day(2018, 1, 1)),
        "country": np.full(k, "FR", dtype=object),
        "precision": np.full(k, "housenumber", dtype=object),
        "qpv": np.array([f"QP0750{i % 100:02d}" for i in range(k)], dtype=object),
    }


def _other_enrolments(sim: Sim, e: Cols) -> np.ndarray:
    describing = e["describing"]
    others = np.flatnonzero(~describing)
    return np.r_[others, np.flatnonzero(describing & sim.is_test[e["user"]])]


# ---------------------------------------------------------------------- addresses (M-UND, M-RES)
def unknown_residence(group: np.ndarray, country: np.ndarray, odd_year: bool) -> np.ndarray:
    """M-RES-1 unknown: half the group have no address at all (returned mask), half an invalid
    code (XK is not ISO 3166-1)."""
    unknown = np.flatnonzero(group == 3)
    no_addr = np.zeros(len(group), bool)
    first, second = (unknown[::2], unknown[1::2]) if odd_year else (unknown[1::2], unknown[::2])
    no_addr[first] = True
    country[second] = "XK"
    return no_addr


def qpv_code_decoys(sim: Sim, group, precision, qpv, qcode) -> None:
    """M-UND-3: QPV codes on non-exact French addresses and on foreign addresses."""
    rng = sim.rng
    n = len(group)
    decoy = ~qpv & (
        ((group == 0) & (precision != "housenumber") & (rng.random(n) < 0.15))
        | ((group != 0) & (rng.random(n) < 0.03))
    )
    qcode[decoy] = [f"QP{v:06d}" for v in rng.integers(0, 999999, int(decoy.sum()))]
    sim.traps["M-UND-3: QPV code on a non-exact French address"] += int(
        (decoy & (group == 0)).sum()
    )
    sim.traps["M-UND-3: QPV code on a foreign address"] += int((decoy & (group != 0)).sum())


def address_after_start(sim: Sim, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """M-UND-1: 6% of the students' only address starts after the enrolment (the earliest
    address is used). Returns the mask and those valid_from dates."""
    rng = sim.rng
    n = len(starts)
    after = (rng.random(n) < 0.06) & (starts < P_END)
    return after, np.minimum(starts + rng.integers(1, 60, n), P_END)


def moved_after_start(sim: Sim, users, vf, starts, keep) -> Cols:
    """M-UND-1: 10% move after the start (to France or Senegal, an exact QPV address): the
    later address is ignored."""
    rng = sim.rng
    mv = keep & (rng.random(len(users)) < 0.10) & (np.maximum(vf, starts) < P_END)
    k = int(mv.sum())
    moved_from = np.minimum(np.maximum(vf[mv], starts[mv]) + rng.integers(1, 400, k), P_END)
    sim.traps["M-UND-1: address change after the enrolment start"] += k
    return {
        "user": users[mv],
        "valid_from": moved_from,
        "country": np.where(rng.random(k) < 0.5, "FR", "SN").astype(object),
        "precision": np.full(k, "housenumber", dtype=object),
        "qpv": np.array([f"QN{v:05d}A" for v in rng.integers(0, 99999, k)], dtype=object),
    }


def superseded_before_start(sim: Sim, users, vf, candidates) -> Cols:
    """M-UND-1: 10% had an older address, superseded before the start: ignored."""
    rng = sim.rng
    old = candidates & (rng.random(len(users)) < 0.10)
    k = int(old.sum())
    sim.traps["M-UND-1: older address superseded before the start"] += k
    return {
        "user": users[old],
        "valid_from": vf[old] - rng.integers(30, 1000, k),
        "country": np.where(rng.random(k) < 0.5, "MA", "FR").astype(object),
        "precision": np.full(k, "housenumber", dtype=object),
        "qpv": np.array([f"QP{v:06d}" for v in rng.integers(0, 999999, k)], dtype=object),
    }
