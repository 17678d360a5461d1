"""The reconciliation page: every computed figure beside the value the 2023 report
published, the difference, the rule ids, and which figures are provisional (G-7) or
suppressed (G-9). For the people who check the figures, not for publication: it names
indicators, marts and the warehouse file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from impact_warehouse.indicators import INDICATORS, SEGMENTS, indicator, registry
from impact_warehouse.report_assets.data import Figure, ReportData
from impact_warehouse.report_assets.formatting import MISSING, format_difference, format_value
from impact_warehouse.report_assets.methodology import NOTES
from impact_warehouse.report_assets.style import reconciliation_css

SECTION_TITLES = (
    ("access", "Breaking barriers to education"),
    ("careers", "Career outcomes"),
    ("demographics", "Who our students are"),
    ("residence", "Where our students live"),
    ("reach", "Reach"),
)
# a difference larger than this is flagged (shares: 0.5 percentage point)
SHARE_TOLERANCE = 0.005


def _e(value: object) -> str:
    return escape(str(value))


def _label(figure: Figure) -> str:
    label = indicator(figure.indicator).label
    return label if figure.segment == "all" else f"{label} ({figure.segment})"


def _computed(figure: Figure) -> str:
    if figure.is_suppressed:
        return "suppressed"
    if not figure.present:
        return "not computed"
    return format_value(figure.value, figure.unit)


def _counts(figure: Figure) -> str:
    if figure.is_suppressed or figure.numerator is None:
        return MISSING
    if figure.denominator is None:
        return f"{figure.numerator:,}"
    return f"{figure.numerator:,} / {figure.denominator:,}"


def _badges(figure: Figure) -> str:
    out = []
    if figure.status in ("final", "provisional"):
        out.append(f'<span class="badge {figure.status}">{figure.status}</span>')
    if figure.is_suppressed:
        out.append('<span class="badge suppressed">suppressed</span>')
    return " ".join(out) or MISSING


def _difference_cell(figure: Figure) -> str:
    text = format_difference(figure.difference, figure.unit)
    large = (
        figure.difference is not None
        and figure.unit == "share"
        and abs(figure.difference) > SHARE_TOLERANCE
    )
    return f'<td class="num{" diff-large" if large else ""}">{_e(text)}</td>'


def _interval(figure: Figure) -> str:
    if not figure.has_interval:
        return MISSING
    return f"{(figure.ci_lower or 0) * 100:.1f}–{(figure.ci_upper or 0) * 100:.1f}%"


def _order(figure: Figure) -> tuple[int, int, int]:
    segment = SEGMENTS.index(figure.segment) if figure.segment in SEGMENTS else len(SEGMENTS)
    position = INDICATORS.index(figure.indicator) if figure.indicator in INDICATORS else 999
    return (position, figure.year, segment)


def shown_figures(data: ReportData, year: int) -> list[Figure]:
    """The report year and the year before, and every year with a published value."""
    return sorted(
        (
            f
            for f in data.figures.values()
            if f.year in (year - 1, year) or (f.published is not None and f.year <= year)
        ),
        key=_order,
    )


def _table(data: ReportData, figures: Sequence[Figure], table_id: str, caption: str) -> str:
    intervals = data.has_intervals
    head = (
        '<th scope="col">Figure</th><th scope="col">Indicator</th><th scope="col">Year</th>'
        '<th scope="col">Computed</th><th scope="col">Counts</th>'
        + ('<th scope="col">95% interval</th>' if intervals else "")
        + '<th scope="col">Published</th><th scope="col">Difference</th>'
        '<th scope="col">Status</th><th scope="col">Rules</th>'
    )
    rows = []
    for figure in figures:
        published = (
            format_value(figure.published, figure.unit)
            if figure.published is not None
            else '<span class="muted">not published</span>'
        )
        rows.append(
            f'<tr><th scope="row">{_e(_label(figure))}</th>'
            f"<td><code>{_e(figure.indicator)}</code></td><td>{figure.year}</td>"
            f'<td class="num computed">{_e(_computed(figure))}</td>'
            f'<td class="num">{_e(_counts(figure))}</td>'
            + (f'<td class="num">{_e(_interval(figure))}</td>' if intervals else "")
            + f'<td class="num">{published}</td>{_difference_cell(figure)}'
            f"<td>{_badges(figure)}</td>"
            f'<td class="rules">{_e(" ".join(indicator(figure.indicator).rule_ids))}</td></tr>'
        )
    return (
        f'<div class="scroll"><table class="figures" id="{table_id}"><caption>{_e(caption)}'
        f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _list(figures: Sequence[Figure]) -> str:
    if not figures:
        return "<p>No figure.</p>"
    return "<ul>" + "".join(f"<li>{_e(_label(f))}, {f.year}</li>" for f in figures) + "</ul>"


def _count_ratios(figures: Sequence[Figure]) -> str:
    """Counts of individuals beside the published counts: on scaled sample exports the
    ratio is about the scale."""
    items = [
        f"<li>{_e(_label(f))}, {f.year}: {(f.value or 0) / f.published:.1%} of published</li>"
        for f in figures
        if f.unit == "count"
        and f.shown
        and f.published
        and registry()[f.indicator].counts_individuals
    ]
    if not items:
        return ""
    return (
        "<h3>Counts as a share of the published counts</h3><p>Counts of individuals scale with "
        "the exports (a synthetic sample is a fraction of the platform); rates do not.</p>"
        f"<ul>{''.join(items)}</ul>"
    )


def _restated_counts(row: Mapping[str, Any], side: str) -> str:
    numerator, denominator = row.get(f"{side}_numerator"), row.get(f"{side}_denominator")
    if numerator is None:
        return MISSING
    return f"{numerator:,}" if denominator is None else f"{numerator:,} / {denominator:,}"


def _restated_value(row: Mapping[str, Any], side: str) -> str:
    value = row.get(f"{side}_value")
    name = str(row["indicator"])
    unit = registry()[name].unit if name in registry() else "share"
    return MISSING if value is None else format_value(value, unit)


def _restatements(data: ReportData) -> str:
    """The editions (G-11) and every restatement (G-12) of marts.restatements, approved
    or not (unapproved ones are only published under restatement_policy warn)."""
    info = data.provenance
    if data.restatements is None and info.latest_edition is None:
        return ""
    shown = data.edition_shown
    if shown is not None:
        state = f"The figures reproduce edition <strong>{shown}</strong>"
    elif info.latest_edition is not None:
        state = (
            f"The figures do <strong>not</strong> reproduce the latest edition, "
            f"{info.latest_edition}"
            + (
                f" (the latest reproduced is {info.reproduced_edition})"
                if info.reproduced_edition is not None
                else ""
            )
        )
    else:
        state = "No edition is frozen yet (<code>impact-warehouse edition create YEAR</code>)"
    state += (
        f". Editions known: {_e(info.editions or 'none')}; restatement_policy "
        f"<code>{_e(info.restatement_policy or 'fail')}</code>."
    )
    rows = sorted(
        data.restatements or [],
        key=lambda r: (not r.get("is_approved"), -int(r["edition"]), str(r["figure"])),
    )
    if not rows:
        return (
            '<section id="restatements"><h2>Editions and restatements</h2>'
            f"<p>{state}</p><p>No frozen figure is computed differently (G-12).</p></section>"
        )
    unapproved = [r for r in rows if not r.get("is_approved")]
    body = []
    for row in rows:
        approved = bool(row.get("is_approved"))
        badge = (
            '<span class="badge final">approved</span>'
            if approved
            else '<span class="badge unapproved">NOT APPROVED</span>'
        )
        body.append(
            f'<tr class="{"approved" if approved else "unapproved"}">'
            f'<td>{_e(row["edition"])}</td><th scope="row"><code>{_e(row["figure"])}</code></th>'
            f'<td class="num">{_e(_restated_value(row, "frozen"))}</td>'
            f'<td class="num">{_e(_restated_value(row, "recomputed"))}</td>'
            f'<td class="num">{_e(_restated_counts(row, "frozen"))} → '
            f"{_e(_restated_counts(row, 'recomputed'))}</td>"
            f"<td>{_e(row.get('what_changed') or MISSING)}</td>"
            f'<td class="files">{_e(row.get("changed_files") or "none (code or rule)")}</td>'
            f'<td>{badge}</td><td class="reason">{_e(row.get("reason") or MISSING)}</td>'
            f'<td class="date">{_e(row.get("approved_on") or MISSING)}</td></tr>'
        )
    warning = (
        f'<p class="unapproved-note"><strong>{len(unapproved)} restatement(s) not approved</strong>'
        " (published under restatement_policy warn): published figures that changed without "
        "a recorded reason. Approve them with <code>impact-warehouse edition approve EDITION "
        "--reason ...</code> or correct the exports.</p>"
        if unapproved
        else ""
    )
    return (
        '<section id="restatements"><h2>Editions and restatements</h2>'
        f"<p>{state}</p>{warning}"
        "<p>Every frozen figure this build computes differently "
        "(<code>marts.restatements</code>). The published pages list the approved ones of "
        "the edition they show.</p>"
        '<div class="scroll"><table class="figures" id="table-restatements"><caption>'
        "Restatements: frozen beside recomputed</caption><thead><tr>"
        '<th scope="col">Edition</th><th scope="col">Figure</th><th scope="col">Frozen</th>'
        '<th scope="col">Recomputed</th><th scope="col">Counts</th>'
        '<th scope="col">What changed</th><th scope="col">Export files changed</th>'
        '<th scope="col">Approval</th><th scope="col">Reason</th>'
        '<th scope="col">Approved on</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div></section>"
    )


def render_reconciliation(
    data: ReportData,
    year: int,
    *,
    report_pages: Sequence[str] = (),
    generated_at: dt.datetime | None = None,
) -> str:
    generated = (generated_at or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    figures = shown_figures(data, year)
    info = data.provenance
    if info.is_synthetic:
        provenance = (
            "Built from <strong>synthetic</strong> exports"
            + (f" (scale {info.scale:g}, seed {info.seed})" if info.scale is not None else "")
            + "."
        )
    elif info.known:
        provenance = "Built from the platform's exports (not synthetic)."
    else:
        provenance = (
            "marts.warehouse_info absent: whether the exports are synthetic is not recorded."
        )
    links = " · ".join(f'<a href="{_e(page)}">{_e(page)}</a>' for page in report_pages)
    sections = []
    for section, title in SECTION_TITLES:
        rows = [f for f in figures if registry()[f.indicator].report_section == section]
        if rows:
            sections.append(
                f'<section id="{section}"><h2>{_e(title)}</h2>'
                + _table(data, rows, f"table-{section}", f"{title}: computed beside published")
                + "</section>"
            )
    years = (year - 1, year)
    in_years = [f for f in figures if f.year in years]
    provisional = [f for f in in_years if f.present and f.is_provisional]
    suppressed = [f for f in in_years if f.is_suppressed]
    unpublished = [f for f in figures if f.published is not None and not f.present]
    notes = "".join(
        f'<div class="note"><h3>{_e(title)} <span class="rules">{_e(rules)}</span></h3>'
        f"<p>{_e(text)}</p></div>"
        for title, rules, text in NOTES
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Reconciliation {year}: computed and published figures</title>"
        f"<style>{reconciliation_css()}</style></head><body><main>"
        '<header><p class="kicker">Impact warehouse</p>'
        f"<h1>Reconciliation {year}: computed and published figures</h1>"
        f'<p class="meta">Report date (G-8): <strong id="report-date">'
        f"{_e(data.report_date or 'not recorded in the warehouse')}</strong>. "
        + (
            f'Edition (G-11): <strong id="edition">{data.edition_shown}</strong>. '
            if data.edition_shown is not None
            else ""
        )
        + f"{provenance}</p>"
        f'<p class="meta">Warehouse <code>{_e(data.warehouse)}</code>, built {_e(data.built_at)}; '
        f"page generated {generated}.</p>"
        + (f'<p class="meta">The published pages: {links}</p>' if links else "")
        + "<p>Each figure of <code>marts.impact_indicators</code> beside the value in the 2023 "
        "impact report (<code>marts.impact_report</code>), for "
        f"{years[0]} and {years[1]} and every year the report published. Differences are "
        "computed minus published (percentage points for shares); those above "
        f"{SHARE_TOLERANCE * 100:g} pp are in red.</p></header>"
        + "".join(sections)
        + _restatements(data)
        + '<section id="status"><h2>Provisional and suppressed figures</h2>'
        f"<h3>Provisional (G-7), {years[0]}–{years[1]}</h3><p>Not final at the report date; "
        "they may change until their finalisation date.</p>"
        + _list(provisional)
        + f"<h3>Suppressed (G-9), {years[0]}–{years[1]}</h3><p>Built from fewer individuals "
        "than the minimum cell size: not published.</p>"
        + _list(suppressed)
        + "<h3>Published but not computed</h3>"
        + _list(unpublished)
        + _count_ratios(figures)
        + "</section>"
        '<section id="methodology"><h2>Methodological notes</h2><p>Rule ids refer to the '
        "methodology (<code>docs/methodology.md</code>, and the documentation site).</p>"
        f"{notes}</section>"
        "<footer><p>Generated by <code>impact-warehouse report</code> from the marts. This page "
        "loads no script, font or image.</p></footer></main></body></html>\n"
    )
