"""Accounts (the users export): every role's accounts, the general population, deletions,
genders and the home country of each account's logins.

Accounts are created by the other populations through `new_users` (applicants, employer
students, declarers, test accounts); `general_population` fills up to 3 M accounts at scale
1.0 and `finish` turns the registry into the `World.users` columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import countries as C
from ..exports import NEW_FILE, OLD_FILE, values
from ..files import Chunk, ExportFiles
from ..model import ACCOUNTS, NULL, P_END, P_START, ROLE_GENERAL, quota, time_of_day, uniform_int
from ..timeutil import DAY, at_paris, day
from ..traps import encoding, older_files
from ..world import Sim, World

GENERAL_ACTIVE_DAYS = 1000.0  # mean length of a general account's activity interval
GENERAL_RATE = 0.032  # mean random logins per day of a general account
GENDERS = np.array([*values("users", "gender"), ""], dtype=object)
# login home countries: the 222 reachable countries, weighted towards France and francophonie
HOME_WEIGHTS = {"FR": 400, "MA": 40, "DZ": 30, "TN": 25, "SN": 20, "CI": 20, "CM": 20,
                "BE": 25, "CH": 15, "CA": 15, "US": 10}  # fmt: skip
FIRST_NAMES = np.array(
    ["Amina", "Lucas", "Chloé", "Mamadou", "Léa", "Hugo", "Fatou", "Nathan", "Inès", "Yanis",
     "Camille", "Moussa", "Zoé", "Karim", "Anaïs", "Olivier", "Aïcha", "Thomas", "Sofia",
     "Jean-Baptiste"],
    dtype=object,
)  # fmt: skip
LAST_NAMES = np.array(
    ["Martin", "Diallo", "Bernard", "N'Diaye", "Dubois", "Traoré", "Lefèvre", "Benali", "Moreau",
     "Kouassi", "Garcia", "Nguyen", "Petit", "Haddad", "Roux", "O'Connor", "Fontaine", "Mbappé",
     "Girard", "Da Silva"],
    dtype=object,
)  # fmt: skip


def new_users(
    sim: Sim,
    first_event_utc: np.ndarray,
    role: int,
    rate_per_day: float,
    active_until_utc: np.ndarray | None = None,
) -> np.ndarray:
    """Accounts created 0-700 days before their first event (not before 2014)."""
    rng = sim.rng
    k = len(first_event_utc)
    back = uniform_int(rng, np.zeros(k), np.full(k, 700)) * DAY + uniform_int(
        rng, np.zeros(k), np.full(k, DAY - 1)
    )
    created = np.maximum(first_event_utc - back, day(2014, 1, 1) * DAY + 36000)
    created = np.minimum(created, first_event_utc)
    if rate_per_day == 0:
        start, end = created, created
    else:
        start = np.maximum(created, P_START * DAY)
        end = active_until_utc if active_until_utc is not None else start + 400 * DAY
    return sim.accounts.add(created, start, end, rate_per_day if rate_per_day else 0.0, role)


def general_population(sim: Sim) -> None:
    """Everyone else up to the platform's size: random logins at a per-user rate
    (log-normal, mean 0.032/day) during an activity interval; 10% never log in."""
    rng = sim.rng
    n_gen = max(0, sim.n(ACCOUNTS) - sim.accounts.n)
    old = rng.random(n_gen) < 0.45
    cday = np.where(
        old,
        uniform_int(rng, np.full(n_gen, day(2014, 1, 1)), np.full(n_gen, P_START - 1)),
        uniform_int(rng, np.full(n_gen, P_START), np.full(n_gen, P_END)),
    )
    created = at_paris(cday, time_of_day(rng, n_gen))
    start = np.maximum(created, P_START * DAY) + (rng.exponential(60, n_gen) * DAY).astype(np.int64)
    end = start + (rng.exponential(GENERAL_ACTIVE_DAYS, n_gen) * DAY).astype(np.int64)
    rate = rng.lognormal(np.log(GENERAL_RATE) - 0.32, 0.8, n_gen)
    rate[rng.random(n_gen) < 0.1] = 0.0
    sim.accounts.add(created, start, end, rate, ROLE_GENERAL)


def finish(sim: Sim) -> None:
    """The registry as `World.users` columns, with deletions, genders and home countries."""
    created, act_start, act_end, rate, role = sim.accounts.arrays()
    rate[np.concatenate(sim.dormant_users)] = 0.0  # former students who never log in
    n = sim.accounts.n
    deleted = _deletions(sim, role, act_end, n)
    is_test = np.zeros(n, bool)
    is_test[: len(sim.is_test)] = sim.is_test
    gender = _genders(sim, n)
    home = _home_countries(sim, n)
    w = sim.w
    w.users = {
        "created": created,
        "gender": gender,
        "is_test": is_test,
        "deleted": deleted,
        "role": role,
    }
    w.act_start, w.act_end, w.rate, w.home_country = act_start, act_end, rate, home


def _deletions(sim: Sim, role: np.ndarray, act_end: np.ndarray, n: int) -> np.ndarray:
    """2% of the general accounts are erased after their activity (history stays), plus the
    declarers deleted on purpose (`sim.deleted_at`)."""
    rng = sim.rng
    deleted = np.full(n, NULL, np.int64)
    gen = np.flatnonzero(role == ROLE_GENERAL)
    cand = gen[(act_end[gen] + 100 * DAY < P_END * DAY)]
    pick = rng.permutation(cand)[: int(0.02 * len(gen))]
    deleted[pick] = act_end[pick] + rng.integers(DAY, 100 * DAY, len(pick))
    deleted[sim.deleted_at["user"]] = sim.deleted_at["utc"]
    sim.traps["G-3/PII: deleted accounts (PII empty)"] = int((deleted != NULL).sum())
    return deleted


def _genders(sim: Sim, n: int) -> np.ndarray:
    """Students got theirs by quota (populations.profiles); everyone else by share."""
    gender = np.full(n, "", dtype=object)
    gender[: len(sim.gender_of)] = sim.gender_of
    rest = np.flatnonzero(gender == "")
    rest = rest[rest >= len(sim.gender_of)]
    gender[rest] = GENDERS[quota(sim.rng, len(rest), [0.45, 0.48, 0.01, 0.03])]
    return gender


def _home_countries(sim: Sim, n: int) -> np.ndarray:
    """Index into countries.CODES of each account's usual login country (222 reachable)."""
    reach = np.array([C.CODES.index(c) for c in C.REACHABLE])
    weights = np.ones(len(reach))
    for code, w in HOME_WEIGHTS.items():
        weights[reach == C.CODES.index(code)] = w
    return reach[sim.rng.choice(len(reach), n, p=weights / weights.sum())]


