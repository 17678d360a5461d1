"""`impact-warehouse report`: the published pages (English, French) and the reconciliation
page, rendered from a hand-made warehouse with the marts' real contracts
(report_fixture.py), then from the session's sample warehouse, then in headless
Chromium at desktop and phone widths and printed to PDF."""

from __future__ import annotations

import json
import os
import re
import string
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from impact_warehouse.browser import dump_dom, find_chromium, print_to_pdf
from impact_warehouse.cli import main
from impact_warehouse.indicators import in_section, label_of, registry
from impact_warehouse.report import write_report
from impact_warehouse.report_assets import i18n
from impact_warehouse.report_assets.formatting import NNBSP
from impact_warehouse.report_assets.style import page_css
from report_fixture import (
    PART2_COLUMNS,
    PART2_MARTS,
    Fixture,
    contracts,
    schema,
    write_report_warehouse,
)
from sample_warehouse import SampleWarehouse


@pytest.fixture()
def part1(tmp_path: Path) -> dict[str, Path]:
    """The pages of a warehouse with the Part 1 marts only (no warehouse_info)."""
    db = write_report_warehouse(tmp_path / "part1.duckdb")
    return write_report(db, tmp_path / "part1")


@pytest.fixture(scope="module")
def part2(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The pages of a warehouse with what Part 2 adds, built from synthetic exports."""
    base = tmp_path_factory.mktemp("report-part2")
    db = write_report_warehouse(base / "part2.duckdb", part2=True)
    return write_report(db, base / "pages")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._skip += tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag == "style"

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def _text(path: Path) -> str:
    """The text a reader sees, runs of spaces and line ends as one space (the no-break
    spaces of French numbers kept)."""
    return re.sub(r"[ \t\r\n]+", " ", " ".join(_parse(path).text))


def _section(path: Path, anchor: str) -> str:
    html = path.read_text(encoding="utf-8")
    start = html.index(f'<section id="{anchor}"')
    return html[start : html.index("</section>", start)]


# the fixture is the marts' contracts -----------------------------------------------------------


def test_fixture_tables_are_the_mart_contracts(tmp_path: Path) -> None:
    for part2, expected in ((False, schema(False)), (True, contracts())):
        db = write_report_warehouse(tmp_path / f"w{part2}.duckdb", part2=part2)
        con = duckdb.connect(str(db), read_only=True)
        try:
            marts = {
                name
                for (name,) in con.execute(
                    "select table_name from information_schema.tables where table_schema = 'marts'"
                ).fetchall()
            }
            assert marts == set(expected), part2
            for mart, columns in expected.items():
                built = con.execute(
                    "select column_name, lower(data_type) from information_schema.columns "
                    "where table_schema = 'marts' and table_name = ? order by ordinal_position",
                    [mart],
                ).fetchall()
                assert built == [(name, data_type.lower()) for name, data_type in columns], mart
        finally:
            con.close()
    assert {"impact_indicators", "impact_report", "restatements", "warehouse_info"} <= set(
        contracts()
    )


def test_fixture_refuses_a_column_the_contract_lacks(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    try:
        fixture = Fixture(con, schema(False))
        fixture.create("marts", "free_user_reach", fixture.tables["free_user_reach"])
        with pytest.raises(KeyError, match="free_user_reach has no column \\['reach'\\]"):
            fixture.insert("free_user_reach", [{"year": 2023, "reach": 1}])
    finally:
        con.close()


def test_what_part2_added_is_in_the_contracts() -> None:
    """The Part 1 fixture leaves out PART2_*: every name there is a real mart or column."""
    real = contracts()
    assert set(PART2_MARTS) <= set(real)
    for mart, names in PART2_COLUMNS.items():
        assert set(names) <= {name for name, _ in real[mart]}, mart


# the published page ----------------------------------------------------------------------------


def test_page_tells_the_story_in_the_reports_order(part1: dict[str, Path]) -> None:
    html = part1["en"].read_text(encoding="utf-8")
    anchors = re.findall(r'<section id="([a-z]+)"', html)
    assert anchors == ["access", "careers", "students", "residence", "reach", "method"]
    text = _text(part1["en"])
    assert "Impact report 2023" in text and "Figures as of 31 March 2024" in text
    # big numbers: the three rates of 2023, the career outcomes, the countries reached
    assert re.search(r'id="card-orientation_rate".*?<p class="big">9%', html, re.S)
    assert re.search(r'id="card-graduation_rate".*?<p class="big">50%', html, re.S)
    assert re.search(r'id="card-job_placement_rate".*?<p class="big">45.7%', html, re.S)
    assert re.search(r'id="card-career_outcomes".*?<p class="big">52,330', html, re.S)
    assert "2023 is a new record, with" in text
    assert re.search(r'id="card-free_user_countries".*?<p class="big">221', html, re.S)
    # each rate with its plain sentence, counts from the mart
    assert "9% of the people who applied in 2023 became students (2,621 of 29,120)." in text
    assert "45.7% of the students who graduated in 2023 found a job within 6 months" in text
    assert "The number of applicants grew by 191% between 2022 and 2023" in text
    assert "in 2023, 48,100 people who used it for free credited it" in text
    assert (
        "The share of our students living in France fell from 90% in 2022 to 82% in 2023." in text
    )
    # the career outcomes of each kind of user on its own scale
    segments = _section(part1["en"], "careers")
    assert segments.count('class="multiple"') == 3
    assert "Apprentices" in segments and "1,130" in segments and "3,100" in segments


def test_labels_come_from_the_registry(part1: dict[str, Path]) -> None:
    students = _section(part1["en"], "students")
    names = [row.name for row in in_section("demographics") if row.name != "share_any_underserved"]
    assert len(names) == 6
    for name in names:
        assert f'<article class="card rate" id="card-{name}"><h3>{label_of(name)}</h3>' in students


def test_page_shows_provisional_and_suppressed_figures_as_a_reader_reads_them(
    part1: dict[str, Path],
) -> None:
    html = part1["en"].read_text(encoding="utf-8")
    placement = html[html.index('id="card-job_placement_rate"') :]
    placement = placement[: placement.index("</article>")]
    assert '<span class="badge">provisional</span>' in placement
    assert "Provisional until 30 June 2024." in placement
    refugees = html[html.index('id="card-share_refugee"') :]
    refugees = refugees[: refugees.index("</article>")]
    assert re.search(
        r'<span class="label">2022</span><span class="track"></span>'
        r'<span class="value muted">—</span>',
        refugees,
    )
    assert "0.6% of the students who started in 2023 were refugees (21 of 3,500)." in refugees


def test_public_page_names_no_table_rule_or_file(part1: dict[str, Path]) -> None:
    for lang in ("en", "fr"):
        text = _text(part1[lang])
        assert not re.search(r"\b(?:G|C)-\d+\b|\bM-[A-Z]{2,3}-\d+\b", text), lang
        for internal in ("marts.", "impact_indicators", ".duckdb", "published value", "Difference"):
            assert internal not in text, (lang, internal)
        assert "None" not in text and "nan" not in text.split()


def test_french_page_is_french(part1: dict[str, Path]) -> None:
    text = _text(part1["fr"])
    assert "Rapport d'impact 2023" in text and "Chiffres arrêtés au 31 mars 2024" in text
    assert f"52{NNBSP}330" in text
    assert "9\u00a0% des personnes qui ont candidaté en 2023 sont devenues étudiantes" in text
    assert f"(2{NNBSP}621 sur 29{NNBSP}120)" in text
    for key in ("section_access", "section_careers", "section_students", "section_residence"):
        assert i18n.WORDS["fr"][key] in text and i18n.WORDS["en"][key] not in text
    assert ("html", {"lang": "fr"}) in _parse(part1["fr"]).tags
    links = [a for tag, a in _parse(part1["fr"]).tags if tag == "a" and a.get("hreflang")]
    assert links == [
        {"class": "switch", "href": "impact-report.en.html", "hreflang": "en", "lang": "en"}
    ]


def test_every_indicator_and_word_is_translated() -> None:
    assert set(i18n.INDICATORS) == set(registry()), "one entry per indicator of the registry"
    fields = string.Formatter()

    def placeholders(text: str) -> set[str]:
        return {name for _, name, _, _ in fields.parse(text) if name}

    for name, (label_fr, english, french) in i18n.INDICATORS.items():
        assert label_fr and placeholders(english) == placeholders(french), name
    assert set(i18n.WORDS["en"]) == set(i18n.WORDS["fr"])
    for key, english in i18n.WORDS["en"].items():
        assert placeholders(english) == placeholders(i18n.WORDS["fr"][key]), key


def test_pages_are_self_contained_and_accessible(part2: dict[str, Path]) -> None:
    for name, path in part2.items():
        html = path.read_text(encoding="utf-8")
        parsed = _parse(path)
        tags = [tag for tag, _ in parsed.tags]
        assert not {"script", "img", "link", "iframe", "object"} & set(tags), name
        assert not re.search(r"""(src|href)\s*=\s*["'](https?:)?//""", html), name
        assert "@import" not in html and "url(" not in html, name
        hrefs = [a["href"] for tag, a in parsed.tags if tag == "a" and a.get("href")]
        assert all(h.startswith("#") or re.fullmatch(r"[a-z.-]+\.html", h) for h in hrefs), name
        assert tags.count("h1") == 1 and tags.count("caption") == tags.count("table"), name
        assert (
            "meta",
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
        ) in parsed.tags


def test_print_stylesheet_keeps_blocks_whole_on_a4() -> None:
    css = page_css(running_title="Impact report 2023", page_word="page", stamp="SYNTHETIC")
    assert "@page { size: A4;" in css
    rules = re.findall(r"([^{}]+)\{\s*break-inside: avoid;", css)
    kept = {selector.strip() for rule in rules for selector in rule.split(",")}
    assert {"table", "figure", ".card", ".bars", ".columns", ".share-bar", "tr"} <= kept
    assert 'counter(page) " / " counter(pages)' in css and '"SYNTHETIC"' in css


# provenance and what Part 2 adds -----------------------------------------------------------


def test_without_warehouse_info_the_page_says_nothing_is_known(part1: dict[str, Path]) -> None:
    for lang in ("en", "fr"):
        html = part1[lang].read_text(encoding="utf-8")
        assert 'id="provenance"' in html and i18n.WORDS[lang]["provenance_unknown"] in _text(
            part1[lang]
        )
        assert 'id="synthetic-label"' not in html and "@top-center" not in html


def test_synthetic_exports_are_labelled_on_screen_and_on_every_printed_page(
    part2: dict[str, Path],
) -> None:
    text = _text(part2["en"])
    assert "Synthetic data: not real figures" in text
    assert "(scale 0.1, seed 20231231)" in text and "about 10% of the platform's" in text
    html = part2["fr"].read_text(encoding="utf-8")
    assert "Données synthétiques" in html and "(échelle 0,1, graine 20231231)" in html
    assert '@top-center { content: "DONNÉES SYNTHÉTIQUES' in html
    assert "Edition 2023" in text and "code version 0.1.0+test" in text


def test_real_exports_are_not_labelled_synthetic(tmp_path: Path) -> None:
    db = write_report_warehouse(tmp_path / "real.duckdb", part2=True, synthetic=False)
    pages = write_report(db, tmp_path / "pages")
    text = _text(pages["en"])
    assert "Computed from the platform's exports." in text and "Synthetic" not in text


def test_part2_sections_appear_only_with_their_marts(
    part1: dict[str, Path], part2: dict[str, Path]
) -> None:
    without, with_ = _text(part1["en"]), _text(part2["en"])
    for added in (
        "Outcomes by background",
        "95% confidence interval",
        "statistically significant",
        "What the graduates of 2023 were doing",
        "Corrections since edition 2023",
        "Had each kind of student fared as in 2022",
    ):
        assert added not in without and added in with_, added
    orientation = with_[with_.index("Orientation rate") :]
    assert "95% confidence interval: 8.7% to 9.3%." in orientation
    assert "Change on 2022: −20.3 points, statistically significant." in orientation
    background = _section(part2["en"], "background")
    assert background.count('class="card group"') == 6  # 2 rates x 3 dimensions
    assert "Non-binary" in background and "—" in background  # a suppressed group
    restated = _section(part2["en"], "restatements")
    assert "Graduation rate, 2022" in restated and "Published 41%, now 41.5%" in restated
    assert "Students with disabilities" not in restated  # edition 2022, not approved


# the reconciliation page ---------------------------------------------------------------------


def test_reconciliation_shows_computed_beside_published(part1: dict[str, Path]) -> None:
    html = part1["reconciliation"].read_text(encoding="utf-8")
    text = _text(part1["reconciliation"])
    row = re.search(
        r"Orientation rate</th><td><code>orientation_rate</code></td><td>2022</td>"
        r"(.*?)</tr>",
        html,
        re.S,
    )
    assert row and "29.3%" in row.group(1) and "29.0%" in row.group(1) and "+0.3 pp" in row.group(1)
    assert "M-ORI-1 M-ORI-2 M-ORI-3" in row.group(1)
    assert "+191%" in text and "+190%" in text and "48,100" in text and "48,000" in text
    status = html[html.index('id="status"') :]
    provisional = status.split("Suppressed (G-9)")[0]
    assert "Job placement rate, 2023" in provisional
    assert "Job placement rate, 2022" not in provisional
    assert "Refugees, 2022" in status.split("Suppressed (G-9)")[1]
    assert "M-PLA-4" in html[html.index('id="methodology"') :]
    assert "impact-report.en.html" in html and "impact-report.fr.html" in html


# the command ---------------------------------------------------------------------------------


def test_report_cli_writes_the_pages_and_releases_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = write_report_warehouse(tmp_path / "w.duckdb")
    out = tmp_path / "reports"
    assert main(["report", "--duckdb-path", str(db), "--output-dir", str(out), "--no-pdf"]) == 0
    names = sorted(path.name for path in out.iterdir())
    assert names == ["impact-report.en.html", "impact-report.fr.html", "reconciliation.html"]
    assert str(out / "impact-report.fr.html") in capsys.readouterr().out
    duckdb.connect(str(db)).close()  # read-write open: the report kept no handle


def test_report_on_an_incomplete_warehouse_fails_naming_the_marts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    out = tmp_path / "out"
    assert main(["report", "--duckdb-path", str(empty), "--output-dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert "marts.impact_indicators" in err and "marts.free_user_reach" in err
    assert not out.exists()
    assert main(["report", "--duckdb-path", str(tmp_path / "none.duckdb"), "--no-pdf"]) == 1
    assert "make build" in capsys.readouterr().err


def test_report_from_the_marts_dbt_builds(
    sample_warehouse: SampleWarehouse, tmp_path: Path
) -> None:
    """The real marts (the session's sample build): every page renders, with its figures."""
    pages = write_report(sample_warehouse.duckdb_path, tmp_path / "sample")
    con = duckdb.connect(str(sample_warehouse.duckdb_path), read_only=True)
    try:
        (outcomes,) = con.execute(
            "select numerator from marts.impact_indicators where indicator = 'career_outcomes' "
            "and year = 2023 and segment = 'all'"
        ).fetchone()
    finally:
        con.close()
    html = pages["en"].read_text(encoding="utf-8")
    assert re.search(rf'id="card-career_outcomes".*?<p class="big">{outcomes:,}<', html, re.S)
    for path in pages.values():
        text = _text(path)
        assert "None" not in text and " nan" not in text, path.name


# in headless Chromium: one run per page and size ----------------------------------------------

# Measures the laid-out page and posts what it found to the frame around it.
MEASURE = """<style>html { scrollbar-width: none; }</style><script>
addEventListener('load', () => {
  const vw = document.documentElement.clientWidth, out = {vw, overflow: [], small: []};
  out.scrollWidth = document.documentElement.scrollWidth;
  for (const el of document.querySelectorAll('main *')) {
    if (el.closest('.scroll')) continue;
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > vw + 0.5 || r.left < -0.5))
      out.overflow.push(el.tagName + '.' + el.className + ': ' + el.textContent.slice(0, 40));
  }
  for (const el of document.querySelectorAll(
      '.bar-row .label, .bar-row .value, .column .value, .column .label, .legend li, td, th')) {
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 11.5) out.small.push(el.className + ' ' + size);
  }
  out.rateTops = [...document.querySelectorAll('#access .cards > .card')].map(
    c => Math.round(c.getBoundingClientRect().top));
  parent.postMessage(JSON.stringify(out), '*');
});
</script>"""
# Chromium's window is at least 500 px wide: the page is laid out in a frame of the width.
FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe src="{src}" style="border:0;width:{width}px;height:900px"></iframe>
<script>addEventListener('message', e => document.body.setAttribute('data-layout', e.data));
</script></body></html>"""


def _require_chromium() -> None:
    if find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (make browser installs it)")
        pytest.skip("chromium is not installed (apt-get install -y chromium, or make browser)")


def _layout(page: Path, tmp_path: Path, width: int) -> dict:
    measured = tmp_path / f"measured-{width}-{page.name}"
    measured.write_text(
        page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8"
    )
    frame = tmp_path / f"frame-{width}-{page.name}"
    frame.write_text(FRAME.format(src=measured.name, width=width), encoding="utf-8")
    dom = dump_dom(frame, width=max(width + 40, 600))
    found = re.search(r'data-layout="([^"]*)"', dom)
    assert found, "the measuring script did not run"
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


@pytest.mark.browser
def test_report_at_desktop_width(part2: dict[str, Path], tmp_path: Path) -> None:
    _require_chromium()
    layout = _layout(part2["en"], tmp_path, 1280)
    assert layout["overflow"] == [] and layout["scrollWidth"] <= layout["vw"]
    assert len(layout["rateTops"]) == 3 and len(set(layout["rateTops"])) == 1  # side by side
    assert layout["small"] == []


@pytest.mark.browser
def test_report_at_phone_width(part2: dict[str, Path], tmp_path: Path) -> None:
    """360 px (the French page: its words are longer): nothing wider than the screen, chart
    text as large as body text allows, the rate cards one under the other."""
    _require_chromium()
    layout = _layout(part2["fr"], tmp_path, 360)
    assert layout["vw"] == 360
    assert layout["overflow"] == [] and layout["scrollWidth"] <= 360
    assert layout["small"] == []
    tops = layout["rateTops"]
    assert len(tops) == 3 and tops == sorted(tops) and len(set(tops)) == 3


@pytest.mark.browser
def test_reconciliation_at_phone_width(part2: dict[str, Path], tmp_path: Path) -> None:
    """Its wide tables scroll inside their box; the page itself does not."""
    _require_chromium()
    layout = _layout(part2["reconciliation"], tmp_path, 360)
    assert layout["scrollWidth"] <= 360 and layout["overflow"] == []


def _pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    data = pdf.read_bytes().decode("latin-1")
    pages = re.findall(r"/Type\s*/Page\b(?!s).*?/MediaBox\s*\[([^\]]+)\]", data, re.S)
    return [tuple(float(v) for v in box.split()[2:4]) for box in pages]  # type: ignore[misc]


@pytest.mark.browser
def test_report_prints_on_a4(part2: dict[str, Path], tmp_path: Path) -> None:
    _require_chromium()
    pdf = print_to_pdf(part2["en"], tmp_path / "report.pdf")
    pages = _pdf_pages(pdf)
    assert 3 <= len(pages) <= 12, len(pages)
    for width, height in pages:
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
