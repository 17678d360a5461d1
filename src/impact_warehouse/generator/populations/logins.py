"""Logins (Parquet, one folder per UTC month): random logins drawn one month at a time
(Poisson number of events per active account) plus the logins forced by the other modules
(declarers' activity, anchors, edges), written by a second thread while the next month is
drawn. The M-REA-1/2 truth (free users and countries per Paris year) is accumulated on the
way, so no month is kept in memory."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import pyarrow as pa

from .. import countries as C
from ..exports import parquet_schema, values
from ..files import ExportFiles, check_columns
from ..model import P_END, P_START, YEARS, span_end
from ..render import write_parquet
from ..timeutil import DAY, day, paris_day, year_of_day
from ..traps import layout
from ..world import Sim, World, cat

CODES = np.array(C.CODES + list(C.PSEUDO_CODES), dtype=object)
PSEUDO0 = len(C.CODES)  # country indices >= PSEUDO0 are pseudo-codes, -1 is NULL
CODE_DICT = pa.array(list(CODES) + [c.lower() + " " for c in CODES], pa.string())
PLATFORMS = pa.array(values("logins", "platform"), pa.string())
MONTHS = np.arange(np.datetime64("2018-12"), np.datetime64("2024-07"))
T0 = P_START * DAY - 3600  # 2019-01-01 00:00 Paris
T1 = (P_END + 1) * DAY - 7200  # 2024-07-01 00:00 Paris
WRITES_AHEAD = 2  # months waiting for the writer thread


def force_login(sim: Sim, users, utc, country: np.ndarray | str | None = None) -> None:
    """A login written on purpose (country: the user's home country unless given)."""
    users = np.asarray(users, np.int64)
    k = len(users)
    if country is None:
        cc = np.full(k, -1, np.int64)  # -1: the user's home country
    elif isinstance(country, str):
        cc = np.full(k, C.CODES.index(country), np.int64)
    else:
        cc = np.asarray(country, np.int64)
    sim.forced.append({"user": users, "utc": np.asarray(utc, np.int64), "country": cc})


def collect_forced(sim: Sim) -> None:
    sim.w.forced_logins = cat(sim.forced)


class ReachTruth:
    """M-REA-1/2 per Paris year: who logged in, and from which valid country as a free user
    (not enrolled that year, not a test account)."""

    def __init__(self, w: World) -> None:
        e = w.enrollments
        n = len(w.users["id"])
        live = ~e["cancelled"]
        sp_end = span_end(e["grad"], e["ended"], e["expected"])
        self.enrolled = np.zeros((n, len(YEARS) + 1), bool)
        for yi, y in enumerate(YEARS):
            hit = live & (e["start"] <= day(y, 12, 31)) & (sp_end >= day(y, 1, 1))
            self.enrolled[e["user"][hit], yi] = True
        self.has_login = np.zeros((n, len(YEARS) + 1), bool)
        self.seen = np.zeros((len(YEARS), PSEUDO0), np.int64)
        self.is_test = w.users["is_test"]

    def add(self, users, ts, country) -> None:
        py = year_of_day(paris_day(ts)) - YEARS[0]  # G-1: the Paris year
        okyr = (py >= 0) & (py < len(YEARS))
        self.has_login[users[okyr], py[okyr]] = True
        free = okyr & ~self.enrolled[users, np.clip(py, 0, len(YEARS))] & ~self.is_test[users]
        fv = free & (country >= 0) & (country < PSEUDO0)
        self.seen += np.bincount(
            py[fv] * PSEUDO0 + country[fv], minlength=len(YEARS) * PSEUDO0
        ).reshape(len(YEARS), PSEUDO0)

    def result(self) -> dict:
        free_users, countries = {}, {}
        for yi, y in enumerate(YEARS):
            free = self.has_login[:, yi] & ~self.enrolled[:, yi] & ~self.is_test
            free_users[y] = int(free.sum())
            countries[y] = int((self.seen[yi] > 0).sum())
        return {"free_users": free_users, "countries": countries}


def _month_events(rng: np.random.Generator, w: World, m0: int, m1: int, forced: dict):
    """Random logins of every account active in [m0, m1) plus the month's forced logins:
    (users, UTC seconds, country index, platform index), sorted by time then user."""
    lo = np.maximum(w.act_start, m0)
    hi = np.minimum(w.act_end, m1)
    act = np.flatnonzero((hi > lo) & (w.rate > 0))
    k = rng.poisson(w.rate[act] * (hi[act] - lo[act]) / DAY)
    users = np.repeat(act, k)
    ts = lo[users] + (rng.random(len(users)) * (hi[users] - lo[users])).astype(np.int64)
    fu, fc = forced["user"], forced["country"]
    users, ts = np.r_[users, fu], np.r_[ts, forced["utc"]]
    country = _countries(rng, w, users, fu, fc)
    rp = rng.random(len(users))
    plat = ((rp >= 0.6).astype(np.int32) + (rp >= 0.8)).astype(np.int32)  # web/ios/android
    # by time, then user: one int64 key, the user index in the low bits (2^22 up to scale 1.0)
    order = np.argsort(ts * (1 << max(22, len(w.rate).bit_length())) + users)
    return users[order], ts[order], country[order], plat[order]


def _countries(rng, w: World, users, fu, fc) -> np.ndarray:
    """Home country, 3% travelling (to a reachable country), forced countries, then 1.5%
    pseudo-codes and 1% NULL (M-REA-2)."""
    reach = np.array([C.CODES.index(c) for c in C.REACHABLE])
    country = w.home_country[users].copy()
    travel = rng.random(len(users)) < 0.03
    country[travel] = reach[rng.integers(0, len(reach), int(travel.sum()))]
    country[len(users) - len(fu) :] = np.where(fc >= 0, fc, w.home_country[fu])
    r = rng.random(len(users))
    pseudo = r < 0.015
    country[pseudo] = PSEUDO0 + rng.integers(0, len(C.PSEUDO_CODES), int(pseudo.sum()))
    country[(r >= 0.015) & (r < 0.025)] = -1
    return country


def _table(rng, w: World, users, ts, country, plat) -> pa.Table:
    """The month as Arrow; 1% of the codes in lower case with a trailing space."""
    lower = (rng.random(len(users)) < 0.01) & (country >= 0)
    idx = np.where(lower, country + len(CODES), country).astype(np.int32)
    cc = pa.DictionaryArray.from_arrays(
        pa.array(np.where(idx < 0, 0, idx), pa.int32(), mask=idx < 0), CODE_DICT
    ).cast(pa.string())
    pl = pa.DictionaryArray.from_arrays(pa.array(plat), PLATFORMS).cast(pa.string())
    columns = {
        "user_id": pa.array(w.users["id"][users], pa.int64()),
        "logged_in_at": pa.array(ts * 1_000_000, pa.int64()).cast(pa.timestamp("us")),
        "ip_country_code": cc,
        "platform": pl,
    }
    check_columns("logins", columns)
    schema = parquet_schema("logins")
    return pa.table([columns[name] for name in schema.names], schema=schema)


def write(files: ExportFiles, w: World) -> dict:
    """Every month folder; returns the M-REA-1/2 truth (free users, countries per year)."""
    rng = files.rng
    truth = ReachTruth(w)
    fl = w.forced_logins
    fl_month = fl["utc"].astype("datetime64[s]").astype("datetime64[M]")
    pool = ThreadPoolExecutor(max_workers=1)
    pending: list[Future] = []
    total = 0
    for mi, m in enumerate(MONTHS):
        m0 = max(int(m.astype("datetime64[s]").astype(np.int64)), T0)
        m1 = min(int((m + 1).astype("datetime64[s]").astype(np.int64)), T1)
        sel = fl_month == m
        forced = {k: v[sel] for k, v in fl.items()}
        users, ts, country, plat = _month_events(rng, w, m0, m1, forced)
        truth.add(users, ts, country)
        table = _table(rng, w, users, ts, country, plat)
        folder = files.out / "logins" / f"month={m}"
        for part, path in layout.login_parts(rng, files.traps, str(m), table, folder):
            while len(pending) > WRITES_AHEAD:
                pending.pop(0).result()
            pending.append(pool.submit(write_parquet, part, path))
        total += table.num_rows
        if mi % 6 == 5 or mi == len(MONTHS) - 1:
            files.progress(f"logins: {m} ({total:,} events so far)")
    for f in pending:
        f.result()
    pool.shutdown()
    files.row_counts["logins"] = total
    return truth.result()
