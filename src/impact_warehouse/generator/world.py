"""The simulation's shared state: the `World` of records and the `Sim` context.

A `World` holds one dict of numpy columns per entity (clean, latest versions, internal user
indices); `Sim` carries what the population and trap modules share while they build it: the
one seeded random generator, the scale, the account registry and the forced logins.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

Cols = dict[str, np.ndarray]


def cat(parts: list[Cols]) -> Cols:
    """Concatenate column dicts with the same keys (empty parts skipped)."""
    parts = [p for p in parts if p and len(next(iter(p.values()))) > 0]
    keys = list(parts[0])
    return {k: np.concatenate([np.asarray(p[k]) for p in parts]) for k in keys}


@dataclass
class World:
    scale: float
    paths: Cols = field(default_factory=dict)
    users: Cols = field(default_factory=dict)
    applications: Cols = field(default_factory=dict)
    enrollments: Cols = field(default_factory=dict)
    profiles: Cols = field(default_factory=dict)
    addresses: Cols = field(default_factory=dict)
    responses: Cols = field(default_factory=dict)
    declarations: Cols = field(default_factory=dict)
    forced_logins: Cols = field(default_factory=dict)
    # users' random-login model (per internal user index)
    act_start: np.ndarray | None = None
    act_end: np.ndarray | None = None
    rate: np.ndarray | None = None
    home_country: np.ndarray | None = None  # index into countries.CODES
    traps: Counter = field(default_factory=Counter)
    expected: dict = field(default_factory=dict)  # designed quotas, checked against truth


@dataclass
class Accounts:
    """Accounts, allocated by role; user ids are assigned at the end by creation time."""

    created: list[np.ndarray] = field(default_factory=list)  # UTC seconds
    act_start: list[np.ndarray] = field(default_factory=list)  # random-login interval, UTC s
    act_end: list[np.ndarray] = field(default_factory=list)
    rate: list[np.ndarray] = field(default_factory=list)  # random logins per day (0 = dormant)
    role: list[np.ndarray] = field(default_factory=list)
    n: int = 0

    def add(self, created, start, end, rate, role: int) -> np.ndarray:
        created = np.asarray(created, np.int64)
        k = len(created)
        self.created.append(created)
        self.act_start.append(np.broadcast_to(np.asarray(start, np.int64), (k,)).copy())
        self.act_end.append(np.broadcast_to(np.asarray(end, np.int64), (k,)).copy())
        self.rate.append(np.broadcast_to(np.asarray(rate, np.float64), (k,)).copy())
        self.role.append(np.full(k, role, np.int8))
        idx = np.arange(self.n, self.n + k)
        self.n += k
        return idx

    def arrays(self):
        return (
            np.concatenate(self.created),
            np.concatenate(self.act_start),
            np.concatenate(self.act_end),
            np.concatenate(self.rate),
            np.concatenate(self.role),
        )


class Sim:
    """What the population and trap modules share while they build the `World`."""

    def __init__(self, scale: float, seed: int) -> None:
        self.scale = scale
        self.rng = np.random.default_rng(seed)  # every draw of a run, in a fixed order
        self.accounts = Accounts()
        self.w = World(scale=scale)
        self.trap_n = max(1, int(round(40 * scale)))  # size of each hand-made trap set
        self.forced: list[Cols] = []  # logins written on purpose (see populations.logins)
        self.dormant_users: list[np.ndarray] = []  # accounts whose random logins are off
        self.deleted_at: dict[str, np.ndarray] = {
            "user": np.zeros(0, np.int64),
            "utc": np.zeros(0, np.int64),
        }
        self.test_users = np.zeros(0, np.int64)
        self.is_test = np.zeros(0, bool)
        self.gender_of = np.zeros(0, dtype=object)
        # G-10 trap: refugees still allowed in the 2023 placement cohort (populations.profiles)
        self.refugee_graduates_2023 = 0

    @property
    def traps(self) -> Counter:
        return self.w.traps

    def n(self, x: float) -> int:
        """A scale-1.0 count at this run's scale."""
        return int(round(x * self.scale))


def assign_ids(w: World) -> None:
    """Identifiers in chronological order (creation, submission, start, collection)."""

    def rank(time: np.ndarray) -> np.ndarray:
        order = np.lexsort((np.arange(len(time)), time))
        ids = np.empty(len(time), np.int64)
        ids[order] = np.arange(1, len(time) + 1)
        return ids

    w.users["id"] = rank(w.users["created"])
    w.applications["id"] = rank(w.applications["submitted_at"])
    w.enrollments["id"] = rank(w.enrollments["start"])
    w.profiles["id"] = rank(w.profiles["collected"])
    w.addresses["id"] = rank(w.addresses["valid_from"])
    w.responses["id"] = rank(w.responses["collected"])
    w.declarations["id"] = rank(w.declarations["declared"])