def append_users(sim: Sim, idx, created, role, home) -> None:
    """Accounts added after `finish` (anchor and edge free users): dormant, female."""
    w = sim.w
    k = len(idx)
    w.users = {
        "created": np.r_[w.users["created"], created],
        "gender": np.r_[w.users["gender"], np.full(k, "female", dtype=object)],
        "is_test": np.r_[w.users["is_test"], np.zeros(k, bool)],
        "deleted": np.r_[w.users["deleted"], np.full(k, NULL, np.int64)],
        "role": np.r_[w.users["role"], np.full(k, role, np.int8)],
    }
    w.act_start = np.r_[w.act_start, created]
    w.act_end = np.r_[w.act_end, created]
    w.rate = np.r_[w.rate, np.zeros(k)]
    w.home_country = np.r_[w.home_country, home]


# ---------------------------------------------------------------------- the users export
@dataclass
class UserDraws:
    """Every rendering choice of the users export, drawn once for all rows (in id order) so
    that a record repeated in the older file is byte-identical unless a trap changes it."""

    ids: np.ndarray
    created: np.ndarray
    deleted: np.ndarray
    first: np.ndarray
    last: np.ndarray
    birth: np.ndarray
    versions: older_files.UserVersions
    upper_email: np.ndarray
    gender: np.ndarray
    flags: np.ndarray
    z: np.ndarray


def _draws(rng: np.random.Generator, u: dict) -> UserDraws:
    n = len(u["id"])
    order = np.argsort(u["id"])
    created, deleted = u["created"][order], u["deleted"][order]
    gender = u["gender"][order]
    first = rng.integers(0, len(FIRST_NAMES), n).astype(np.int8)
    last = rng.integers(0, len(LAST_NAMES), n).astype(np.int8)
    birth = np.where(rng.random(n) < 0.1, NULL, rng.integers(day(1960, 1, 1), day(2006, 1, 1), n))
    versions = older_files.user_versions(rng, created, deleted, gender)
    upper_email = rng.random(n) < 0.05
    g_new = gender.astype(object).copy()
    g_new[g_new == ""] = None
    g_new = encoding.messy_apply(g_new, *encoding.messy_draw(rng, gender != "", 0.03))
    flags = encoding.test_account_flags(rng, u["is_test"][order])
    z = encoding.zmask(rng, n)
    return UserDraws(
        u["id"][order], created, deleted, first, last, birth, versions, upper_email, g_new,
        flags, z,
    )  # fmt: skip


def _emails(d: UserDraws, rows: np.ndarray) -> np.ndarray:
    """first.last<id>@example.org, lower case without spaces or quotes; 5% upper case."""
    email = pc.binary_join_element_wise(
        pc.utf8_lower(pa.array(FIRST_NAMES[d.first[rows]])),
        ".",
        pc.utf8_lower(pa.array(LAST_NAMES[d.last[rows]])),
        pc.cast(pa.array(d.ids[rows]), pa.string()),
        "@example.org",
        "",
    )
    email = pc.replace_substring(pc.replace_substring(email, " ", ""), "'", "")
    email = email.to_numpy(zero_copy_only=False).astype(object)
    up = d.upper_email[rows]
    email[up] = [x.upper() for x in email[up]]
    return email


def _rows(d: UserDraws, rows: np.ndarray, old: bool, lo: int, hi: int) -> Chunk:
    r = rows[lo:hi]
    v = d.versions
    deleted, gender = d.deleted[r], d.gender[r]
    if old:
        deleted, gender = older_files.user_old_values(v, r, deleted, gender)
    gone = deleted != NULL  # PII: a deleted account keeps its history, not its identity
    fn, ln, em = FIRST_NAMES[d.first[r]], LAST_NAMES[d.last[r]], _emails(d, r)
    fn[gone], ln[gone], em[gone] = None, None, None
    cols = {
        "user_id": d.ids[r],
        "created_at": d.created[r],
        "updated_at": (v.upd_old if old else v.upd_new)[r],
        "email": em,
        "first_name": fn,
        "last_name": ln,
        "birth_date": np.where(gone, NULL, d.birth[r]),
        "gender": gender,
        "is_test_account": d.flags[r],
        "deleted_at": deleted,
    }
    return cols, d.z[r]


def write(files: ExportFiles, w: World) -> None:
    """Both users files, streamed in chunks of rows (3 M accounts at scale 1.0)."""
    d = _draws(files.rng, w.users)
    n = len(d.ids)
    for date, old in ((OLD_FILE, True), (NEW_FILE, False)):
        rows = np.flatnonzero(older_files.in_old_file(d.created)) if old else np.arange(n)
        files.write_chunks("users", date, len(rows), partial(_rows, d, rows, old))
    older_files.count_user_traps(files.traps, d.versions)
    files.progress(f"users: {n} accounts")
