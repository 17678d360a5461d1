"""Career outcome declarations (M-CAR): counted declarations by exact quota per (year,
segment): students and apprentices declare inside one of their enrolment spans, free users
are dormant accounts whose only logins are written for the purpose (so activity is known
exactly); decoys and hand-made chains come from traps.career."""

from __future__ import annotations

import numpy as np

from ..exports import values
from ..files import ExportFiles
from ..model import (
    CAREER,
    CAREER_SEGMENTS,
    F_APPRENTICE,
    P_END,
    P_START,
    ROLE_DECLARER,
    YEARS,
    k_of,
    span_end,
    time_of_day,
    uniform_int,
    year_start,
)
from ..timeutil import at_paris, day, paris_day
from ..traps import career, encoding, new_year, older_files, test_accounts
from ..world import Cols, Sim, World, cat
from . import accounts, logins

POSITIVE = np.array(
    ["new_job", "new_job", "new_job", "new_internship", "new_apprenticeship",
     "business_creation", "promotion", "salary_increase", "internal_mobility"],
    dtype=object,
)  # fmt: skip
SEGMENTS = ("student", "apprentice", "free_user")
CHANNELS = np.array(values("career_outcome_declarations", "channel"), dtype=object)
COMMENTS = np.array(
    ["Thanks to the Data path I got hired!", "Contact me: jane.doe@example.com",
     "Call me at +33 6 12 34 56 78, happy to testify", 'Promoted to "lead", thanks',
     "New job\nat ACME, Lyon", "", "merci OC, j'ai trouvé un CDI"],
    dtype=object,
)  # fmt: skip


class Book:
    """The declarations drawn so far and the designed count of each (year, segment)."""

    def __init__(self, sim: Sim) -> None:
        self.sim = sim
        self.rows: list[Cols] = []
        self.designed = {(y, s): 0 for y in YEARS for s in SEGMENTS}

    def decl(self, users, days, secs=None, credits=True, otype=None, z=None) -> None:
        rng = self.sim.rng
        k = len(users)
        secs = time_of_day(rng, k) if secs is None else np.broadcast_to(secs, (k,))
        ot = otype if otype is not None else POSITIVE[rng.integers(0, len(POSITIVE), k)]
        self.rows.append(
            {
                "user": np.asarray(users, np.int64),
                "declared": at_paris(days, secs),
                "otype": np.broadcast_to(np.asarray(ot, dtype=object), (k,)).copy(),
                "credits": np.full(k, credits, dtype=object),
                "zforce": np.zeros(k, bool) if z is None else np.broadcast_to(z, (k,)).copy(),
            }
        )

    def dormant(self, first_login_days) -> np.ndarray:
        """New accounts without random logins, created 05:00 Paris on the given days."""
        k = len(first_login_days)
        at = at_paris(first_login_days, np.full(k, 5 * 3600))
        return accounts.new_users(self.sim, at, ROLE_DECLARER, 0)

    def login(self, users, days, secs=None) -> None:
        """A login between 07:00 and 09:00 Paris on each day."""
        k = len(users)
        secs = self.sim.rng.integers(7 * 3600, 9 * 3600, k) if secs is None else secs
        logins.force_login(self.sim, users, at_paris(days, secs))


def simulate(sim: Sim) -> None:
    book = Book(sim)
    career.sequences(sim, book)
    new_year.declaration(sim, book)
    career.activity_edges(sim, book)
    career.cancelled_apprenticeship(sim, book)
    career.deletions(sim, book)
    # students and apprentices: a date inside one of their spans
    e = sim.w.enrollments
    live = np.flatnonzero(~e["cancelled"] & ~np.isin(e["user"], sim.test_users))
    app_users = np.unique(e["user"][live][e["funding"][live] == F_APPRENTICE])
    sp_end = span_end(e["grad"], e["ended"], e["expected"])
    used = np.zeros(sim.accounts.n, bool)
    sim.w.expected["career"] = {}
    career.never_logged_in_students(sim, book, live, app_users, sp_end, used)
    for y in YEARS:
        _year(sim, book, live, app_users, sp_end, used, y)
    test_accounts.declarations(sim, book)
    sim.w.declarations = cat(book.rows)
    sim.w.expected["career_designed"] = book.designed


def _year(sim: Sim, book: Book, live, app_users, sp_end, used, y: int) -> None:
    """The counted declarations of year y: apprentices, students, then free users."""
    rng = sim.rng
    total = sim.n(CAREER[y])
    st_share, ap_share = CAREER_SEGMENTS[y]
    k_st, k_ap = max(1, k_of(st_share, total)), max(1, k_of(ap_share, total))
    lo, hi = int(year_start(y)), min(int(year_start(y + 1)) - 1, P_END)
    for seg, k in (("apprentice", k_ap), ("student", k_st)):
        _enrolled(sim, book, live, app_users, sp_end, used, seg, k, lo, hi)
        book.designed[(y, seg)] += k
    free_k = total - sum(book.designed[(y, seg)] for seg in SEGMENTS)
    assert free_k > 0
    d = uniform_int(rng, np.full(free_k, lo), np.full(free_k, hi))
    back = np.minimum(rng.integers(0, 366, free_k), d - P_START)
    u = book.dormant(d - back)
    book.login(u, d - back)
    book.decl(u, d)
    book.designed[(y, "free_user")] += free_k
    career.free_user_decoys(sim, book, free_k, lo, hi)


def _enrolled(sim: Sim, book: Book, live, app_users, sp_end, used, seg, k, lo, hi) -> None:
    """k declarers of a segment, one per person, on a day of an enrolment span in lo..hi."""
    e = sim.w.enrollments
    if seg == "apprentice":
        pool = live[e["funding"][live] == F_APPRENTICE]
    else:
        pool = live[~np.isin(e["user"][live], app_users)]
    a0 = np.maximum(e["start"][pool], lo)
    a1 = np.minimum(sp_end[pool], hi)
    pool, a0, a1 = pool[a0 <= a1], a0[a0 <= a1], a1[a0 <= a1]
    pick = sim.rng.permutation(len(pool))
    pick = pick[~used[e["user"][pool[pick]]]]
    _, first = np.unique(e["user"][pool[pick]], return_index=True)
    pick = pick[np.sort(first)][:k]
    assert len(pick) == k, (lo, seg, len(pick), k)
    used[e["user"][pool[pick]]] = True
    book.decl(e["user"][pool[pick]], uniform_int(sim.rng, a0[pick], a1[pick]))


def write(files: ExportFiles, w: World) -> None:
    d, rng = w.declarations, files.rng
    d = {k: v[np.argsort(d["id"])] for k, v in d.items()}
    n = len(d["id"])
    comment = COMMENTS[rng.integers(0, len(COMMENTS), n)]
    comment[comment == ""] = None
    channel = CHANNELS[rng.integers(0, 3, n)]
    credits = encoding.booleans(rng, d["credits"])
    outcome = encoding.messy(rng, d["otype"], 0.02)
    channel = encoding.messy(rng, channel, 0.02)
    z = encoding.zmask(rng, n) | d["zforce"]
    cols = {
        "declaration_id": d["id"],
        "user_id": w.users["id"][d["user"]],
        "declared_at": d["declared"],
        "outcome_type": outcome,
        "credits_openclassrooms": credits,
        "channel": channel,
        "comment": comment,
    }
    older_files.append_only(
        files, "career_outcome_declarations", paris_day(d["declared"]), cols, z, day(2023, 10, 1)
    )
    files.progress(f"career_outcome_declarations: {n} declarations")
