"""G-2: internal QA accounts with complete histories in every export, excluded everywhere:
an application, an apprenticeship graduated on time, a refugee profile and a QPV address
(populations.profiles), a placed-looking job outcome, a counted-looking declaration and
logins (one from Antarctica in 2023, traps.reach)."""

from __future__ import annotations

import numpy as np

from ..model import F_APPRENTICE, NULL, P_END, ROLE_TEST, time_of_day, uniform_int
from ..populations import accounts, paths
from ..timeutil import DAY, add_months, at_paris, day
from ..world import Cols, Sim, cat


def simulate(sim: Sim) -> None:
    """The accounts, their applications and enrolments (sets sim.test_users, sim.is_test)."""
    rng = sim.rng
    k = max(3, sim.n(300))
    sub_day = uniform_int(rng, np.full(k, day(2022, 10, 1)), np.full(k, day(2023, 3, 31)))
    sub = at_paris(sub_day, time_of_day(rng, k))
    users = accounts.new_users(
        sim, sub - 30 * DAY, ROLE_TEST, 0.5, active_until_utc=np.full(k, P_END * DAY)
    )
    napp = len(sim.w.applications["user"])
    sim.w.applications = cat([sim.w.applications, _applications(sim, users, sub_day, sub, napp)])
    start = sub_day + 10
    path = paths.pick_paths(sim, start)
    expected = add_months(start, 6) - 1
    enrolments = {
        "user": users,
        "path": path,
        "app": np.arange(napp, napp + k, dtype=np.int64),
        "funding": np.full(k, F_APPRENTICE),
        "start": start,
        "cancelled": np.zeros(k, bool),
        "expected": expected,
        "grad": expected - 1,
        "ended": expected - 1,
        "status": np.full(k, "graduated", dtype=object),
    }
    sim.w.enrollments = cat([sim.w.enrollments, enrolments])
    sim.traps["G-2: test accounts with full histories"] = k
    sim.test_users = np.asarray(users)
    sim.is_test = np.zeros(sim.accounts.n, bool)
    sim.is_test[users] = True


def _applications(sim: Sim, users, sub_day, sub, napp: int) -> Cols:
    k = len(users)
    return {
        "user": users,
        "path": paths.pick_paths(sim, sub_day),
        "submitted_at": sub,
        "status": np.full(k, "admitted", dtype=object),
        "decided_at": sub + 3 * DAY,
        "funding": np.full(k, F_APPRENTICE),
        "zforce": np.zeros(k, bool),
        "linked": np.ones(k, bool),
        "cancel_link": np.zeros(k, bool),
        "sub_day": sub_day,
        "app_idx": np.arange(napp, napp + k),
    }


def responses(sim: Sim, e: Cols) -> Cols:
    """A placed-looking response of each graduated test account."""
    ti = np.flatnonzero(np.isin(e["user"], sim.test_users) & (e["grad"] != NULL))
    return {
        "enr": ti,
        "collected": at_paris(e["grad"][ti] + 20, time_of_day(sim.rng, len(ti))),
        "situation": np.full(len(ti), "employed", dtype=object),
        "job_start": e["grad"][ti] + 10,
        "zforce": np.zeros(len(ti), bool),
        "related": np.full(len(ti), True, dtype=object),
    }


def declarations(sim: Sim, book) -> None:
    """A counted-looking declaration of each test account (May 1 2023)."""
    book.decl(sim.test_users, np.full(len(sim.test_users), day(2023, 5, 1)))
