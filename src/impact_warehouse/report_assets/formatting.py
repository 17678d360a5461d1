"""How figures read: shares as percents with one decimal, counts with thousands separators,
growth ratios as +190%, differences in percentage points. Shared by the headline and the page."""

from __future__ import annotations

MISSING = "—"
SUPPRESSED = "suppressed"


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return MISSING
    if unit == "count":
        return f"{round(value):,}"
    if unit == "ratio":
        return f"{value * 100:+,.0f}%"
    return f"{value * 100:.1f}%"


def format_difference(difference: float | None, unit: str) -> str:
    """Computed minus published; a difference that rounds to zero has no sign."""
    if difference is None:
        return MISSING
    if unit == "count":
        rounded = round(difference)
        return f"{rounded:+,}" if rounded else "0"
    scaled = difference * 100
    decimals = 0 if unit == "ratio" else 1
    if round(scaled, decimals) == 0:
        return f"{0:.{decimals}f} pp"
    return f"{scaled:+,.{decimals}f} pp"
