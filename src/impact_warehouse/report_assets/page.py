"""The impact report as one self-contained HTML page (inline CSS and SVG, no script)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from impact_warehouse.indicators import in_section, indicator
from impact_warehouse.report_assets.charts import (
    Bar,
    Series,
    horizontal_bars,
    stacked_columns,
    stacked_share_bars,
)
from impact_warehouse.report_assets.data import Figure, ReportData
from impact_warehouse.report_assets.formatting import (
    MISSING,
    format_difference,
    format_value,
)
from impact_warehouse.report_assets.methodology import NOTES
from impact_warehouse.report_assets.style import CSS

FIRST_CAREER_YEAR = 2020
PREVIOUS_COLOR = "#5f7a99"
CURRENT_COLOR = "#0072b2"
SEGMENTS = (
    ("student", "Students", "#0072b2"),
    ("apprentice", "Apprentices", "#d55e00"),
    ("free_user", "Free users", "#007d5a"),
)
# Which figures the charts and cards show (layout); labels, definitions, order and
# sections come from the indicator registry.
REGIONS = (
    ("France", "share_residing_in_france", "#0072b2"),
    ("Africa", "share_region_africa", "#d55e00"),
    ("Europe", "share_region_europe", "#007d5a"),
    ("Rest of the world", "share_region_rest_of_world", "#a8467f"),
)
RATES = ("orientation_rate", "graduation_rate", "job_placement_rate")
# (indicator, category of marts.student_demographics)
UNDERSERVED = (
    ("share_unemployed", "unemployed"),
    ("share_low_qualification", "low_qualification"),
    ("share_refugee", "refugee"),
    ("share_underserved_area", "underserved_area"),
    ("share_disability", "disability"),
    ("share_women_in_tech", "women_in_tech"),
    ("share_any_underserved", "any_underserved"),
)


def _e(value: object) -> str:
    return escape(str(value))


def label_of(figure: Figure) -> str:
    label = indicator(figure.indicator).label
    if figure.segment != "all":
        label += f" ({dict((s, n) for s, n, _ in SEGMENTS).get(figure.segment, figure.segment)})"
    return label


def computed_text(figure: Figure) -> str:
    if figure.is_suppressed:
        return "suppressed"
    if not figure.present and figure.value is None:
        return "no data"
    return format_value(figure.value, figure.unit)


def _status_badge(figure: Figure) -> str:
    badges = []
    if figure.status == "provisional":
        badges.append('<span class="badge provisional">provisional</span>')
    elif figure.status == "final":
        badges.append('<span class="badge final">final</span>')
    if figure.is_suppressed:
        badges.append('<span class="badge suppressed">suppressed</span>')
    return " ".join(badges) or MISSING


def _counts(figure: Figure) -> str:
    if figure.is_suppressed or figure.numerator is None:
        return MISSING
    if figure.denominator is None or figure.unit == "count":
        return f"{figure.numerator:,}"
    return f"{figure.numerator:,} / {figure.denominator:,}"


def figure_table(caption: str, figures: Sequence[Figure], table_id: str) -> str:
    """The text alternative of a chart: every figure with its counts, published value, status."""
    rows = []
    for figure in figures:
        published = (
            format_value(figure.published, figure.unit)
            if figure.published is not None
            else '<span class="muted">not published</span>'
        )
        rows.append(
            "<tr>"
            f'<th scope="row">{_e(label_of(figure))}</th>'
            f"<td>{figure.year}</td>"
            f'<td class="num computed">{_e(computed_text(figure))}</td>'
            f'<td class="num">{_e(_counts(figure))}</td>'
            f'<td class="num published">{published}</td>'
            f'<td class="num">{_e(format_difference(figure.difference, figure.unit))}</td>'
            f"<td>{_status_badge(figure)}</td>"
            "</tr>"
        )
    return (
        f'<table id="{table_id}" class="figures"><caption>{_e(caption)}</caption>'
        '<thead><tr><th scope="col">Figure</th><th scope="col">Year</th>'
        '<th scope="col">Computed</th><th scope="col">Count</th>'
        '<th scope="col">Published</th><th scope="col">Difference</th>'
        '<th scope="col">Status</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _bar(figure: Figure, label: str, color: str) -> Bar:
    text = computed_text(figure)
    if figure.is_provisional and not figure.is_suppressed:
        text += " (provisional)"
    if figure.published is not None:
        text += f" · published {format_value(figure.published, figure.unit)}"
    return Bar(
        label=label,
        value=None if figure.is_suppressed else figure.value,
        text=text,
        color=color,
        published=figure.published,
        provisional=figure.is_provisional,
        suppressed=figure.is_suppressed or figure.value is None,
    )


def _card(figure: Figure, caption: str, previous: Figure | None = None) -> str:
    published = (
        f"published {format_value(figure.published, figure.unit)}"
        if figure.published is not None
        else "not published"
    )
    previous_text = ""
    if previous is not None:
        previous_text = (
            f'<p class="previous">{previous.year}: {_e(computed_text(previous))}'
            + (
                f" (published {format_value(previous.published, previous.unit)})"
                if previous.published is not None
                else ""
            )
            + "</p>"
        )
    return (
        '<div class="card">'
        f'<p class="card-title">{_e(caption)}</p>'
        f'<p class="big">{_e(computed_text(figure))}</p>'
        f'<p class="published">{published} {_status_badge(figure)}</p>'
        f"{previous_text}</div>"
    )


def _section_rates(data: ReportData, year: int) -> str:
    previous = year - 1
    rates = [indicator(name) for name in RATES]
    cards = "".join(
        _card(
            data.figure(rate.name, year), f"{rate.label} {year}", data.figure(rate.name, previous)
        )
        for rate in rates
    )
    groups = [
        (
            f"{rate.label}: {rate.definition}",
            [
                _bar(data.figure(rate.name, previous), str(previous), PREVIOUS_COLOR),
                _bar(data.figure(rate.name, year), str(year), CURRENT_COLOR),
            ],
        )
        for rate in rates
    ]
    desc = "; ".join(
        f"{rate.label}: {previous} {computed_text(data.figure(rate.name, previous))}, "
        f"{year} {computed_text(data.figure(rate.name, year))}"
        for rate in rates
    )
    chart = horizontal_bars(
        "chart-rates",
        f"Orientation, graduation and job placement rates, {previous} and {year}",
        desc + ". Black ticks mark the published values.",
        groups,
        legend=[(str(previous), PREVIOUS_COLOR), (str(year), CURRENT_COLOR)],
    )
    # the headline rates first, then every other figure of the section in report order
    extra = [row.name for row in in_section("access") if row.name not in RATES]
    figures = [data.figure(ind, y) for ind in RATES for y in (previous, year)]
    figures += [data.figure(ind, y) for ind in extra for y in (previous, year)]
    figures = [f for f in figures if f.present or f.published is not None]
    growth = data.figure("applicants_growth", year)
    applicants = data.figure("applicants", year)
    quoted = (
        f" (the report quotes {format_value(growth.published, growth.unit)})"
        if growth.published is not None
        else ""
    )
    context = (
        f"<p>Applicants in {year}: {_e(computed_text(applicants))}; growth on {previous}: "
        f"{_e(computed_text(growth))}{quoted}.</p>"
    )
    return (
        '<section id="access" aria-labelledby="access-h">'
        '<h2 id="access-h">Breaking barriers to education</h2>'
        f'<div class="cards">{cards}</div>{context}'
        f"<figure>{chart}<figcaption>Rates by year; each bar is the computed value, the black "
        "tick the value published in the 2023 report.</figcaption></figure>"
        + figure_table("Rates, applicants and related figures", figures, "table-rates")
        + "</section>"
    )


def _total(counts: dict[str, int]) -> int:
    """The 'all' segment when the mart has it, else the sum of the segments."""
    if "all" in counts:
        return counts["all"]
    return sum(counts.get(segment, 0) for segment, _, _ in SEGMENTS)


def _careers_table(data: ReportData, years: Sequence[int]) -> str:
    """Years by segment, the total beside its published value (M-CAR-4 segments)."""
    body = []
    for y in years:
        total = data.figure("career_outcomes", y)
        cells = []
        for seg, _, _ in SEGMENTS:
            figure = data.figure("career_outcomes", y, seg)
            text = computed_text(figure)
            if figure.published is not None:
                text += f" (published {format_value(figure.published, figure.unit)})"
            cells.append(f'<td class="num">{_e(text)}</td>')
        published = (
            format_value(total.published, total.unit)
            if total.published is not None
            else '<span class="muted">not published</span>'
        )
        body.append(
            f'<tr><th scope="row">{y}</th>{"".join(cells)}'
            f'<td class="num computed">{_e(computed_text(total))}</td>'
            f'<td class="num published">{published}</td>'
            f'<td class="num">{_e(format_difference(total.difference, total.unit))}</td>'
            f"<td>{_status_badge(total)}</td></tr>"
        )
    heads = "".join(f'<th scope="col">{_e(name)}</th>' for _, name, _ in SEGMENTS)
    return (
        '<table class="figures" id="table-careers"><caption>Positive career outcomes by year '
        "and segment</caption>"
        f'<thead><tr><th scope="col">Year</th>{heads}<th scope="col">Total</th>'
        '<th scope="col">Published</th><th scope="col">Difference</th>'
        '<th scope="col">Status</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _section_careers(data: ReportData, year: int) -> str:
    # the report's series starts in 2020
    years = [y for y in data.years("career_outcomes") if FIRST_CAREER_YEAR <= y <= year] or [year]
    series = [
        Series(
            name,
            color,
            [
                None
                if data.figure("career_outcomes", y, seg).is_suppressed
                else data.figure("career_outcomes", y, seg).value
                for y in years
            ],
        )
        for seg, name, color in SEGMENTS
    ]
    totals = [data.figure("career_outcomes", y) for y in years]
    desc = ", ".join(f"{t.year}: {computed_text(t)}" for t in totals)
    chart = stacked_columns(
        "chart-careers",
        f"Positive career outcomes by year and segment, {years[0]} to {years[-1]}",
        f"Total positive career outcomes per year: {desc}. Black ticks mark published totals.",
        [str(y) for y in years],
        series,
        totals_text=[computed_text(t) for t in totals],
        published=[t.published for t in totals],
    )
    table = _careers_table(data, years)
    apprentice = data.figure("apprentice_job_placement_rate", year)
    free = data.figure("career_outcomes", year, "free_user")
    cards = _card(free, f"Career outcomes of free users {year}") + _card(
        apprentice, f"Apprentices in a job within 6 months, {year}"
    )
    types = [row for row in data.outcome_types if row["year"] == year]
    type_table = ""
    if types:
        by_type: dict[str, dict[str, int]] = {}
        for row in types:
            by_type.setdefault(row["outcome_type"], {})[row["segment"]] = row["outcomes"] or 0
        body = "".join(
            f'<tr><th scope="row">{_e(name.replace("_", " "))}</th>'
            + "".join(f'<td class="num">{counts.get(s, 0):,}</td>' for s, _, _ in SEGMENTS)
            + f'<td class="num">{_total(counts):,}</td></tr>'
            for name, counts in sorted(by_type.items(), key=lambda kv: -_total(kv[1]))
        )
        heads = "".join(f'<th scope="col">{_e(n)}</th>' for _, n, _ in SEGMENTS)
        type_table = (
            f'<table class="figures" id="table-outcome-types"><caption>Counted outcomes of {year} '
            "by type and segment (marts.career_outcomes)</caption>"
            f'<thead><tr><th scope="col">Outcome</th>{heads}<th scope="col">Total</th></tr>'
            f"</thead><tbody>{body}</tbody></table>"
        )
    return (
        '<section id="careers" aria-labelledby="careers-h">'
        '<h2 id="careers-h">Career outcomes</h2>'
        f'<div class="cards">{cards}</div>'
        f"<figure>{chart}<figcaption>Counted positive career outcomes per year (including free "
        "users, apprentices and students).</figcaption></figure>"
        + table
        + type_table
        + "</section>"
    )


def _section_demographics(data: ReportData, year: int) -> str:
    previous = year - 1
    groups = [
        (
            indicator(ind).label,
            [
                _bar(data.figure(ind, previous), str(previous), PREVIOUS_COLOR),
                _bar(data.figure(ind, year), str(year), CURRENT_COLOR),
            ],
        )
        for ind, _ in UNDERSERVED
    ]
    desc = "; ".join(
        f"{indicator(ind).label}: {previous} {computed_text(data.figure(ind, previous))}, "
        f"{year} {computed_text(data.figure(ind, year))}"
        for ind, _ in UNDERSERVED
    )
    chart = horizontal_bars(
        "chart-underserved",
        f"Shares of students in underserved categories, {previous} and {year}",
        desc + ". Black ticks mark the published values.",
        groups,
        legend=[(str(previous), PREVIOUS_COLOR), (str(year), CURRENT_COLOR)],
    )
    rows = []
    for ind, category in UNDERSERVED:
        label = indicator(ind).label
        for y in (previous, year):
            figure = data.figure(ind, y)
            demo = data.demographic(category, y)
            unknown = (
                format_value(demo["unknown_share"], "share")
                if demo and demo.get("unknown_share") is not None
                else MISSING
            )
            published = (
                format_value(figure.published, "share")
                if figure.published is not None
                else '<span class="muted">not published</span>'
            )
            rows.append(
                f'<tr><th scope="row">{_e(label)}</th><td>{y}</td>'
                f'<td class="num computed">{_e(computed_text(figure))}</td>'
                f'<td class="num">{_e(_counts(figure))}</td>'
                f'<td class="num">{unknown}</td>'
                f'<td class="num published">{published}</td>'
                f'<td class="num">{_e(format_difference(figure.difference, "share"))}</td>'
                f"<td>{_status_badge(figure)}</td></tr>"
            )
    table = (
        '<table class="figures" id="table-underserved"><caption>Underserved categories: '
        "share of students, unknown answers, published value</caption>"
        '<thead><tr><th scope="col">Category</th><th scope="col">Year</th>'
        '<th scope="col">Computed</th><th scope="col">Count</th>'
        '<th scope="col">Unknown answers</th><th scope="col">Published</th>'
        '<th scope="col">Difference</th><th scope="col">Status</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return (
        '<section id="demographics" aria-labelledby="demographics-h">'
        '<h2 id="demographics-h">Who our students are</h2>'
        "<p>Many students belong to several categories at once; "
        f"{_e(computed_text(data.figure('share_any_underserved', year)))} of the students of "
        f"{year} fit at least one underserved category.</p>"
        f"<figure>{chart}<figcaption>Shares of the students of each year (self-reported "
        "profiles; underserved areas among France residents with exact addresses; women among "
        "students of Tech paths).</figcaption></figure>"
        f"{table}</section>"
    )


def _unknown_share(data: ReportData, year: int) -> float | None:
    rows = [r for r in data.countries if r["year"] == year]
    unknown = [r for r in rows if r["region_group"] == "Unknown" and r["share"] is not None]
    if not unknown:
        return None
    return sum(r["share"] for r in unknown)


def _section_residence(data: ReportData, year: int) -> str:
    previous = year - 1
    rows = []
    for y in (previous, year):
        parts = [
            (name, data.figure(ind, y).value if not data.figure(ind, y).is_suppressed else None, c)
            for name, ind, c in REGIONS
        ]
        parts.append(("Unknown", _unknown_share(data, y), "#6b6b6b"))
        shown = sum(share or 0 for _, share, _ in parts)
        if any(share is not None for _, share, _ in parts) and shown < 0.9995:
            # G-9: what the suppressed cells hold, so the bar still reads as 100%
            parts.append(("Suppressed", 1 - shown, "#c4cdd5"))
        rows.append((str(y), parts))
    desc = "; ".join(
        f"{label}: "
        + ", ".join(f"{name} {format_value(share, 'share')}" for name, share, _ in parts)
        for label, parts in rows
    )
    chart = stacked_share_bars(
        "chart-regions", f"Students by region of residence, {previous} and {year}", desc, rows
    )
    figures = [data.figure(ind, y) for _, ind, _ in REGIONS for y in (previous, year)]
    figures = [f for f in figures if f.present or f.published is not None]
    top = [r for r in data.countries if r["year"] == year][:12]
    body = "".join(
        f'<tr><th scope="row">{_e(r["country_name"] or r["country_code"])}</th>'
        f"<td>{_e(r['region_group'])}</td>"
        + (
            '<td class="num" colspan="2"><span class="badge suppressed">suppressed</span></td>'
            if r["is_suppressed"]
            else f'<td class="num">{r["students"]:,}</td>'
            f'<td class="num">{format_value(r["share"], "share")}</td>'
        )
        + "</tr>"
        for r in top
    )
    countries = (
        (
            f'<table class="figures" id="table-countries"><caption>Students of {year} by country '
            "of residence (largest first; marts.students_by_country)</caption>"
            '<thead><tr><th scope="col">Country</th><th scope="col">Region</th>'
            '<th scope="col">Students</th><th scope="col">Share</th></tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )
        if top
        else ""
    )
    france = data.figure("share_residing_in_france", year)
    france_before = data.figure("share_residing_in_france", previous)
    return (
        '<section id="residence" aria-labelledby="residence-h">'
        '<h2 id="residence-h">Students by region</h2>'
        f"<p>The share of students residing in France went from "
        f"{_e(computed_text(france_before))} in {previous} to {_e(computed_text(france))} in "
        f"{year}.</p>"
        f"<figure>{chart}<figcaption>Region of residence at the start of the enrolment "
        "(France includes its overseas departments).</figcaption></figure>"
        + figure_table("Region shares", figures, "table-regions")
        + countries
        + "</section>"
    )


def _section_reach(data: ReportData, year: int) -> str:
    previous = year - 1
    cards = _card(
        data.figure("free_users", year), f"Free users {year}", data.figure("free_users", previous)
    ) + _card(
        data.figure("free_user_countries", year),
        f"Countries reached {year}",
        data.figure("free_user_countries", previous),
    )
    figures = [data.figure(row.name, y) for row in in_section("reach") for y in (previous, year)]
    figures = [f for f in figures if f.present or f.published is not None]
    return (
        '<section id="reach" aria-labelledby="reach-h">'
        '<h2 id="reach-h">Free-user reach</h2>'
        f'<div class="cards">{cards}</div>'
        + figure_table("Free users and the countries they logged in from", figures, "table-reach")
        + "</section>"
    )


def _section_status(data: ReportData, years: Sequence[int]) -> str:
    shown = [f for f in data.figures.values() if f.year in years]
    provisional = sorted(
        (f for f in shown if f.is_provisional), key=lambda f: (f.year, f.indicator, f.segment)
    )
    suppressed = sorted(
        (f for f in shown if f.is_suppressed), key=lambda f: (f.year, f.indicator, f.segment)
    )

    def items(figures: list[Figure]) -> str:
        if not figures:
            return "<p>None.</p>"
        return "<ul>" + "".join(f"<li>{_e(label_of(f))}, {f.year}</li>" for f in figures) + "</ul>"

    return (
        '<section id="status" aria-labelledby="status-h">'
        '<h2 id="status-h">Provisional and suppressed figures</h2>'
        "<h3>Provisional (G-7)</h3><p>These figures are not final at the report date and may "
        "change until their finalisation date.</p>"
        + items(provisional)
        + "<h3>Suppressed (G-9)</h3><p>These cells are built from fewer individuals than the "
        "minimum cell size and are not published.</p>" + items(suppressed) + "</section>"
    )


def _section_methodology() -> str:
    notes = "".join(
        f'<div class="note"><h3>{_e(title)} <span class="rules">{_e(rules)}</span></h3>'
        f"<p>{_e(text)}</p></div>"
        for title, rules, text in NOTES
    )
    return (
        '<section id="methodology" aria-labelledby="methodology-h">'
        '<h2 id="methodology-h">Methodological notes</h2>'
        "<p>Rule ids refer to the warehouse's methodology (METHODOLOGY.md); each rule is "
        "implemented in one place of the dbt project and tested there.</p>"
        f"{notes}</section>"
    )


def render_page(data: ReportData, year: int, *, generated_at: dt.datetime | None = None) -> str:
    generated = (generated_at or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    years = (year - 1, year)
    report_date = data.report_date or "not recorded in the marts"
    provisional = sum(1 for f in data.figures.values() if f.year in years and f.is_provisional)
    provisional_text = (
        f"{provisional} figure(s) of {years[0]}–{years[1]} are "
        '<span class="badge provisional">provisional</span> (G-7).'
        if provisional
        else f"All figures of {years[0]}–{years[1]} are final at the report date (G-7)."
    )
    missing = (
        '<p class="warning" role="note">Missing from the warehouse: '
        + ", ".join(_e(name) for name in data.missing_marts)
        + ". The sections that need them show no data.</p>"
        if data.missing_marts
        else ""
    )
    nav = "".join(
        f'<li><a href="#{anchor}">{_e(text)}</a></li>'
        for anchor, text in (
            ("access", "Barriers to education"),
            ("careers", "Career outcomes"),
            ("demographics", "Who our students are"),
            ("residence", "Students by region"),
            ("reach", "Free-user reach"),
            ("status", "Provisional and suppressed"),
            ("methodology", "Methodology"),
        )
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Impact report {year}</title>"
        f"<style>{CSS}</style></head><body><main>"
        '<header><p class="kicker">Impact warehouse</p>'
        f"<h1>Impact report {year}</h1>"
        f'<p class="meta">Report date: <strong id="report-date">{_e(report_date)}</strong> '
        "(G-8). Each figure computed by the warehouse is shown beside the value published in "
        f"the 2023 impact report. {provisional_text}</p>"
        f'<p class="meta">Warehouse: <code>{_e(data.warehouse)}</code>, built '
        f"{_e(data.built_at)}; page generated {generated}.</p>"
        f"{missing}</header>"
        f'<nav aria-label="Sections"><ol>{nav}</ol></nav>'
        + _section_rates(data, year)
        + _section_careers(data, year)
        + _section_demographics(data, year)
        + _section_residence(data, year)
        + _section_reach(data, year)
        + _section_status(data, years)
        + _section_methodology()
        + "<footer><p>Generated by <code>impact-warehouse report</code> from the marts "
        "schema. This page is self-contained: it loads no script, font or image.</p></footer>"
        "</main></body></html>\n"
    )
