"""The report and editions (G-11, G-12): the published pages say which edition the
figures are beside their date and list the approved restatements since it; the
reconciliation page lists every restatement; `impact-warehouse report --edition YEAR`
renders the published pages from the frozen files alone.

Hand-made: the report fixture (report_fixture.py, the marts' contracts) and an edition
frozen from it by the editions module's own writer (create_edition), in tmp dirs."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pytest

from impact_warehouse import editions
from impact_warehouse.cli import main
from impact_warehouse.report import write_report
from impact_warehouse.report_assets.formatting import NNBSP
from report_fixture import RESTATEMENTS, restatement, write_report_warehouse
from test_report import _section, _text

EDITION = 2023


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Part 2 fixture: editions 2022 and 2023 known, 2023 reproduced, two approved
    restatements of 2023 and one unapproved of 2022 (restatement_policy warn)."""
    base = tmp_path_factory.mktemp("report-editions")
    db = write_report_warehouse(base / "w.duckdb", part2=True)
    return write_report(db, base / "pages")


# the published pages, from the warehouse ------------------------------------------------------


def test_the_edition_is_named_beside_the_report_date(pages: dict[str, Path]) -> None:
    html = pages["en"].read_text(encoding="utf-8")
    meta = re.search(r'<p class="meta">(.*?)</p>', html, re.S)
    assert meta
    assert re.search(
        r'<span id="report-date">Figures as of 31 March 2024</span> · '
        r'<span class="edition" id="edition">Edition 2023</span> · '
        r'<a href="#restatements" id="corrections-link">2 figures corrected since publication</a>',
        meta.group(1),
    )
    text = _text(pages["fr"])
    assert "Chiffres arrêtés au 31 mars 2024 · Édition 2023 · 2 chiffres corrigés" in text


def test_approved_restatements_since_the_edition_are_listed_in_both_languages(
    pages: dict[str, Path],
) -> None:
    english = _section(pages["en"], "restatements")
    assert "Corrections since edition 2023" in english
    items = re.findall(r"<li>(.*?)</li>", english, re.S)
    assert [re.sub(r"<[^>]+>", " | ", item).strip(" |") for item in items] == [
        "Graduation rate, 2022 |  | Published 41%, now 41.5% |  | "
        "Reason: late graduations recorded by the platform (corrected on 2 May 2024)",
        "Graduation rate, Gender: Women, 2023 |  | "
        "Published 50% (800 of 1,600), now 50% (805 of 1,610) |  | "
        "Reason: profiles re-exported with corrected genders (corrected on 2 May 2024)",
    ]
    # edition 2022's, approved or not, are not corrections since edition 2023
    assert "Orientation rate" not in english and "Students with disabilities" not in english
    french = _text(pages["fr"])
    assert "Corrections depuis l'édition 2023" in french
    assert "Taux de diplomation, Genre : Femmes, 2023" in french
    assert "Publié : 41\u00a0%, désormais : 41,5\u00a0%" in french
    assert f"(800 sur 1{NNBSP}600), désormais : 50\u00a0% (805 sur 1{NNBSP}610)" in french
    assert "Raison : late graduations recorded by the platform (corrigé le 2 mai 2024)" in french


def test_a_corrected_graduate_outcome_reads_in_plain_words(tmp_path: Path) -> None:
    row = restatement(
        EDITION,
        "graduate_outcomes",
        2023,
        (400, 2_800),
        (396, 2_800),
        dimension="outcome_status",
        group="job_seeking",
        reason="late answers",
        approved_on="2024-05-02",
    )
    row["frozen_denominator"] = row["recomputed_denominator"] = None  # as the mart freezes it
    db = write_report_warehouse(tmp_path / "w.duckdb", part2=True, restatements=[row])
    written = write_report(db, tmp_path / "pages")
    section = _text(written["en"])
    assert "Graduates of 2023: Looking for a job Published 14.3%, now 14.1%" in section
    assert "Diplômés de 2023 : En recherche d'emploi" in _text(written["fr"])


def test_no_correction_no_list(tmp_path: Path) -> None:
    db = write_report_warehouse(tmp_path / "w.duckdb", part2=True, restatements=[])
    written = write_report(db, tmp_path / "pages")
    for lang in ("en", "fr"):
        html = written[lang].read_text(encoding="utf-8")
        assert 'id="restatements"' not in html and 'id="corrections-link"' not in html
        assert 'id="edition">' + ("Edition" if lang == "en" else "Édition") + " 2023<" in html


