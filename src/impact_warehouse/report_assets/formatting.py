"""How figures read: shares as percents with one decimal, counts with thousands separators,
growth ratios as +190%, differences in percentage points. Shared by the headline and the page."""

from __future__ import annotations

MISSING = "—"
SUPPRESSED = "suppressed"


def unit_of(indicator: str) -> str:
    """The unit of an indicator of marts.impact_indicators (share, count or ratio)."""
    if indicator == "applicants_growth":
        return "ratio"
    if indicator in {"applicants", "career_outcomes", "free_users", "free_user_countries"}:
        return "count"
    return "share"


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return MISSING
    if unit == "count":
        return f"{round(value):,}"
    if unit == "ratio":
        return f"{value * 100:+,.0f}%"
    return f"{value * 100:.1f}%"


def format_difference(difference: float | None, unit: str) -> str:
    if difference is None:
        return MISSING
    if unit == "count":
        return f"{round(difference):+,}"
    if unit == "ratio":
        return f"{difference * 100:+,.0f} pp"
    return f"{difference * 100:+.1f} pp"
