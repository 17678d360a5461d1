"""`impact-warehouse report` rendered from a small hand-made warehouse (no dbt): content,
self-containment, accessibility; then the page in headless Chromium."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from impact_warehouse.browser import dump_dom, find_chromium, screenshot
from impact_warehouse.cli import main
from impact_warehouse.report import write_report
from impact_warehouse.report_assets.sample import write_sample_warehouse


@pytest.fixture()
def sample_db(tmp_path: Path) -> Path:
    return write_sample_warehouse(tmp_path / "impact.duckdb", report_date="2024-03-31")


@pytest.fixture()
def page(sample_db: Path, tmp_path: Path) -> Path:
    return write_report(sample_db, tmp_path / "reports" / "impact-report.html")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_page_shows_each_figure_beside_its_published_value(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    text = " ".join(_parse(html).text)
    assert "Impact report 2023" in text
    assert "2024-03-31" in text  # report date (G-8)
    for heading in (
        "Orientation rate",
        "Graduation rate",
        "Job placement rate",
        "Positive career outcomes",
        "Unemployed individuals",
        "Low to no qualification",
        "Refugees",
        "Residents of underserved areas",
        "Students with disabilities",
        "Women in Tech paths",
        "At least one underserved category",
        "Students residing in Africa",
        "Free users",
        "Countries of free users",
    ):
        assert heading in text, heading
    # computed beside published: orientation 2022 29.3% vs 29.0%, growth +191% vs +190%
    assert re.search(r"29\.3%.{0,200}29\.0%", html, re.S)
    assert "+191%" in text and "+190%" in text
    assert "52,330" in text and "4,373" in text and "48,100 (published 48,000)" in text
    assert "221" in text and "222" in text


def test_page_states_provisional_and_suppressed_figures(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    status = html[html.index('id="status"') : html.index('id="methodology"')]
    assert "Job placement rate, 2023" in status
    assert "Job placement rate of apprentices, 2023" in status
    assert "Refugees, 2022" in status.split("Suppressed (G-9)")[1]
    assert "Job placement rate, 2022" not in status  # final
    underserved = html[html.index('id="table-underserved"') :]
    refugee_2022 = re.search(r"Refugees</th><td>2022</td>(.*?)</tr>", underserved, re.S)
    assert refugee_2022 and "suppressed" in refugee_2022.group(1)


def test_page_cites_rule_ids_in_methodology_notes(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    notes = html[html.index('id="methodology"') :]
    for rule in ("G-7", "G-9", "M-ORI-1", "M-GRA-2", "M-PLA-4", "M-CAR-3", "M-UND-2", "M-TEC-1"):
        assert rule in notes, rule


def test_page_is_self_contained_and_accessible(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    parsed = _parse(html)
    tags = [tag for tag, _ in parsed.tags]
    assert "script" not in tags and "img" not in tags and "link" not in tags
    assert not re.search(r"""(src|href)\s*=\s*["'](https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    svgs = [attrs for tag, attrs in parsed.tags if tag == "svg"]
    assert len(svgs) >= 4
    for attrs in svgs:
        assert attrs.get("role") == "img"
        title_id, desc_id = (attrs.get("aria-labelledby") or "").split()
        assert f'<title id="{title_id}">' in html and f'<desc id="{desc_id}">' in html
    assert tags.count("table") >= len(svgs)  # a data table as each chart's text alternative
    assert tags.count("caption") == tags.count("table")
    assert ("html", {"lang": "en"}) in parsed.tags


def test_report_cli_writes_the_page_and_releases_the_file(
    sample_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out" / "report.html"
    status = main(
        ["report", "--duckdb-path", str(sample_db), "--output", str(output), "--no-screenshot"]
    )
    assert status == 0 and output.is_file()
    assert str(output) in capsys.readouterr().out
    duckdb.connect(str(sample_db)).close()  # read-write open: the report kept no handle


def test_report_on_a_warehouse_without_marts_says_what_is_missing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    html = write_report(empty, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Missing from the warehouse" in html and "marts.impact_indicators" in html
    assert "not recorded in the marts" in html


def test_report_without_warehouse_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["report", "--duckdb-path", str(tmp_path / "none.duckdb"), "--no-screenshot"])
    assert status == 1
    assert "make build" in capsys.readouterr().err


def _require_chromium() -> None:
    if find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (make browser installs it)")
        pytest.skip("chromium is not installed (apt-get install -y chromium, or make browser)")


@pytest.mark.browser
def test_page_renders_in_headless_chromium(page: Path, tmp_path: Path) -> None:
    _require_chromium()
    dom = dump_dom(page)
    text = re.sub(r"<[^>]+>", " ", dom)
    assert "Impact report 2023" in text
    assert "Orientation rate" in text and "provisional" in text and "suppressed" in text
    assert dom.count("<svg") >= 4
    png = screenshot(page, tmp_path / "impact-report.png", height=2400)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
