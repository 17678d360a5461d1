"""The published impact report: one self-contained HTML page per language.

The story follows the source report's order: breaking barriers to education (the
three rates), career outcomes, who our students are, (outcomes by background, when the
warehouse has them), where they live, reach, then the methodological note. Every
figure comes from the marts; every word from the translation table (`i18n`), the
indicators' English labels from the registry. No table name, rule id or file path
reaches the reader: those are on the reconciliation page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from impact_warehouse.indicators import in_section, registry, unit_of
from impact_warehouse.report_assets import i18n
from impact_warehouse.report_assets.charts import (
    CURRENT,
    PREVIOUS,
    REGION_COLORS,
    SEGMENT_COLORS,
    Bar,
    Column,
    bars,
    columns,
    share_bar,
)
from impact_warehouse.report_assets.data import Figure, ReportData, Row
from impact_warehouse.report_assets.formatting import (
    MISSING,
    number,
    percent,
    points,
    value_text,
)
from impact_warehouse.report_assets.style import page_css

# Layout: which figures the story puts where (labels, order and sections: the registry).
HEADLINE_RATES = ("orientation_rate", "graduation_rate", "job_placement_rate")
APPRENTICES = "apprentice_job_placement_rate"
NOT_ALSO_MEASURED = {*HEADLINE_RATES, APPRENTICES, "applicants", "applicants_growth"}
ANY_UNDERSERVED = "share_any_underserved"
FRANCE = "share_residing_in_france"
ABROAD = ("share_region_africa", "share_region_europe", "share_region_rest_of_world")
REGIONS = (
    ("France", FRANCE),
    ("Africa", "share_region_africa"),
    ("Europe", "share_region_europe"),
    ("Rest of the world", "share_region_rest_of_world"),
)
CAREER_SEGMENTS = ("student", "apprentice", "free_user")
FIRST_CAREER_YEAR = 2020  # the report's series of career outcomes starts in 2020
TOP_COUNTRIES = 8
GRADUATE_OUTCOMES = "graduate_outcomes"  # the indicator of its rows in marts.restatements


def _e(value: object) -> str:
    return escape(str(value))


class Page:
    """The page of one report year in one language."""

    def __init__(self, data: ReportData, year: int, lang: str) -> None:
        self.data = data
        self.year = year
        self.previous = year - 1
        self.lang = lang
        self.w = i18n.words(lang)

    # words and figures -----------------------------------------------------------------

    def t(self, key: str, **values: object) -> str:
        return self.w[key].format(**values) if values else self.w[key]

    def num(self, value: float | int) -> str:
        return number(value, self.lang)

    def pct(self, share: float) -> str:
        return percent(share, self.lang)

    def value(self, figure: Figure) -> str:
        return value_text(figure.value, figure.unit, self.lang) if figure.shown else MISSING

    def label(self, name: str) -> str:
        return i18n.indicator_label(name, self.lang)

    def date(self, iso: str) -> str:
        return i18n.long_date(iso, self.lang)

    def sentence(self, figure: Figure) -> str:
        """The plain sentence of a figure, or why there is none."""
        if not figure.present:
            return self.t("no_data")
        if not figure.shown:
            return self.t("suppressed")
        counts = {"num": "", "den": "", "of": ""}
        if figure.numerator is not None:
            counts["num"] = self.num(figure.numerator)
        if figure.denominator is not None:
            counts["den"] = self.num(figure.denominator)
            counts["of"] = self.t("of", num=counts["num"], den=counts["den"])
        return i18n.indicator_sentence(figure.indicator, self.lang).format(
            value=self.value(figure),
            year=figure.year,
            previous=figure.year - 1,
            next_year=figure.year + 1,
            **counts,
        )

    def fine_print(self, figure: Figure) -> str:
        """Provisional status, interval and change on the previous year, when known."""
        notes = []
        if figure.shown and figure.is_provisional and figure.finalised_on:
            notes.append(self.t("provisional_until", date=self.date(figure.finalised_on)))
        if figure.has_interval:
            notes.append(
                self.t(
                    "interval",
                    low=self.pct(figure.ci_lower or 0),
                    high=self.pct(figure.ci_upper or 0),
                )
            )
        if figure.shown and figure.change is not None and figure.change_is_significant is not None:
            key = "change_significant" if figure.change_is_significant else "change_not_significant"
            notes.append(
                self.t(key, previous=figure.year - 1, change=points(figure.change, self.lang))
            )
        return "".join(f'<p class="fine">{_e(note)}</p>' for note in notes)

    def badge(self, figure: Figure) -> str:
        if figure.shown and figure.is_provisional:
            return f' <span class="badge">{_e(self.t("provisional"))}</span>'
        return ""

    def year_bar(self, figure: Figure, color: str) -> Bar:
        interval = (figure.ci_lower or 0, figure.ci_upper or 0) if figure.has_interval else None
        return Bar(
            label=str(figure.year),
            value=figure.value if figure.shown else None,
            text=self.value(figure),
            color=color,
            interval=interval,
            provisional=figure.shown and figure.is_provisional,
        )

    def two_years(self, name: str) -> str:
        """Bars of the previous year and the report year (shares on a 0-100% scale)."""
        return bars(
            [
                self.year_bar(self.data.figure(name, self.previous), PREVIOUS),
                self.year_bar(self.data.figure(name, self.year), CURRENT),
            ]
        )

    def rate_card(self, name: str, *, heading: str = "h3") -> str:
        figure = self.data.figure(name, self.year)
        return (
            f'<article class="card rate" id="card-{name}">'
            f"<{heading}>{_e(self.label(name))}</{heading}>"
            f'<p class="big">{_e(self.value(figure))}{self.badge(figure)}</p>'
            f"{self.two_years(name)}"
            f'<p class="sentence">{_e(self.sentence(figure))}</p>'
            f"{self.fine_print(figure)}</article>"
        )

    def big_number(self, figure: Figure, before: str, after: str, card_id: str) -> str:
        lead = f'<p class="lead">{_e(before)}</p>' if before else ""
        return (
            f'<article class="card big-card" id="{card_id}">{lead}'
            f'<p class="big">{_e(self.value(figure))}{self.badge(figure)}</p>'
            f'<p class="caption">{_e(after)}</p>{self.fine_print(figure)}</article>'
        )

    # sections ----------------------------------------------------------------------------

    def section(self, anchor: str, title_key: str, body: str) -> str:
        return (
            f'<section id="{anchor}" aria-labelledby="{anchor}-h">'
            f'<h2 id="{anchor}-h">{_e(self.t(title_key))}</h2>{body}</section>'
        )

    def access(self) -> str:
        measures = "".join(
            f"<li>{_e(self.t(key))}</li>"
            for key in ("measure_orientation", "measure_graduation", "measure_placement")
        )
        cards = "".join(self.rate_card(name) for name in HEADLINE_RATES)
        growth = self.data.figure("applicants_growth", self.year)
        orientation = [self.data.figure("orientation_rate", y) for y in (self.previous, self.year)]
        context = ""
        if growth.shown and growth.numerator is not None and growth.denominator is not None:
            context = (
                "<p>"
                + _e(
                    self.t(
                        "growth_sentence",
                        direction=self.t("grew" if (growth.value or 0) >= 0 else "shrank"),
                        growth=value_text(abs(growth.value or 0), "ratio", self.lang).lstrip("+"),
                        previous=self.previous,
                        year=self.year,
                        den=self.num(growth.denominator),
                        num=self.num(growth.numerator),
                        before=self.value(orientation[0]),
                        after=self.value(orientation[1]),
                    )
                )
                + "</p>"
            )
        others = [
            self.data.figure(row.name, self.year)
            for row in in_section("access")
            if row.name not in NOT_ALSO_MEASURED
        ]
        others = [figure for figure in others if figure.present]
        also = ""
        if others:
            items = "".join(
                f"<li><strong>{_e(self.label(f.indicator))}</strong>{self.badge(f)}: "
                f"{_e(self.sentence(f))}{self.fine_print(f)}</li>"
                for f in others
            )
            also = f'<div class="also"><h3>{_e(self.t("also_measured"))}</h3><ul>{items}</ul></div>'
        nb = self.t("placement_nb", year=self.year, next_year=self.year + 1)
        return self.section(
            "access",
            "section_access",
            f"<p>{_e(self.t('access_intro'))}</p>"
            f'<p>{_e(self.t("access_measures"))}</p><ul class="arrows">{measures}</ul>'
            f'<div class="cards three">{cards}</div>'
            f'<p class="nb">{_e(nb)}</p>'
            f"{context}{self.benchmarks()}{also}",
        )

    def benchmarks(self) -> str:
        rows = [r for r in self.data.benchmarks or [] if r.get("year") == self.year]
        if not rows:
            return ""
        items = []
        for row in rows:
            if None in (row.get("observed"), row.get("expected"), row.get("value_added")):
                continue
            items.append(
                "<li>"
                + _e(
                    self.t(
                        "benchmark_sentence",
                        label=self.label(row["indicator"]),
                        observed=self.pct(row["observed"]),
                        year=self.year,
                        reference=row.get("reference_year", self.previous),
                        expected=self.pct(row["expected"]),
                        value_added=points(row["value_added"], self.lang),
                        mix_effect=points(row.get("mix_effect") or 0, self.lang),
                    )
                )
                + "</li>"
            )
        return f'<ul class="benchmarks">{"".join(items)}</ul>' if items else ""

    def careers(self) -> str:
        years = [
            y for y in self.data.years("career_outcomes") if FIRST_CAREER_YEAR <= y <= self.year
        ] or [self.year]
        totals = [self.data.figure("career_outcomes", y) for y in years]
        current = self.data.figure("career_outcomes", self.year)
        earlier = [f.value for f in totals if f.shown and f.year < self.year]
        record = current.shown and bool(earlier) and (current.value or 0) > max(earlier)
        lead = self.t("careers_record" if record else "careers_count", year=self.year)
        big = self.big_number(current, lead, self.t("careers_big_caption"), "card-career_outcomes")
        series = " · ".join(f"{f.year}: {self.value(f)}" for f in totals)
        chart = columns(
            [
                Column(
                    str(f.year),
                    f.value if f.shown else None,
                    self.value(f),
                    CURRENT,
                    f.is_provisional,
                )
                for f in totals
            ],
            css_class="tall",
        )
        multiples = []
        for segment in CAREER_SEGMENTS:
            figures = [self.data.figure("career_outcomes", y, segment) for y in years]
            multiples.append(
                f'<div class="multiple"><h4>{_e(i18n.segment_label(segment, self.lang))}</h4>'
                + columns(
                    [
                        Column(
                            str(f.year),
                            f.value if f.shown else None,
                            self.value(f),
                            SEGMENT_COLORS[segment],
                            f.is_provisional,
                        )
                        for f in figures
                    ]
                )
                + "</div>"
            )
        free = self.data.figure("career_outcomes", self.year, "free_user")
        free_text = (
            f"<p>{_e(self.t('careers_free_users', year=self.year, num=self.value(free)))}</p>"
            if free.shown
            else ""
        )
        apprentices = self.data.figure(APPRENTICES, self.year)
        apprentice_card = ""
        if apprentices.present:
            apprentice_card = (
                f'<article class="card big-card" id="card-{APPRENTICES}">'
                f'<p class="big">{_e(self.value(apprentices))}{self.badge(apprentices)}</p>'
                f'<p class="caption">{_e(self.t("apprentices_caption"))}</p>'
                f'<p class="sentence">{_e(self.sentence(apprentices))}</p>'
                f"{self.fine_print(apprentices)}</article>"
            )
        # the source report's praise of apprentices, only when the figures bear it out
        overall = self.data.figure("job_placement_rate", self.year)
        excels = (
            apprentices.shown and overall.shown and (apprentices.value or 0) > (overall.value or 0)
        )
        apprentice_block = (
            f"<p>{_e(self.t('careers_apprentices_intro'))}</p>" if excels else ""
        ) + apprentice_card
        ways = "".join(
            f"<li>{_e(self.t(key))}</li>"
            for key in (
                "career_way_job",
                "career_way_business",
                "career_way_title",
                "career_way_mobility",
            )
        )
        return self.section(
            "careers",
            "section_careers",
            f'<p>{_e(self.t("careers_intro"))}</p><ul class="arrows">{ways}</ul>'
            f"<p>{_e(self.t('careers_once'))}</p>"
            f'<div class="cards two">{big}'
            f'<figure class="chart" id="chart-careers"><figcaption>{_e(self.t("careers_chart"))} '
            f'<span class="muted">{_e(self.t("careers_chart_note"))}</span></figcaption>'
            f'{chart}<p class="series">{_e(series)}</p></figure></div>'
            f'<figure class="chart" id="chart-career-segments">'
            f"<figcaption>{_e(self.t('careers_segments_chart'))} "
            f'<span class="muted">{_e(self.t("careers_segments_note"))}</span></figcaption>'
            f'<div class="multiples">{"".join(multiples)}</div></figure>'
            f"{free_text}{apprentice_block}{self.outcome_types()}{self.graduate_outcomes()}",
        )

    def outcome_types(self) -> str:
        rows = [
            r
            for r in self.data.outcome_types
            if r["year"] == self.year and not r.get("is_suppressed") and r["outcomes"] is not None
        ]
        by_type: dict[str, int] = {}
        for row in rows:
            by_type[row["outcome_type"]] = by_type.get(row["outcome_type"], 0) + row["outcomes"]
        total = sum(by_type.values())
        if not total:
            return ""
        items = [
            Bar(i18n.outcome_type_label(name, self.lang), count / total, self.num(count))
            for name, count in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        return (
            f'<figure class="chart" id="chart-outcome-types"><figcaption>'
            f"{_e(self.t('outcome_types_chart', year=self.year))}</figcaption>"
            f"{bars(items, scale_max=max(by_type.values()) / total, css_class='wide-labels')}"
            "</figure>"
        )

    def graduate_outcomes(self) -> str:
        rows = [
            r
            for r in self.data.graduate_outcomes or []
            if r.get("year") == self.year and r.get("segment", "all") == "all"
        ]
        if not rows:
            return ""
        order = list(i18n.OUTCOME_STATUSES)
        rows.sort(
            key=lambda r: (
                order.index(r["outcome_status"]) if r["outcome_status"] in order else len(order)
            )
        )
        items = []
        for row in rows:
            shown = not row.get("is_suppressed") and row.get("share") is not None
            items.append(
                Bar(
                    i18n.outcome_status_label(row["outcome_status"], self.lang),
                    row["share"] if shown else None,
                    self.pct(row["share"]) if shown else MISSING,
                    provisional=row.get("status") == "provisional",
                )
            )
        return (
            f'<figure class="chart" id="chart-graduate-outcomes"><figcaption>'
            f"{_e(self.t('graduate_outcomes_chart', year=self.year))} "
            f'<span class="muted">{_e(self.t("graduate_outcomes_note"))}</span></figcaption>'
            f"{bars(items, css_class='wide-labels')}</figure>"
        )

    def students(self) -> str:
        names = [row.name for row in in_section("demographics") if row.name != ANY_UNDERSERVED]
        cards = "".join(self.rate_card(name) for name in names)
        any_figure = self.data.figure(ANY_UNDERSERVED, self.year)
        any_sentence = self.t("students_any", value=self.value(any_figure), year=self.year)
        any_text = (
            f'<p class="key-sentence">{_e(any_sentence)}'
            f"{self.badge(any_figure)}</p>{self.fine_print(any_figure)}"
            if any_figure.shown
            else ""
        )
        return self.section(
            "students",
            "section_students",
            f"<p>{_e(self.t('students_intro'))}</p>"
            f'<div class="cards three">{cards}</div>'
            f'<p class="nb">{_e(self.t("students_nb"))}</p>{any_text}',
        )

    def background(self) -> str:
        rows = [
            r for r in self.data.by_group or [] if r.get("year") == self.year and r.get("group")
        ]
        if not rows:
            return ""
        order = list(i18n.DIMENSIONS)
        groups = list(i18n.GROUPS)
        registry_order = [row.name for row in in_section("access")] + [
            row.name for row in in_section("demographics")
        ]
        indicators = sorted(
            {r["indicator"] for r in rows},
            key=lambda n: registry_order.index(n) if n in registry_order else len(registry_order),
        )
        blocks = []
        for name in indicators:
            cards = []
            dimensions = sorted(
                {r["dimension"] for r in rows if r["indicator"] == name},
                key=lambda d: (order.index(d) if d in order else len(order), d),
            )
            for dimension in dimensions:
                items = []
                for row in sorted(
                    (r for r in rows if r["indicator"] == name and r["dimension"] == dimension),
                    key=lambda r: (
                        groups.index(r["group"]) if r["group"] in groups else len(groups),
                        str(r["group"]),
                    ),
                ):
                    shown = not row.get("is_suppressed") and row.get("value") is not None
                    interval = None
                    if (
                        shown
                        and row.get("ci_lower") is not None
                        and row.get("ci_upper") is not None
                    ):
                        interval = (row["ci_lower"], row["ci_upper"])
                    items.append(
                        Bar(
                            i18n.group_label(str(row["group"]), self.lang),
                            row["value"] if shown else None,
                            self.pct(row["value"]) if shown else MISSING,
                            interval=interval,
                            provisional=shown and row.get("status") == "provisional",
                        )
                    )
                cards.append(
                    '<div class="card group">'
                    f"<h4>{_e(i18n.dimension_label(dimension, self.lang))}</h4>"
                    f"{bars(items, css_class='wide-labels')}</div>"
                )
            blocks.append(
                f'<h3>{_e(self.label(name))}</h3><div class="cards three">{"".join(cards)}</div>'
            )
        return self.section(
            "background",
            "section_background",
            f"<p>{_e(self.t('background_intro'))}</p>{''.join(blocks)}",
        )

    def _unknown_share(self, year: int) -> float | None:
        unknown = [
            r["share"]
            for r in self.data.countries
            if r["year"] == year and r["region_group"] == "Unknown" and r["share"] is not None
        ]
        return sum(unknown) if unknown else None

    def regions(self, year: int) -> str:
        parts: list[tuple[str, float | None, str, str]] = []
        for region, name in REGIONS:
            figure = self.data.figure(name, year)
            share = figure.value if figure.shown else None
            parts.append(
                (
                    i18n.region_label(region, self.lang),
                    share,
                    self.pct(share) if share is not None else MISSING,
                    REGION_COLORS[region],
                )
            )
        unknown = self._unknown_share(year)
        if unknown:
            parts.append(
                (
                    i18n.region_label("Unknown", self.lang),
                    unknown,
                    self.pct(unknown),
                    REGION_COLORS["Unknown"],
                )
            )
        shown = sum(share or 0 for _, share, _, _ in parts)
        if any(share is not None for _, share, _, _ in parts) and shown < 0.9995:
            rest = 1 - shown  # what the cells not shown hold, so that the bar reads as 100%
            # without the countries (an edition does not freeze them) the unknown
            # residences cannot be told apart from the cells not shown
            rest_label = "Suppressed" if self.data.countries else "Unknown or suppressed"
            parts.append(
                (
                    i18n.region_label(rest_label, self.lang),
                    rest,
                    self.pct(rest),
                    REGION_COLORS["Suppressed"],
                )
            )
        return share_bar(str(year), parts)

    def abroad(self, year: int) -> Figure | None:
        """Students living outside France: the three regions abroad (unknown residences
        are not counted as abroad)."""
        figures = [self.data.figure(name, year) for name in ABROAD]
        if not all(f.shown for f in figures):
            return None
        return Figure("abroad", year, value=sum(f.value or 0 for f in figures), present=True)

    def residence(self) -> str:
        before, after = (self.data.figure(FRANCE, y) for y in (self.previous, self.year))
        sentence = ""
        if before.shown and after.shown:
            change = (after.value or 0) - (before.value or 0)
            direction = (
                "went_up" if change > 0.0005 else "went_down" if change < -0.0005 else "stayed"
            )
            sentence = (
                "<p>"
                + _e(
                    self.t(
                        "residence_sentence",
                        direction=self.t(direction),
                        before=self.value(before),
                        after=self.value(after),
                        previous=self.previous,
                        year=self.year,
                    )
                )
                + "</p>"
            )
        cards = []
        for y in (self.previous, self.year):
            abroad = self.abroad(y)
            if abroad is not None:
                cards.append(
                    f'<article class="card big-card" id="card-abroad-{y}">'
                    f'<p class="big">{_e(self.pct(abroad.value or 0))}</p>'
                    f'<p class="caption">{_e(self.t("abroad_caption", year=y))}</p></article>'
                )
        top = [
            r
            for r in self.data.countries
            if r["year"] == self.year
            and not r["is_suppressed"]
            and r["students"] is not None
            and r["region_group"] != "Unknown"
        ][:TOP_COUNTRIES]
        table = ""
        if top:
            body = "".join(
                f'<tr><th scope="row">{_e(r["country_name"] or r["country_code"])}</th>'
                f'<td class="num">{_e(self.num(r["students"]))}</td>'
                f'<td class="num">{_e(self.pct(r["share"]))}</td></tr>'
                for r in top
            )
            table = (
                f'<table class="countries"><caption>{_e(self.t("countries_table", year=self.year))}'
                f'</caption><thead><tr><th scope="col">{_e(self.t("country"))}</th>'
                f'<th scope="col">{_e(self.t("students"))}</th>'
                f'<th scope="col">{_e(self.t("share"))}</th></tr></thead>'
                f'<tbody>{body}</tbody></table><p class="fine">{_e(self.t("countries_note"))}</p>'
            )
        france_sentence = (
            f'<p class="sentence">{_e(self.sentence(after))}</p>' if after.present else ""
        )
        return self.section(
            "residence",
            "section_residence",
            f"{sentence}"
            f'<div class="cards two">{"".join(cards)}</div>'
            f'<figure class="chart" id="chart-regions"><figcaption>{_e(self.t("regions_chart"))}'
            f"</figcaption>{self.regions(self.previous)}{self.regions(self.year)}</figure>"
            f"{france_sentence}{table}",
        )

    def reach(self) -> str:
        countries = self.data.figure("free_user_countries", self.year)
        users = self.data.figure("free_users", self.year)
        cards = ""
        if countries.present:
            cards += self.big_number(
                countries,
                self.t("reach_countries"),
                self.t("reach_countries_caption", year=self.year),
                "card-free_user_countries",
            )
        if users.present:
            cards += self.big_number(
                users, "", self.t("reach_free_users_caption", year=self.year), "card-free_users"
            )
        return self.section("reach", "section_reach", f'<div class="cards two">{cards}</div>')

    # corrections since the edition (G-12) ---------------------------------------------------

    def restated_figure(self, row: Row) -> str:
        """A restated figure in plain words: `Graduation rate, 2022`, `Job placement rate,
        Gender: Women, 2023`, `Graduates of 2023: Looking for a job`."""
        name, year = str(row["indicator"]), int(row["year"])
        if name == GRADUATE_OUTCOMES:
            status = i18n.outcome_status_label(str(row.get("group")), self.lang)
            return self.t("restated_graduates", year=year, status=status)
        label = self.label(name) if name in i18n.INDICATORS else name.replace("_", " ")
        if row.get("segment") not in (None, "all"):
            label += f" ({i18n.segment_label(str(row['segment']), self.lang)})"
        if row.get("dimension") is not None:
            label = self.t(
                "restated_group",
                label=label,
                dimension=i18n.dimension_label(str(row["dimension"]), self.lang),
                group=i18n.group_label(str(row.get("group")), self.lang),
            )
        return f"{label}, {year}"

    def restated_value(self, row: Row, side: str) -> str:
        """The frozen or recomputed value of a restatement, its counts when only they moved."""
        value = row.get(f"{side}_value")
        if value is None:
            if side == "recomputed" and row.get("what_changed") == "no longer computed":
                return self.t("restated_not_computed")
            return self.t("restated_not_shown")
        name = str(row["indicator"])
        unit = unit_of(name) if name in registry() else "share"
        text = value_text(value, unit, self.lang)
        numerator, denominator = row.get(f"{side}_numerator"), row.get(f"{side}_denominator")
        if row.get("what_changed") == "counts" and numerator is not None:
            counts = (
                self.num(numerator)
                if denominator is None
                else self.t("of", num=self.num(numerator), den=self.num(denominator))
            )
            text += f" ({counts})"
        return text

    def restated_reason(self, row: Row) -> str:
        reason = row.get("reason") or MISSING
        if row.get("approved_on"):
            return self.t("restated_reason", reason=reason, date=self.date(str(row["approved_on"])))
        return self.t("restated_reason_undated", reason=reason)

    def frozen_row(self, approval: Row) -> Row:
        """The figure an approval names, as the rendered edition froze it (its value)."""
        data, name, year = self.data, approval["indicator"], int(approval["year"])
        found: Row | None = None
        if name == GRADUATE_OUTCOMES:
            found = next(
                (
                    r
                    for r in data.graduate_outcomes or []
                    if r["year"] == year
                    and r["outcome_status"] == approval.get("group")
                    and r.get("segment", "all") == approval.get("segment", "all")
                ),
                None,
            )
            value = None if found is None or found.get("is_suppressed") else found.get("share")
        elif approval.get("dimension") is not None:
            found = next(
                (
                    r
                    for r in data.by_group or []
                    if r["indicator"] == name
                    and r["year"] == year
                    and r["dimension"] == approval["dimension"]
                    and r["group"] == approval.get("group")
                ),
                None,
            )
            value = None if found is None or found.get("is_suppressed") else found.get("value")
        else:
            figure = data.figure(name, year, str(approval.get("segment") or "all"))
            value = figure.value if figure.shown else None
        return {**approval, "frozen_value": value}

    def restatements(self) -> str:
        """The approved restatements since the edition the page shows (figure, old value,
        new value, reason); rendered from an edition, the approvals that name it (figure,
        value as published, reason: the new value needs a warehouse). Nothing when none."""
        data = self.data
        if data.frozen is not None:
            rows = [self.frozen_row(row) for row in data.frozen.approvals]
            intro = "restatements_frozen_intro"
        else:
            rows = data.restated(approved=True)
            intro = "restatements_intro"
        edition = data.edition_shown or data.provenance.latest_edition
        if not rows or edition is None:
            return ""
        rows.sort(key=lambda r: (str(r["indicator"]), int(r["year"]), str(r.get("group") or "")))
        items = []
        for row in rows:
            frozen = self.restated_value(row, "frozen")
            values = (
                self.t("restated_published", frozen=frozen)
                if data.frozen is not None
                else self.t(
                    "restated_values",
                    frozen=frozen,
                    recomputed=self.restated_value(row, "recomputed"),
                )
            )
            items.append(
                f"<li><strong>{_e(self.restated_figure(row))}</strong>"
                f'<span class="values">{_e(values)}</span>'
                f'<span class="reason">{_e(self.restated_reason(row))}</span></li>'
            )
        return (
            '<section id="restatements" aria-labelledby="restatements-h">'
            f'<h2 id="restatements-h">{_e(self.t("section_restatements", edition=edition))}</h2>'
            f"<p>{_e(self.t(intro, edition=edition))}</p>"
            f'<ul class="restated">{"".join(items)}</ul></section>'
        )

    def method(self) -> str:
        keys = [
            "method_underserved",
            "method_self_reported",
            "method_tech",
            "method_placement",
            "method_provisional",
            "method_small_cells",
        ]
        if self.data.has_intervals or self.data.by_group:
            keys.append("method_intervals")
        items = "".join(f"<li>{_e(self.t(key))}</li>" for key in keys)
        return self.section(
            "method",
            "section_method",
            f'<p>{_e(self.t("method_changes"))}</p><ul class="arrows">{items}</ul>',
        )

    # the whole page ----------------------------------------------------------------------

    def provenance(self) -> str:
        info = self.data.provenance
        if info.is_synthetic:
            details = ""
            if info.scale is not None and info.seed is not None:
                details = self.t(
                    "synthetic_details",
                    scale=number(info.scale, self.lang, 2).rstrip("0").rstrip(",."),
                    seed=info.seed,
                )
            scale_text = (
                self.t("synthetic_scale", percent=self.pct(info.scale))
                if info.scale is not None
                else self.t("synthetic_scale_unknown")
            )
            body = self.t("synthetic_body", details=details, scale_text=scale_text)
            return (
                f'<div class="synthetic" role="note" id="synthetic-label">'
                f"<strong>{_e(self.t('synthetic_title'))}</strong>"
                f"<p>{_e(body)}</p></div>"
            )
        key = "provenance_real" if info.known else "provenance_unknown"
        return f'<p class="provenance" id="provenance">{_e(self.t(key))}</p>'

    def edition_label(self) -> str | None:
        """Which edition the figures are (G-11), for the line of the report date; None when
        the warehouse does not say (no marts.warehouse_info)."""
        data, info = self.data, self.data.provenance
        if data.frozen is not None:
            created = data.frozen.created_at
            if created:
                return self.t("edition_frozen", edition=data.frozen.year, date=self.date(created))
            return self.t("edition", edition=data.frozen.year)
        if data.edition_shown is not None:
            return self.t("edition", edition=data.edition_shown)
        if info.latest_edition is not None:
            return self.t("edition_differs", edition=info.latest_edition)
        if info.known:
            return self.t("edition_none")
        return None

    def header(self, other_page: str | None, other_lang: str | None) -> str:
        info = self.data.provenance
        as_of = (
            self.t("figures_as_of", date=self.date(self.data.report_date))
            if self.data.report_date
            else self.t("figures_as_of_unknown")
        )
        meta = [f'<span id="report-date">{_e(as_of)}</span>']
        edition = self.edition_label()
        if edition:
            meta.append(f'<span class="edition" id="edition">{_e(edition)}</span>')
        corrected = (
            len(self.data.frozen.approvals)
            if self.data.frozen is not None
            else len(self.data.restated(approved=True))
        )
        if corrected and (self.data.edition_shown or info.latest_edition):
            words = self.t("corrected_one" if corrected == 1 else "corrected_many", count=corrected)
            meta.append(f'<a href="#restatements" id="corrections-link">{_e(words)}</a>')
        note = (
            f'<p class="edition-note" id="edition-note">'
            f"{_e(self.t('frozen_note', edition=self.data.frozen.year))}</p>"
            if self.data.frozen is not None
            else ""
        )
        switch = (
            f'<a class="switch" href="{_e(other_page)}" hreflang="{other_lang}" '
            f'lang="{other_lang}">'
            f"{_e(self.t('other_language'))}</a>"
            if other_page and other_lang
            else ""
        )
        nav = "".join(
            f'<li><a href="#{anchor}">{_e(self.t(key))}</a></li>'
            for anchor, key in (
                ("access", "section_access"),
                ("careers", "section_careers"),
                ("students", "section_students"),
                ("residence", "section_residence"),
                ("reach", "section_reach"),
                ("method", "section_method"),
            )
        )
        return (
            f'<header>{switch}<p class="kicker">{_e(self.t("kicker"))}</p>'
            f"<h1>{_e(self.t('title', year=self.year))}</h1>"
            f'<p class="subtitle">{_e(self.t("subtitle"))}</p>'
            f'<p class="meta">{" · ".join(meta)}</p>{note}{self.provenance()}'
            f'<p class="intro">{_e(self.t("intro"))}</p></header>'
            f'<nav aria-label="{_e(self.t("nav_label"))}"><ol>{nav}</ol></nav>'
        )

    def render(
        self, generated_at: dt.datetime, other_page: str | None, other_lang: str | None
    ) -> str:
        info = self.data.provenance
        footer_parts = [self.t("footer", date=self.date(generated_at.date().isoformat()))]
        if info.code_version:
            footer_parts.append(self.t("code_version", version=info.code_version))
        css = page_css(
            running_title=self.t("title", year=self.year),
            page_word=self.t("page"),
            stamp=self.t("print_synthetic") if info.is_synthetic else "",
        )
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{self.lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(self.t('title', year=self.year))}</title>"
            f"<style>{css}</style></head><body><main>"
            + self.header(other_page, other_lang)
            + self.access()
            + self.careers()
            + self.students()
            + self.background()
            + self.residence()
            + self.reach()
            + self.restatements()
            + self.method()
            + f"<footer><p>{_e(' · '.join(footer_parts))}</p></footer>"
            "</main></body></html>\n"
        )


def render_page(
    data: ReportData,
    year: int,
    lang: str = "en",
    *,
    generated_at: dt.datetime | None = None,
    other_page: str | None = None,
    other_lang: str | None = None,
) -> str:
    """The report of `year` in `lang` (en or fr); `other_page`: the file name of the page
    in `other_lang`, linked from the header."""
    if lang not in i18n.WORDS:
        raise ValueError(f"no report words for language {lang!r} (one of {', '.join(i18n.WORDS)})")
    return Page(data, year, lang).render(
        generated_at or dt.datetime.now(dt.UTC), other_page, other_lang
    )


def languages() -> Sequence[str]:
    return tuple(i18n.WORDS)