def test_without_an_edition_the_page_says_the_figures_are_not_frozen(tmp_path: Path) -> None:
    none = {"editions": None, "latest_edition": None, "reproduced_edition": None}
    db = write_report_warehouse(tmp_path / "n.duckdb", part2=True, restatements=[], info=none)
    written = write_report(db, tmp_path / "none")
    assert "Figures as of 31 March 2024 · Not yet a frozen edition: these figures may still" in (
        _text(written["en"])
    )
    assert "Pas encore une édition figée" in _text(written["fr"])
    assert "No edition is frozen yet" in _text(written["reconciliation"])
    # edition 2023 not reproduced (an unapproved restatement of it, policy warn)
    differs = [
        *RESTATEMENTS[:1],
        restatement(EDITION, "share_refugee", 2023, (21, 3_500), (22, 3_500)),
    ]
    db = write_report_warehouse(
        tmp_path / "d.duckdb", part2=True, restatements=differs, info={"reproduced_edition": 2022}
    )
    written = write_report(db, tmp_path / "differs")
    text = _text(written["en"])
    assert "Not a frozen edition: some figures differ from edition 2023 and are under review" in (
        text
    )
    # the approved correction of 2023 is still listed, the unapproved one only on the
    # reconciliation page
    restated = _section(written["en"], "restatements")
    assert "Graduation rate, 2022" in restated and "Refugees" not in restated
    reconciliation = _text(written["reconciliation"])
    assert "do not reproduce the latest edition, 2023 (the latest reproduced is 2022)" in (
        reconciliation
    )


def test_reconciliation_lists_every_restatement(pages: dict[str, Path]) -> None:
    section = _section(pages["reconciliation"], "restatements")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))
    assert "The figures reproduce edition 2023" in text and "restatement_policy warn" in text
    assert "1 restatement(s) not approved" in text
    rows = re.findall(r'<tr class="(approved|unapproved)">(.*?)</tr>', section, re.S)
    assert [kind for kind, _ in rows] == ["approved", "approved", "approved", "unapproved"]
    approved = re.sub(r"<[^>]+>", " ", rows[0][1])
    for cell in (
        "graduation_rate 2022 all",
        "41.0%",
        "41.5%",
        "1,230 / 3,000 → 1,245 / 3,000",
        "enrollments/enrollments_2024-04-30.csv (added)",
        "late graduations recorded by the platform",
        "2024-05-02",
    ):
        assert cell in approved, cell
    assert "orientation_rate 2022 all" in rows[2][1]  # edition 2022's: listed here
    unapproved = re.sub(r"<[^>]+>", " ", rows[3][1])
    assert "share_disability 2022 all" in unapproved and "NOT APPROVED" in unapproved


# --edition: the published pages from the frozen files alone ----------------------------------


def _freeze(tmp_path: Path) -> tuple[Path, Path]:
    """Edition 2023 frozen by editions.create_edition from a hand-made published warehouse
    (the report fixture, every figure final, green): (editions dir, warehouse)."""
    db = write_report_warehouse(
        tmp_path / "published.duckdb",
        part2=True,
        report_date="2024-12-31",
        restatements=[],
        info={
            "editions": None,
            "latest_edition": None,
            "reproduced_edition": None,
            "is_green": True,
            "not_green_reasons": None,
        },
    )
    con = duckdb.connect(str(db))
    try:
        for mart in ("impact_indicators", "impact_by_group", "graduate_outcomes"):
            con.execute(f"update marts.{mart} set status = 'final'")
        # a region of 2023 too small to publish: the regions bar then has a rest
        con.execute(
            "update marts.impact_indicators set is_suppressed = true, value = null, "
            "numerator = null where indicator = 'share_region_rest_of_world' and year = 2023"
        )
        con.execute(
            """
            create table intermediate.int_figures_unioned as
            select 'impact_indicators' as mart, indicator, year, segment,
                null::varchar as dimension, null::varchar as group_name, numerator,
                denominator, value, status, is_suppressed, finalised_on, ci_lower, ci_upper,
                change, change_is_significant
            from marts.impact_indicators
            union all
            select 'impact_by_group', indicator, year, 'all', dimension, "group", numerator,
                denominator, value, status, is_suppressed, null, ci_lower, ci_upper, change,
                change_is_significant
            from marts.impact_by_group
            union all
            select 'graduate_outcomes', 'graduate_outcomes', year, segment, 'outcome_status',
                outcome_status, graduates, null, share, status, is_suppressed, null, null,
                null, null, null
            from marts.graduate_outcomes
            """
        )
        con.execute("create schema staging")
        con.execute(
            "create table staging.dq_raw_files as select 'users' as export, "
            "'users/users_2024-12-31.csv' as file_path, 120::bigint as size_bytes, "
            "'ab' as sha256, 'read' as disposition"
        )
    finally:
        con.close()
    directory = tmp_path / "editions"
    editions.create_edition(EDITION, published=db, directory=directory)
    return directory, db


