"""M-REA-2: the countries reached. One anchor free user per reachable country logs in once
in 2023 (so free_user_countries is exactly 222), and two 2023 logins come from Antarctica,
outside the 222, by accounts that are not free users (a test account and a student)."""

from __future__ import annotations

import numpy as np

from .. import countries as C
from ..model import ROLE_ANCHOR, span_end, time_of_day, uniform_int
from ..populations import accounts, logins
from ..timeutil import at_paris, day
from ..world import Sim


def anchors(sim: Sim) -> None:
    rng = sim.rng
    reach = np.array([C.CODES.index(c) for c in C.REACHABLE])
    k = len(reach)
    d = uniform_int(rng, np.full(k, day(2023, 1, 10)), np.full(k, day(2023, 12, 20)))
    first = len(sim.w.users["created"])
    idx = np.arange(first, first + k)
    accounts.append_users(sim, idx, at_paris(d - 100, np.full(k, 36000)), ROLE_ANCHOR, reach)
    logins.force_login(sim, idx, at_paris(d, time_of_day(rng, k)), reach)
    sim.traps["M-REA-2: one free user per reachable country in 2023"] = k


def antarctica(sim: Sim) -> None:
    w = sim.w
    logins.force_login(
        sim,
        np.flatnonzero(w.users["is_test"])[:1],
        np.full(1, at_paris(day(2023, 5, 5), 40000)),
        "AQ",
    )
    e = w.enrollments
    st = np.flatnonzero(
        ~e["cancelled"]
        & (e["start"] <= day(2023, 6, 1))
        & (span_end(e["grad"], e["ended"], e["expected"]) >= day(2023, 6, 6))
        & ~w.users["is_test"][e["user"]]
        & (w.rate[e["user"]] > 0)
    )
    logins.force_login(sim, e["user"][st[:1]], np.full(1, at_paris(day(2023, 6, 6), 40000)), "AQ")
    sim.traps["M-REA-2: 2023 login from Antarctica (AQ) by a test account / a student"] = 2
