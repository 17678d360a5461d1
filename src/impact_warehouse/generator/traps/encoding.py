"""File-level value traps: stray case and spaces on codes, every accepted boolean spelling,
`Z` instead of the Paris offset (docs/input-contract.md "Encoding")."""

from __future__ import annotations

import numpy as np


def zmask(rng: np.random.Generator, n: int, share: float = 0.03) -> np.ndarray:
    """Timestamps written in UTC with `Z` instead of the Paris offset (G-1: none)."""
    return rng.random(n) < share


def messy_draw(
    rng: np.random.Generator, present: np.ndarray, share: float
) -> tuple[np.ndarray, np.ndarray]:
    """Which present values get stray case or spaces (row indices) and which kind (0-3)."""
    idx = np.flatnonzero((rng.random(len(present)) < share) & present)
    return idx, rng.integers(0, 4, len(idx))


def messy_apply(values: np.ndarray, idx, kinds, upper: bool = False) -> np.ndarray:
    """Apply drawn stray case/spaces: upper (or lower) case, leading or trailing space, title."""
    v = np.asarray(values, dtype=object).copy()
    for i, kd in zip(np.asarray(idx).tolist(), np.asarray(kinds).tolist(), strict=True):
        x = v[i]
        v[i] = [x.lower() if upper else x.upper(), " " + x, x + " ", x.title()][kd]
    return v


def messy(
    rng: np.random.Generator, values: np.ndarray, share: float = 0.02, upper: bool = False
) -> np.ndarray:
    """Stray case and surrounding spaces on a share of category values (None stays None)."""
    v = np.asarray(values, dtype=object)
    idx, kinds = messy_draw(rng, np.array([x is not None for x in v]), share)
    return messy_apply(v, idx, kinds, upper)


def stray_path_ids(rng: np.random.Generator, traps, path_ids: np.ndarray) -> np.ndarray:
    """1% of the path ids of applications in lower case with a leading space (` p0142`)."""
    pid = path_ids.copy()
    sp = rng.random(len(pid)) < 0.01
    pid[sp] = [f" {x.lower()}" for x in pid[sp]]
    traps["stray case/space in path_id"] = int(sp.sum())
    return pid


def booleans(rng: np.random.Generator, values: np.ndarray) -> np.ndarray:
    """True/False/None -> any accepted spelling (true/false, 1/0, yes/no, any case)."""
    t = np.array(["true", "TRUE", "1", "yes", "Yes", "True"], dtype=object)
    f = np.array(["false", "FALSE", "0", "no", "No", "False"], dtype=object)
    n = len(values)
    pick = rng.integers(0, 6, n)
    out = np.full(n, None, dtype=object)
    vals = np.asarray(values, dtype=object)
    is_t = np.array([x is True for x in vals])
    is_f = np.array([x is False for x in vals])
    out[is_t] = t[pick[is_t]]
    out[is_f] = f[pick[is_f]]
    return out


def test_account_flags(rng: np.random.Generator, is_test: np.ndarray) -> np.ndarray:
    """G-2 `is_test_account` spellings; an empty field means false."""
    n = len(is_test)
    t = np.array(["true", "TRUE", "1", "yes", "Yes"], dtype=object)
    f = np.array(["false", "0", "no", None, "False", None], dtype=object)
    return np.where(is_test, t[rng.integers(0, 5, n)], f[rng.integers(0, 6, n)])
