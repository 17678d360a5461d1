"""The simulated platform: who applies, enrols, graduates, finds a job, declares, logs in.

Every calibrated figure is set by an exact quota (`quota`, shuffled with the one seeded
generator), never by independent coin flips, so that small scales stay on target. Traps
(see README.md) are written so that their effect on each indicator is known: the truth is
then recomputed from the generated records with the docs/methodology.md rules (`truth.py`) and
checked against the quotas.
"""

from __future__ import annotations

import numpy as np

from .exports import values
from .timeutil import add_months, day

YEARS = list(range(2019, 2025))
P_START = day(2019, 1, 1)
P_END = day(2024, 6, 30)
OLD_EXPORT = day(2024, 1, 1)
EXPORT = day(2024, 7, 1)
NULL = np.iinfo(np.int64).min

# ---- calibration (scale 1.0); published figures where they exist, continuations elsewhere
APPLICANTS = {2019: 28_000, 2020: 36_000, 2021: 48_000, 2022: 60_000, 2023: 174_000, 2024: 100_000}
ORIENTATION = {2019: 0.55, 2020: 0.45, 2021: 0.36, 2022: 0.29, 2023: 0.09, 2024: 0.08}
EMPLOYER_STARTS = {2019: 1500, 2020: 1500, 2021: 1600, 2022: 1600, 2023: 1700, 2024: 850}
GRADUATION = {2019: 0.38, 2020: 0.39, 2021: 0.40, 2022: 0.41, 2023: 0.50, 2024: 0.45}
PLACEMENT = {2019: 0.50, 2020: 0.46, 2021: 0.47, 2022: 0.48, 2023: 0.457, 2024: 0.30}
APPRENTICE_PLACEMENT = {2019: 0.78, 2020: 0.77, 2021: 0.78, 2022: 0.79, 2023: 0.81, 2024: 0.60}
# M-PLA-6: placed within 12 months (the 6-month placed, plus jobs started in months 6-12 and
# qualifying responses collected July-December of Y+1); cohorts whose December 31 of Y+1 is
# after the export (2023, 2024) only get the responses collected by then
PLACEMENT_12M = {2019: 0.56, 2020: 0.52, 2021: 0.53, 2022: 0.55, 2023: 0.53, 2024: 0.36}
# Outcomes by background (issue 11): relative chances of a graduate, by the answers of the
# enrolment's latest profile, to be among the placed of the year's quota (M-PLA-3, -6): lower
# for graduates who were unemployed or low-qualified at enrolment, a little lower when the
# answer is unknown; the year's placed count stays the quota
PLACEMENT_WEIGHT = {"unemployed": 0.55, "low_qualification": 0.7, "unknown": 0.85}
# and, the other way round, the chance of a student whose enrolment did not graduate on time
# (late, dropped out, still active after its end) to be among the year's unemployed and
# low-qualified quotas, relative to one who graduated on time or is still within the path
NOT_ON_TIME_WEIGHT = 1.5
# related_to_path of a job response (M-OUT-1): share true / false (the rest empty), by
# who took the job: out-of-field jobs are more frequent among graduates unemployed or
# low-qualified at enrolment, and among jobs found after the six-month window
RELATED = {"base": (0.74, 0.18), "obstacle": (0.56, 0.34), "after_window": (0.42, 0.48)}
# G-10 trap: at most this many graduates of the 2023 placement cohort are refugees (the
# refugee partition of the 2023 placement rates then has exactly one small cell, `yes`)
REFUGEE_GRADUATES_2023 = 3
UNEMPLOYED = {2019: 0.72, 2020: 0.72, 2021: 0.71, 2022: 0.70, 2023: 0.63, 2024: 0.62}
LOW_QUAL = {2019: 0.50, 2020: 0.50, 2021: 0.49, 2022: 0.48, 2023: 0.42, 2024: 0.41}
ANY_UNDERSERVED = {2019: 0.82, 2020: 0.82, 2021: 0.81, 2022: 0.80, 2023: 0.75, 2024: 0.74}
REFUGEE, DISABILITY, QPV = 0.006, 0.06, 0.09
WOMEN_TECH = {2019: 0.22, 2020: 0.23, 2021: 0.23, 2022: 0.24, 2023: 0.27, 2024: 0.28}
# residence group shares: France, Africa, Europe, Unknown; the rest of the world takes the rest
RESIDENCE = {
    2019: (0.92, 0.05, 0.02, 0.002),
    2020: (0.91, 0.06, 0.02, 0.002),
    2021: (0.91, 0.06, 0.02, 0.002),
    2022: (0.90, 0.07, 0.02, 0.002),
    2023: (0.82, 0.12, 0.03, 0.002),
    2024: (0.80, 0.13, 0.035, 0.002),
}
CAREER = {2019: 1200, 2020: 4373, 2021: 14163, 2022: 44010, 2023: 52330, 2024: 30000}
# share of student and apprentice segments in counted outcomes (free users take the rest)
CAREER_SEGMENTS = {
    2019: (0.08, 0.07),
    2020: (0.06, 0.06),
    2021: (0.05, 0.05),
    2022: (0.045, 0.035),
    2023: (0.035, 0.03),
    2024: (0.04, 0.03),
}
ACCOUNTS = 3_000_000

