"""The project's own documents (docs/) stay true to the code (issue 14).

- the doc blocks and the marts column tables are what `impact_warehouse.docgen`
  generates (one source for each text);
- every rule id the project cites has its section; a rule in force is cited by
  the code that applies it, a rule marked planned is not (yet);
- the input contract lists exactly the columns of the dbt sources, PII marks
  included;
- every mart and column of docs/marts.md exists in a built warehouse with its
  type, or is listed as planned and not built;
- the README's analyst commands exist and its SQL examples run;
- the documents are on the documentation site.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest
import yaml

from impact_warehouse import docgen
from impact_warehouse.cli import COMMANDS
from sample_warehouse import SampleWarehouse
from type_names import duckdb_type_name

PROJECT_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# Where the project's code cites rule ids (the documents themselves aside).
CODE_DIRS = ("models", "macros", "tests", "seeds", "analyses", "src/impact_warehouse")
CODE_SUFFIXES = {".sql", ".yml", ".yaml", ".py", ".csv"}
NOT_CODE = {docgen.GENERATED_BLOCKS, Path("tests/python/test_project_docs.py")}


def _code_files() -> list[Path]:
    files = []
    for directory in CODE_DIRS:
        for path in sorted((PROJECT_DIR / directory).rglob("*")):
            relative = path.relative_to(PROJECT_DIR)
            if path.suffix in CODE_SUFFIXES and relative not in NOT_CODE and path.is_file():
                files.append(relative)
    return files


def _citations() -> dict[str, set[str]]:
    """Rule id -> the code files that cite it."""
    cited: dict[str, set[str]] = defaultdict(set)
    for path in _code_files():
        text = (PROJECT_DIR / path).read_text(encoding="utf-8", errors="replace")
        for rule_id in docgen.RULE_ID_PATTERN.findall(text):
            cited[rule_id].add(path.as_posix())
    return cited


def _rules() -> dict[str, docgen.Rule]:
    rules = {}
    for path in (docgen.METHODOLOGY, docgen.CONTRACT):
        for rule in docgen.read_document(path).rules:
            rules[rule.rule_id] = rule
    return rules


# generated texts -------------------------------------------------------------------------------


def test_generated_doc_blocks_and_mart_tables_are_in_sync() -> None:
    stale = docgen.stale_files()
    assert stale == [], (
        f"{[str(p) for p in stale]} differ from what `.venv/bin/python -m impact_warehouse.docgen` "
        "writes: edit docs/*.md (or the marts' YAML), then run it"
    )


def test_the_generator_refuses_what_would_break_the_doc_blocks() -> None:
    with pytest.raises(docgen.DocsError, match="Jinja"):
        docgen.parse_document(Path("x.md"), "### G-1 Title\n\nuses {{ var('x') }}\n")
    with pytest.raises(docgen.DocsError, match="two sections"):
        docgen.parse_document(Path("x.md"), "### G-1 A\n\ntext\n\n### G-1 B\n\ntext\n")
    document = docgen.parse_document(
        Path("x.md"),
        "## Family\n<!-- block: fam -->\nIntro.\n\n### M-ABC-1 Rule\n\nText.\n\n"
        "- **Reading:** one\n  reading.\n- **Status: planned** (later).\n",
    )
    assert [section.block_name for section in document.sections] == ["fam"]
    (rule,) = document.rules
    assert (rule.block_name, rule.is_planned, rule.bullets(docgen.READING)) == (
        "m_abc_1",
        True,
        ["one reading."],
    )


# rule ids ------------------------------------------------------------------------------------


def test_every_rule_id_cited_in_the_project_has_its_section() -> None:
    rules = _rules()
    missing = {
        rule_id: sorted(files) for rule_id, files in _citations().items() if rule_id not in rules
    }
    assert missing == {}, (
        "rule ids cited in the code without a `### <id> <title>` section in "
        f"docs/methodology.md (G-, M-) or docs/input-contract.md (C-): {missing}"
    )


def test_methodology_has_every_part_1_and_part_2_rule() -> None:
    text = (PROJECT_DIR / docgen.METHODOLOGY).read_text()
    assert "# Part 1" in text and "# Part 2" in text
    ids = set(_rules())
    expected = (
        {f"G-{n}" for n in range(1, 13)}
        | {f"C-{n}" for n in range(1, 6)}
        | {"M-ORI-1", "M-ORI-2", "M-ORI-3", "M-TEC-1", "M-RES-1", "M-REA-1", "M-REA-2"}
        | {f"M-GRA-{n}" for n in range(1, 6)}
        | {f"M-PLA-{n}" for n in range(1, 7)}
        | {f"M-CAR-{n}" for n in range(1, 5)}
        | {f"M-DEM-{n}" for n in range(1, 4)}
        | {f"M-UND-{n}" for n in range(1, 4)}
        | {f"M-GRP-{n}" for n in range(1, 4)}
        | {"M-CI-1", "M-CI-2", "M-VA-1", "M-VA-2", "M-OUT-1", "M-OUT-2"}
    )
    assert ids == expected


def test_rules_in_force_are_cited_and_planned_rules_are_not() -> None:
    cited = _citations()
    rules = _rules()
    uncited = sorted(
        rule_id for rule_id, rule in rules.items() if not rule.is_planned and not cited[rule_id]
    )
    assert uncited == [], (
        f"{uncited} are documented as in force but no model, macro or test cites them: "
        "cite the rule where it is applied, or mark it `- **Status: planned**`"
    )
    # Python tests may name a rule to check its documentation; the code that applies a
    # rule is the models, macros, dbt tests, seeds, analyses and the package.
    applied = {
        rule_id: sorted(f for f in files if not f.startswith("tests/python/"))
        for rule_id, files in cited.items()
    }
    implemented = {
        rule_id: applied[rule_id]
        for rule_id, rule in rules.items()
        if rule.is_planned and applied.get(rule_id)
    }
    assert implemented == {}, (
        f"{implemented}: these rules are marked planned in docs/ but the code now cites them; "
        "say where they are implemented, drop the Status line, and regenerate the doc blocks"
    )


def test_every_rule_is_a_doc_block_on_the_site(sample_warehouse: SampleWarehouse) -> None:
    docs = sample_warehouse.manifest["docs"]
    for rule_id, rule in _rules().items():
        block = docs.get(f"doc.impact_warehouse.{rule.block_name}")
        assert block is not None, f"no doc block for {rule_id}"
        assert block["block_contents"].startswith(f"**{rule_id} {rule.title}.**")
    readings = docs["doc.impact_warehouse.methodology_readings"]["block_contents"]
    assert "- G-8: " in readings and "- M-CAR-1: " in readings


# the input contract ----------------------------------------------------------------------------


def _contract_columns() -> tuple[dict[str, dict[str, str]], set[str]]:
    """Export -> {column: type cell}, and the reader-added columns, from the contract."""
    text = (PROJECT_DIR / docgen.CONTRACT).read_text()
    exports: dict[str, dict[str, str]] = {}
    current: str | None = None
    for line in text.splitlines():
        heading = re.match(r"^### ([a-z_]+)$", line)
        if heading:
            current = heading.group(1)
            exports[current] = {}
        elif line.startswith("#"):
            current = None
        elif current and line.startswith("| ") and not line.startswith("| column"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            exports[current][cells[0]] = cells[1]
    added = re.search(r"^Columns the reader adds: (.+)$", text, re.M)
    assert added, "the contract must say which columns the reader adds"
    return exports, set(re.findall(r"`([a-z_]+)`", added.group(1)))


def _source_columns() -> dict[str, dict[str, bool]]:
    """Export -> {column: is PII}, from the `platform` source declared under models/."""
    sources: dict[str, dict[str, bool]] = {}
    for path in sorted((PROJECT_DIR / "models").rglob("*.yml")):
        content = yaml.safe_load(path.read_text()) or {}
        for source in content.get("sources") or []:
            if source["name"] != "platform":  # the exports; the editions are not input
                continue
            for table in source.get("tables") or []:
                columns = sources.setdefault(table["name"], {})
                for column in table.get("columns") or []:
                    meta = {**column.get("meta", {}), **column.get("config", {}).get("meta", {})}
                    columns[column["name"]] = bool(meta.get("pii"))
    return sources


def test_contract_columns_are_the_source_columns() -> None:
    contract, reader_added = _contract_columns()
    sources = _source_columns()
    assert set(contract) == set(sources), "the contract and the dbt sources name other exports"
    for export, columns in contract.items():
        declared = {name for name in sources[export] if name not in reader_added}
        assert set(columns) == declared, (
            f"{export}: only in docs/input-contract.md {sorted(set(columns) - declared)}, "
            f"only in the sources {sorted(declared - set(columns))}"
        )
        pii_in_contract = {name for name, cell in columns.items() if "**PII**" in cell}
        pii_in_sources = {name for name, pii in sources[export].items() if pii}
        assert pii_in_contract == pii_in_sources, export


def test_contract_documents_bad_input_and_completeness() -> None:
    text = (PROJECT_DIR / docgen.CONTRACT).read_text()
    assert "## Bad input" in text and "## Completeness" in text
    contract_rules = {r.rule_id for r in docgen.read_document(docgen.CONTRACT).rules}
    assert contract_rules == {f"C-{n}" for n in range(1, 6)}


def test_contract_is_on_the_source_pages(sample_warehouse: SampleWarehouse) -> None:
    source = sample_warehouse.manifest["sources"]["source.impact_warehouse.platform.users"]
    assert "### career_outcome_declarations" in source["source_description"]
    assert "### C-3 No silent shrinkage" in source["source_description"]


# the marts interface -------------------------------------------------------------------------


def _marts_doc() -> tuple[dict[str, list[tuple[str, str]]], set[str], set[tuple[str, str]]]:
    """Documented marts -> [(column, type)], planned marts, planned (mart, column)."""
    documented: dict[str, list[tuple[str, str]]] = {}
    planned_marts: set[str] = set()
    planned_columns: set[tuple[str, str]] = set()
    current: list[tuple[str, str]] | None = None
    in_planned_columns = False
    for line in (PROJECT_DIR / docgen.MARTS).read_text().splitlines():
        heading = re.match(r"^### marts\.([a-z_0-9]+)( \(planned\))?$", line)
        if heading:
            in_planned_columns = False
            if heading.group(2):
                planned_marts.add(heading.group(1))
                current = None
            else:
                current = documented.setdefault(heading.group(1), [])
            continue
        if line.startswith("#"):
            current = None
            in_planned_columns = line == "### Planned columns of existing marts"
            continue
        if line.startswith("| ") and not line.startswith(("| column", "| mart.column")):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if in_planned_columns:
                mart, _, column = cells[0].partition(".")
                planned_columns.add((mart, column))
            elif current is not None:
                current.append((cells[0], duckdb_type_name(cells[1])))
    return documented, planned_marts, planned_columns


def test_every_mart_and_column_of_the_marts_doc_is_built_or_planned(
    sample_warehouse: SampleWarehouse,
) -> None:
    documented, planned_marts, planned_columns = _marts_doc()
    assert documented  # planned marts and columns: none left since issues 10 and 11
    con = duckdb.connect(str(sample_warehouse.duckdb_path), read_only=True)
    try:
        rows = con.execute(
            "select table_name, column_name, lower(data_type) from information_schema.columns "
            "where table_schema = 'marts' order by table_name, ordinal_position"
        ).fetchall()
    finally:
        con.close()
    built: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for table, column, data_type in rows:
        built[table].append((column, data_type))
    for mart, columns in documented.items():
        assert mart in built, f"docs/marts.md documents marts.{mart}, which is not built"
        assert columns == built[mart], f"marts.{mart}: docs/marts.md and the built columns differ"
    undocumented = sorted(set(built) - set(documented))
    assert undocumented == [], f"marts not in docs/marts.md: {undocumented}"
    assert sorted(planned_marts & set(built)) == [], "built marts still listed as planned"
    built_columns = {(mart, column) for mart, columns in built.items() for column, _ in columns}
    assert sorted(planned_columns & built_columns) == [], "built columns still listed as planned"


def test_marts_doc_is_on_the_analyst_exposure(sample_warehouse: SampleWarehouse) -> None:
    exposure = sample_warehouse.manifest["exposures"]["exposure.impact_warehouse.analyst_marts"]
    assert "### marts.fct_enrollments" in exposure["description"]
    assert "(`docs/input-contract.md`)" in exposure["description"]  # links written out


# the README ----------------------------------------------------------------------------------


def _readme_shell_lines() -> list[str]:
    text = (PROJECT_DIR / "README.md").read_text()
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        joined = block.replace("\\\n", " ")
        lines += [line.split("  #")[0].strip() for line in joined.splitlines() if line.strip()]
    return lines


def _make_targets() -> set[str]:
    makefile = (PROJECT_DIR / "Makefile").read_text()
    return set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))


def _check_command(words: list[str]) -> None:
    if not words:  # a comment line of a shell block
        return
    while words and re.match(r"^[A-Z_]+=", words[0]):  # VAR=value prefixes
        words = words[1:]
    program, args = words[0], words[1:]
    if program == "make":
        targets = [arg for arg in args if not arg.startswith("-") and "=" not in arg]
        assert set(targets) <= _make_targets(), f"unknown make target in {words}"
        return
    if program in {"source", "cd", "git", "export", "python3.11"}:
        return
    name = program.removeprefix(".venv/bin/")
    assert (BIN / name).exists(), f"`{program}` is not installed in the project's .venv"
    if name == "impact-warehouse":
        assert args and args[0] in COMMANDS, f"unknown impact-warehouse command in {words}"
        if "--" in args:
            _check_command(args[args.index("--") + 1 :])


def test_every_readme_command_exists() -> None:
    lines = _readme_shell_lines()
    assert any(line.startswith("impact-warehouse sql") for line in lines)
    for line in lines:
        if line.lstrip().startswith("#"):  # a comment of the shell block
            continue
        for command in re.split(r"\s*(?:&&|;|\|)\s*", line):
            if command:
                _check_command(
                    shlex.split(command.replace("$(", "").replace(")", ""), comments=True)
                )


def test_readme_sql_examples_run(sample_warehouse: SampleWarehouse) -> None:
    examples = [line for line in _readme_shell_lines() if line.startswith("impact-warehouse sql")]
    for line in examples:
        words = shlex.split(line.split(">")[0])
        proc = subprocess.run(
            [
                str(BIN / "impact-warehouse"),
                *words[1:],
                "--duckdb-path",
                str(sample_warehouse.duckdb_path),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, f"{line}\n{proc.stderr}"
        assert proc.stdout.strip()


def test_implemented_in_names_models_and_macros_that_exist() -> None:
    """A renamed model or macro must not leave the methodology pointing at nothing."""
    models = {path.stem for path in (PROJECT_DIR / "models").rglob("*.sql")}
    macros = set(
        re.findall(
            r"\{%-?\s*macro\s+(\w+)",
            "\n".join(p.read_text() for p in (PROJECT_DIR / "macros").rglob("*.sql")),
        )
    )
    seeds = {path.stem for path in (PROJECT_DIR / "seeds").rglob("*.csv")}
    missing = []
    for rule_id, rule in _rules().items():
        for text in rule.bullets("- **Implemented in:**"):
            for name in re.findall(r"`(\w+)` macros?\b", text):
                if name not in macros:
                    missing.append(f"{rule_id}: macro {name}")
            for name in re.findall(r"`((?:int|stg|base|fct|dim)_\w+)`", text):
                if name not in models:
                    missing.append(f"{rule_id}: model {name}")
            for name in re.findall(r"`(\w+)` seed\b", text):
                if name not in seeds:
                    missing.append(f"{rule_id}: seed {name}")
    assert missing == [], f"docs/methodology.md names what does not exist: {missing}"
