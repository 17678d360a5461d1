"""How figures read.

- The headline and the reconciliation page (`format_value`, `format_difference`): shares
  as percents with one decimal, counts with thousands separators, growth ratios as
  +190%, differences in percentage points.
- The published report (`number`, `percent`, `ratio`, `points`), in English or French:
  `52,330` / `52 330`, `45.7%` / `45,7 %` (a whole percent drops its `.0`, as the
  published report writes 29% and 45.7%), `+190%` / `+190 %`.
"""

from __future__ import annotations

MISSING = "—"
SUPPRESSED = "suppressed"
LANGUAGES = ("en", "fr")
NBSP = "\u00a0"  # French: before % and :
NNBSP = "\u202f"  # French thousands separator (narrow no-break space)


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


# the published report, by language ---------------------------------------------------------


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (one of {', '.join(LANGUAGES)})")


def number(value: float, lang: str, decimals: int = 0, *, sign: bool = False) -> str:
    """A number with the language's separators: 52,330.5 / 52 330,5."""
    _check(lang)
    text = f"{value:{'+' if sign else ''},.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", NNBSP).replace(".", ",")
    return text.replace("-", "\u2212")  # a real minus sign


def percent(share: float, lang: str, decimals: int = 1) -> str:
    """A share (0-1) as a percent; a whole percent drops its decimals (29%, 45.7%)."""
    scaled = round(share * 100, decimals)
    shown = 0 if scaled == round(scaled) else decimals
    return number(scaled, lang, shown) + (f"{NBSP}%" if lang == "fr" else "%")


def ratio(value: float, lang: str) -> str:
    """A growth ratio as a signed whole percent: 1.90 is +190%."""
    return number(value * 100, lang, 0, sign=True) + (f"{NBSP}%" if lang == "fr" else "%")


def points(difference: float, lang: str) -> str:
    """A difference of two shares in percentage points, signed: +3.2 / −20.3."""
    return number(difference * 100, lang, 1, sign=True)


def value_text(value: float | None, unit: str, lang: str) -> str:
    """A figure's value as the report shows it (MISSING when there is none)."""
    if value is None:
        return MISSING
    if unit == "count":
        return number(value, lang)
    if unit == "ratio":
        return ratio(value, lang)
    return percent(value, lang)