def test_report_edition_renders_the_frozen_figures_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    directory, db = _freeze(tmp_path)
    with (directory / editions.APPROVALS_FILE).open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(editions.APPROVAL_COLUMNS)
        writer.writerow(
            [EDITION, "graduation_rate", 2023, "all", "", "", "late export", "2025-02-01"]
        )
        writer.writerow(
            [2022, "orientation_rate", 2022, "all", "", "", "other edition", "2025-02-01"]
        )
    # the warehouse is gone: the edition alone renders the pages
    db.unlink()
    monkeypatch.setenv("IMPACT_DUCKDB_PATH", str(tmp_path / "no-such.duckdb"))
    out = tmp_path / "out"
    argv = ["report", "--edition", "2023", "--editions-dir", str(directory)]
    assert main([*argv, "--output-dir", str(out), "--no-pdf"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "impact-report.en.html",
        "impact-report.fr.html",
    ]
    assert str(out / "impact-report.en.html") in capsys.readouterr().out
    html = (out / "impact-report.en.html").read_text(encoding="utf-8")
    text = _text(out / "impact-report.en.html")
    frozen = editions.load_frozen(EDITION, directory)
    created = editions.read_edition(directory, EDITION).manifest["created_at"][:10]
    assert "Impact report 2023" in text and "Figures as of 31 December 2024" in text
    year, month, day = (int(part) for part in created.split("-"))
    assert f'id="edition">Edition 2023, frozen on {day} ' in html and str(year) in html
    assert "rendered from its frozen figures alone" in text and "left out" in text
    # the frozen values, in the cards and the sections
    outcomes = next(
        r
        for r in frozen
        if (r["indicator"], r["year"], r["segment"]) == ("career_outcomes", 2023, "all")
    )
    assert re.search(
        rf'id="card-career_outcomes".*?<p class="big">{outcomes["value"]:,.0f}<', html, re.S
    )
    placement = next(
        r
        for r in frozen
        if (r["indicator"], r["year"], r["segment"]) == ("job_placement_rate", 2023, "all")
    )
    assert placement["status"] == "final"
    assert re.search(r'id="card-job_placement_rate".*?<p class="big">45.7%', html, re.S)
    assert "provisional" not in _section(out / "impact-report.en.html", "access")
    assert 'id="background"' in html and "Non-binary" in html  # impact_by_group, frozen
    assert 'id="chart-graduate-outcomes"' in html  # graduate_outcomes, frozen
    # what an edition does not freeze is left out, not shown empty
    for absent in ('id="chart-outcome-types"', 'class="countries"', 'class="benchmarks"'):
        assert absent not in html, absent
    # the rest of the regions bar: unknown residences (in the countries, not frozen) or
    # suppressed regions
    assert "Unknown or not shown" in html and "Not shown (small numbers)" not in html
    # the approvals that name the edition: figure, value as published, reason
    restated = _section(out / "impact-report.en.html", "restatements")
    assert "Graduation rate, 2023" in restated and "Published 50%" in restated
    assert "Reason: late export (corrected on 1 February 2025)" in restated
    assert "other edition" not in restated
    fr = _text(out / "impact-report.fr.html")
    assert "Édition 2023, figée le" in fr and "Chiffres arrêtés au 31 décembre 2024" in fr
    # the default folder is reports/edition-2023 (relative to the current directory)
    monkeypatch.chdir(tmp_path)
    assert main([*argv, "--no-pdf"]) == 0
    assert (tmp_path / "reports" / "edition-2023" / "impact-report.fr.html").is_file()


def test_report_edition_refuses_an_edition_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    argv = ["report", "--edition", "2031", "--editions-dir", str(tmp_path / "editions")]
    assert main([*argv, "--output-dir", str(out), "--no-pdf"]) == 1
    err = capsys.readouterr().err
    assert f"no edition 2031 in {tmp_path / 'editions'}" in err and "edition list" in err
    assert not out.exists()


def test_report_edition_refuses_a_modified_edition(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory, _ = _freeze(tmp_path)
    figures = directory / "2023" / editions.FIGURES_FILE
    figures.write_text(figures.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    argv = ["report", "--edition", "2023", "--editions-dir", str(directory), "--no-pdf"]
    assert main([*argv, "--output-dir", str(tmp_path / "out")]) == 1
    assert "was modified since edition 2023 was frozen" in capsys.readouterr().err
