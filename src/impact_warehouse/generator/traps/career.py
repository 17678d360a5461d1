"""M-CAR traps: hand-made declarers whose count is known by construction. `book` is the
populations.declarations.Book being filled (declarations, dormant accounts, forced logins,
designed counts)."""

from __future__ import annotations

import numpy as np

from ..model import F_APPRENTICE, NULL, P_END, uniform_int
from ..populations import paths
from ..timeutil import add_months, at_paris, day, year_of_day
from ..world import Sim, cat

# free users logging in and declaring on each date: (trap, dates, years counted once each)
SEQUENCES = [
    ("M-CAR-3: chain Jan 1, Jul 1, Jan 2 next year (counts twice)",
     [(2022, 1, 1), (2022, 7, 1), (2023, 1, 2)], [2022, 2023]),
    ("M-CAR-3: declarations exactly 12 months apart (both count)",
     [(2022, 3, 15), (2023, 3, 15)], [2022, 2023]),
    ("M-CAR-3: declarations 11 months apart (second does not count)",
     [(2022, 3, 15), (2023, 2, 15)], [2022]),
    ("M-CAR-3: Feb 29 then Feb 28 next year (both count)",
     [(2020, 2, 29), (2021, 2, 28)], [2020, 2021]),
]  # fmt: skip


def fixed(k: int, y: int, m: int, d: int) -> np.ndarray:
    return np.full(k, day(y, m, d), np.int64)


def sequences(sim: Sim, book) -> None:
    """M-CAR-3: the 12-month rule on chains of declarations of the same free users."""
    t = sim.trap_n
    for trap, dates, counted in SEQUENCES:
        u = book.dormant(fixed(t, *dates[0]))
        for dd in dates:
            book.login(u, fixed(t, *dd))
            book.decl(u, fixed(t, *dd))
        for y in counted:
            book.designed[(y, "free_user")] += t
        sim.traps[trap] = t


def _in_2023(sim: Sim) -> np.ndarray:
    t = sim.trap_n
    return uniform_int(sim.rng, fixed(t, 2023, 2, 1), fixed(t, 2023, 12, 31))


def activity_edges(sim: Sim, book) -> None:
    """M-CAR-2: the only login exactly 365 days before the declaration (active), 366 days
    before (inactive), or never (inactive)."""
    t = sim.trap_n
    d = _in_2023(sim)
    u = book.dormant(d - 365)
    book.login(u, d - 365)
    book.decl(u, d)
    book.designed[(2023, "free_user")] += t
    sim.traps["M-CAR-2: only login exactly 365 days before (active)"] = t
    d = _in_2023(sim)
    u = book.dormant(d - 366)
    book.login(u, d - 366)
    book.decl(u, d)
    sim.traps["M-CAR-2: only login 366 days before (inactive)"] = t
    d = _in_2023(sim)
    u = book.dormant(d - 10)
    book.decl(u, d)
    sim.traps["M-CAR-2: declarer who never logged in"] = t


def cancelled_apprenticeship(sim: Sim, book) -> None:
    """M-CAR-4/G-5: a declarer whose only enrolment, an apprenticeship covering the date, is
    cancelled: a free user (active by a login the day before)."""
    t = sim.trap_n
    d = _in_2023(sim)
    u = book.dormant(d - 20)
    book.login(u, d - 1)
    book.decl(u, d)
    m = len(sim.w.enrollments["user"])
    cancelled = {
        "user": u,
        "path": paths.pick_paths(sim, d),
        "app": np.full(t, NULL, np.int64),
        "funding": np.full(t, F_APPRENTICE),
        "start": d - 10,
        "cancelled": np.ones(t, bool),
        "expected": add_months(d - 10, 12),
        "grad": np.full(t, NULL, np.int64),
        "ended": d - 3,
        "status": np.full(t, "cancelled", dtype=object),
        "enr_idx": np.arange(t) + m,
        "describing": np.zeros(t, bool),
    }
    sim.w.enrollments = cat([sim.w.enrollments, cancelled])
    book.designed[(2023, "free_user")] += t
    sim.traps["M-CAR-4: declarer holding only a cancelled apprenticeship (free user)"] = t