DOMAINS = list(values("paths", "domain"))  # seed path_domains, in its order
TECH_DOMAINS = set(DOMAINS[:7])
FUNDING = np.array(values("enrollments", "funding_type"), dtype=object)
F_SELF, F_EMPLOYER, F_PUBLIC, F_APPRENTICE = 0, 1, 2, 3


def quota(rng: np.random.Generator, n: int, shares: list[float]) -> np.ndarray:
    """Exact category counts round(share * n) for each share, the last category takes the rest,
    shuffled: returns a category index per element."""
    counts = [int(np.floor(s * n + 0.5)) for s in shares]
    rest = n - sum(counts)
    if rest < 0:
        raise ValueError(f"quota shares exceed 1 for n={n}: {shares}")
    cats = np.repeat(np.arange(len(shares) + 1), counts + [rest])
    return rng.permutation(cats)


def weighted_order(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """Positions 0..n-1 in a random order where position i comes early with odds
    proportional to weights[i] (Efraimidis-Spirakis: sort by u ** (1 / w)); the first k are
    a weighted sample without replacement of size k. One uniform draw per position."""
    w = np.asarray(weights, np.float64)
    keys = rng.random(len(w)) ** (1.0 / w)
    return np.argsort(-keys, kind="stable")


def k_of(share: float, n: int) -> int:
    return int(np.floor(share * n + 0.5))


def uniform_int(rng: np.random.Generator, lo, hi) -> np.ndarray:
    """Integers in [lo, hi] (inclusive, elementwise; hi >= lo)."""
    lo = np.asarray(lo, np.int64)
    hi = np.asarray(hi, np.int64)
    return lo + np.floor(rng.random(np.broadcast(lo, hi).shape) * (hi - lo + 1)).astype(np.int64)


def year_start(y) -> np.ndarray:
    """Days since epoch of January 1 of year(s) y."""
    years = (np.asarray(y, np.int64) - 1970).astype("datetime64[Y]")
    return years.astype("datetime64[D]").astype(np.int64)


ROLE_GENERAL, ROLE_APPLICANT, ROLE_EMPLOYER_STUDENT, ROLE_DECLARER, ROLE_ANCHOR, ROLE_TEST = range(
    6
)


def time_of_day(rng: np.random.Generator, n: int) -> np.ndarray:
    """Seconds of the day between 06:00 and 23:00 (away from the 02:00-03:00 DST change)."""
    return uniform_int(rng, np.full(n, 6 * 3600), np.full(n, 23 * 3600 - 1))


def span_end(grad, ended, expected) -> np.ndarray:
    """M-CAR-2 span end: coalesce(graduated_on, ended_on, expected_end_on) + 12 months."""
    base = np.where(grad != NULL, grad, np.where(ended != NULL, ended, expected))
    return add_months(base, 12)
