"""G-1: timestamps near the Paris year boundary, where the UTC date is in the other year.

Each function is called by its population at the point of the run where its draws belong.
"""

from __future__ import annotations

import numpy as np

from .. import countries as C
from ..model import ROLE_ANCHOR
from ..populations import accounts, logins
from ..timeutil import at_paris, day
from ..world import Sim


def applications(sim: Sim, single, first_day, last_day, sub_day, sub_utc, zforce) -> None:
    """Single applications submitted 00:xx Paris on Jan 1 written with `Z` (so on Dec 31 in
    UTC: they count in the new year) and 23:xx Paris on Dec 31 (they stay in the old year).
    Modifies the submission days, instants and Z masks in place."""
    rng, t = sim.rng, sim.trap_n
    singles = np.flatnonzero(single == 1)[:t]
    sub_day[singles] = first_day
    sub_utc[singles] = at_paris(sub_day[singles], rng.integers(60, 3540, len(singles)))
    zforce[singles] = True
    sim.traps["G-1: application submitted 00:xx Paris on Jan 1, written as Z"] += len(singles)
    singles2 = np.flatnonzero(single == 1)[t : 2 * t]
    sub_day[singles2] = last_day
    sub_utc[singles2] = at_paris(
        sub_day[singles2], rng.integers(23 * 3600 + 60, 23 * 3600 + 3540, len(singles2))
    )
    sim.traps["G-1: application submitted 23:xx Paris on Dec 31"] += len(singles2)


def free_user_logins(sim: Sim) -> None:
    """Free users whose only 2023 login is 00:30 Paris on Jan 1 2023 (23:30Z Dec 31) or whose
    only 2022 login is 23:30 Paris on Dec 31 2022, the latter also logging in at 00:20 Paris
    on 2019-01-01 (UTC month 2018-12)."""
    t = sim.trap_n
    first = len(sim.w.users["created"])
    edge = np.arange(first, first + 2 * t)
    accounts.append_users(
        sim,
        edge,
        np.full(2 * t, at_paris(day(2018, 6, 1), 36000)),
        ROLE_ANCHOR,
        np.full(2 * t, C.CODES.index("FR")),
    )
    logins.force_login(sim, edge[:t], np.full(t, at_paris(day(2023, 1, 1), 1800)))
    logins.force_login(sim, edge[t:], np.full(t, at_paris(day(2022, 12, 31), 23 * 3600 + 1800)))
    logins.force_login(sim, edge[t:], np.full(t, at_paris(day(2019, 1, 1), 1200)))
    sim.traps["G-1: login at 00:20 Paris on 2019-01-01 (partition month=2018-12)"] = t
    sim.traps["G-1: free user whose only login is 00:30 Paris Jan 1 (2023)"] = t
    sim.traps["G-1: free user whose only login is 23:30 Paris Dec 31 (2022)"] = t


def declaration(sim: Sim, book) -> None:
    """A declaration at 00:30 Paris on Jan 1 2023 written `2022-12-31T23:30:00Z`: it counts
    in 2023 (free users active by a login on Dec 20)."""
    t = sim.trap_n
    u = book.dormant(np.full(t, day(2022, 12, 20), np.int64))
    book.login(u, np.full(t, day(2022, 12, 20), np.int64))
    book.decl(u, np.full(t, day(2023, 1, 1), np.int64), secs=1800, z=True)
    book.designed[(2023, "free_user")] += t
    sim.traps["G-1: declared 00:30 Paris Jan 1 2023 written 2022-12-31T23:30:00Z"] = t