def deletions(sim: Sim, book) -> None:
    """M-CAR-2: an account deleted 200 days after its declaration (counts) and one deleted
    15 days before it declares (does not count)."""
    t = sim.trap_n
    d = uniform_int(sim.rng, fixed(t, 2022, 2, 1), fixed(t, 2022, 11, 30))
    u = book.dormant(d - 30)
    book.login(u, d - 30)
    book.decl(u, d)
    _delete(sim, u, at_paris(d + 200, np.full(t, 43200)))
    book.designed[(2022, "free_user")] += t
    sim.traps["M-CAR-2: account deleted after its declaration (counts)"] = t
    u = book.dormant(d - 30)
    book.login(u, d - 30)
    book.decl(u, d + 10)
    _delete(sim, u, at_paris(d - 5, np.full(t, 43200)))
    sim.traps["M-CAR-2: declaration after the account was deleted"] = t


def _delete(sim: Sim, users, utc) -> None:
    sim.deleted_at["user"] = np.r_[sim.deleted_at["user"], users]
    sim.deleted_at["utc"] = np.r_[sim.deleted_at["utc"], utc]


def never_logged_in_students(sim: Sim, book, live, app_users, sp_end, used) -> None:
    """M-CAR-2 by the enrolment span alone: former students who never log in (their random
    logins are switched off), declaring 11 months after graduating (active, student) or
    30 days after the span end (inactive)."""
    e, t = sim.w.enrollments, sim.trap_n
    per_user = np.bincount(e["user"][live], minlength=sim.accounts.n)
    cand = live[
        (e["grad"][live] != NULL)
        & (per_user[e["user"][live]] == 1)
        & ~np.isin(e["user"][live], app_users)
    ]
    d_in = add_months(np.where(e["grad"][cand] != NULL, e["grad"][cand], 0), 11)
    d_out = sp_end[cand] + 30
    perm = sim.rng.permutation(len(cand))
    sel_in = perm[((d_in <= P_END) & (d_in >= day(2020, 1, 1)))[perm]][:t]
    rest = perm[~np.isin(perm, sel_in)]
    sel_out = rest[(d_out <= P_END)[rest]][:t]
    for sel, dd in ((sel_in, d_in), (sel_out, d_out)):
        users = e["user"][cand[sel]]
        used[users] = True
        sim.dormant_users.append(users)
        book.decl(users, dd[sel])
    for yy, c in zip(*np.unique(year_of_day(d_in[sel_in]), return_counts=True), strict=True):
        book.designed[(int(yy), "student")] += int(c)
    sim.traps["M-CAR-2: never-logged-in former student, 11 months after graduating"] = len(sel_in)
    sim.traps["M-CAR-2: never-logged-in former student, after the span end (inactive)"] = len(
        sel_out
    )


def free_user_decoys(sim: Sim, book, free_k: int, lo: int, hi: int) -> None:
    """M-CAR-1: 12% more active free users whose declaration does not count: credits false,
    credits empty, outcome `other` (a third each)."""
    nd = max(3, int(round(0.12 * free_k)))
    d = uniform_int(sim.rng, np.full(nd, lo), np.full(nd, hi))
    u = book.dormant(d)
    book.login(u, d)
    third = nd // 3
    book.decl(u[:third], d[:third], credits=False)
    book.decl(u[third : 2 * third], d[third : 2 * third], credits=None)
    book.decl(u[2 * third :], d[2 * third :], otype="other")
    sim.traps["M-CAR-1: credits_openclassrooms false"] += third
    sim.traps["M-CAR-1: credits_openclassrooms empty"] += third
    sim.traps["M-CAR-1: outcome_type other"] += nd - 2 * third
