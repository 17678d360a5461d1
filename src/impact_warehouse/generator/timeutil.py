"""Vectorised calendar helpers: days since 1970-01-01 (int), UTC seconds (int64), Paris time.

Every timestamp is generated as UTC epoch seconds; its Paris date (rule G-1) is always
derived from the UTC value with the EU daylight-saving rule, never assumed.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

DAY = 86_400
_EPOCH = dt.date(1970, 1, 1)


def day(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 of a calendar date."""
    return (dt.date(y, m, d) - _EPOCH).days


def _last_sunday(y: int, m: int) -> int:
    last = dt.date(y, m, 31)
    return (last - dt.timedelta(days=(last.weekday() + 1) % 7) - _EPOCH).days


_YEARS0 = 2000
_DST_START = np.array([_last_sunday(y, 3) * DAY + 3600 for y in range(2000, 2041)], np.int64)
_DST_END = np.array([_last_sunday(y, 10) * DAY + 3600 for y in range(2000, 2041)], np.int64)


def year_of_day(days: np.ndarray) -> np.ndarray:
    """Calendar year of days since 1970-01-01 (integer civil-from-days, vectorised)."""
    z = np.asarray(days, np.int64) + 719_468
    era = z // 146_097
    doe = z - era * 146_097
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    return yoe + era * 400 + (mp >= 10)


def paris_offset(utc: np.ndarray) -> np.ndarray:
    """UTC offset of Europe/Paris in seconds (3600 or 7200) at UTC instants."""
    utc = np.asarray(utc, np.int64)
    yi = year_of_day(utc // DAY) - _YEARS0
    return np.where((utc >= _DST_START[yi]) & (utc < _DST_END[yi]), 7200, 3600).astype(np.int64)


def paris_day(utc: np.ndarray) -> np.ndarray:
    """Paris calendar date (days since epoch) of UTC instants (G-1)."""
    utc = np.asarray(utc, np.int64)
    return (utc + paris_offset(utc)) // DAY


def paris_to_utc(local: np.ndarray) -> np.ndarray:
    """UTC instant of a Paris wall-clock time (seconds); the spring gap shifts by an hour."""
    local = np.asarray(local, np.int64)
    return local - paris_offset(local - 3600)


def at_paris(days: np.ndarray, seconds_of_day: np.ndarray) -> np.ndarray:
    return paris_to_utc(np.asarray(days, np.int64) * DAY + np.asarray(seconds_of_day, np.int64))


def add_months(days: np.ndarray, k: int | np.ndarray) -> np.ndarray:
    """Calendar months added with end-of-month clamp (2023-08-31 + 6 = 2024-02-29)."""
    d = np.asarray(days, np.int64).astype("datetime64[D]")
    month = d.astype("datetime64[M]")
    dom = (d - month.astype("datetime64[D]")).astype(np.int64)
    new_month = month + np.asarray(k, np.int64)
    length = ((new_month + 1).astype("datetime64[D]") - new_month.astype("datetime64[D]")).astype(
        np.int64
    )
    return (
        new_month.astype("datetime64[D]").astype(np.int64) + np.minimum(dom, length - 1)
    ).astype(np.int64)
