"""The documentation site (issues 5, 14) renders offline in headless Chromium and shows its text;
its doc blocks keep their markdown where descriptions join them, rule ids are links, and every
figure has its page.

`make docs` runs `dbt docs generate` then `dbt docs serve` on 127.0.0.1:8080;
here the same server is started on a free port over the sample warehouse's
artifacts, and Chromium (no network beyond loopback) renders the overview and
the `impact_indicators` page.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from impact_warehouse import docgen, docsite
from impact_warehouse.browser import dump_dom, find_chromium
from impact_warehouse.docgen import DOC_CALL
from impact_warehouse.indicators import registry
from sample_warehouse import SampleWarehouse

PROJECT_DIR = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def docs_url(sample_warehouse: SampleWarehouse) -> Iterator[str]:
    if find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (make browser installs it)")
        pytest.skip("chromium is not installed (make browser)")
    # what `impact-warehouse docs` adds to `dbt docs generate`: the overview says what the
    # warehouse is (here: synthetic sample exports, no edition frozen)
    docsite.label_overview(
        sample_warehouse.target_dir / "manifest.json",
        docsite.describe(sample_warehouse.duckdb_path),
    )
    port = _free_port()
    env = dict(os.environ)
    env.update(
        {
            "IMPACT_RAW_DIR": str(sample_warehouse.raw_dir),
            "IMPACT_DUCKDB_PATH": str(sample_warehouse.duckdb_path),
            "DBT_TARGET_PATH": str(sample_warehouse.target_dir),
            "DBT_LOG_PATH": str(sample_warehouse.work_dir / "logs"),
            "DBT_PROFILES_DIR": str(PROJECT_DIR),
            "DO_NOT_TRACK": "1",
        }
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("dbt")),
            "docs",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-browser",
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "manifest.json", timeout=2) as response:
                    assert response.status == 200
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _text(url: str) -> str:
    dom = dump_dom(url)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dom))


@pytest.mark.browser
def test_overview_page_shows_the_layers_and_how_to_query(docs_url: str) -> None:
    text = _text(docs_url + "#!/overview")
    assert "Impact warehouse" in text
    assert "marts.impact_indicators" in text
    assert "read-only" in text
    # the commands that work (issue 14): no DuckDB CLI can open the file
    assert "This warehouse: figures as of 2024-07-01" in text
    assert "SYNTHETIC exports (generator scale" in text  # issue 8 item 4
    assert "Edition: none frozen yet" in text  # issue 10 item 4
    assert "impact-warehouse sql" in text and "impact-warehouse shell" in text
    assert "duckdb -readonly" not in text
    assert "The project's documents" in text


@pytest.mark.browser
def test_source_page_shows_the_input_contract(docs_url: str) -> None:
    text = _text(docs_url + "#!/source_list/platform")
    assert "The input contract: what the platform delivers" in text
    assert "Bad input" in text
    assert "Contiguous months" in text and "No silent shrinkage" in text
    assert "shrinkage_tolerance" in text  # the completeness checks as built


@pytest.mark.browser
def test_impact_indicators_page_shows_its_description_and_columns(docs_url: str) -> None:
    text = _text(docs_url + "#!/model/model.impact_warehouse.impact_indicators")
    assert "impact_indicators" in text
    assert "One row per (indicator, year, segment)" in text
    for column in ("numerator", "denominator", "is_suppressed", "status"):
        assert column in text


# doc blocks in descriptions (issue 14) -------------------------------------------------------

BLOCK = re.compile(r"\{%\s*docs\s+([A-Za-z0-9_]+)\s*%\}(.*?)\{%\s*enddocs\s*%\}", re.S)
# Markdown a block may start or end with that a paragraph would swallow, and what must
# separate it from the text around the call: a new line, or a blank line.
NEEDS_NEW_LINE = re.compile(r"^(#|```|[-*+] |\d+\. |>)")
NEEDS_BLANK_LINE = re.compile(r"^\|")
ENDS_NEED_BLANK_LINE = re.compile(r"^([-*+] |\d+\. |\||>)")


def _blocks() -> dict[str, str]:
    """Every doc block of the project, stripped as dbt strips it."""
    found = {}
    for path in sorted((PROJECT_DIR / "models").rglob("*.md")):
        for name, body in BLOCK.findall(path.read_text(encoding="utf-8")):
            found[name] = body.strip()
    return found


def _descriptions() -> list[tuple[str, str]]:
    """(where, description) of every YAML description under models/ and seeds/."""
    found: list[tuple[str, str]] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description" and isinstance(value, str):
                    found.append((where, value))
                else:
                    walk(value, f"{where}/{node.get('name', key)}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    for folder in ("models", "seeds"):
        for path in sorted((PROJECT_DIR / folder).rglob("*.yml")):
            walk(
                yaml.safe_load(path.read_text(encoding="utf-8")), str(path.relative_to(PROJECT_DIR))
            )
    return found


def test_doc_blocks_keep_their_markdown_where_descriptions_join_them() -> None:
    """dbt pastes a block's text where `doc()` is called, stripped: a block that starts
    (ends) with a heading, list, table or code fence needs a blank line before (after)
    its call, or the site runs it into its neighbour (the `impact_indicators` SQL example
    ran into the next paragraph)."""
    blocks = _blocks()
    broken = []
    for where, description in _descriptions():
        for call in DOC_CALL.finditer(description):
            body = blocks.get(call.group(1))
            assert body is not None, f"{where}: no doc block {call.group(1)}"
            lines = body.splitlines()
            before, after = description[: call.start()], description[call.end() :]
            first, last = lines[0], lines[-1].lstrip()
            new_line = re.search(r"\n[ \t]*$", before)
            blank_line = re.search(r"\n[ \t]*\n[ \t]*$", before)
            if before.strip() and (
                (NEEDS_NEW_LINE.match(first) and not new_line)
                or (NEEDS_BLANK_LINE.match(first) and not blank_line)
            ):
                broken.append(f"{where}: {call.group(1)} starts with {first[:20]!r}")
            if after.strip() and (
                (ENDS_NEED_BLANK_LINE.match(last) and not re.match(r"^[ \t]*\n[ \t]*\n", after))
                or (NEEDS_NEW_LINE.match(last) and not re.match(r"^[ \t]*\n", after))
            ):
                broken.append(f"{where}: {call.group(1)} ends with {last[:20]!r}")
    assert broken == []


def test_rule_ids_in_doc_blocks_are_links_to_existing_pages() -> None:
    links = docgen.rule_links()
    models = set(docgen.model_specs())
    pages = {f"#!/model/model.impact_warehouse.{name}" for name in models}
    pages |= {"#!/overview/impact_warehouse", "#!/source_list/platform"}
    pages |= {f"#!/seed/seed.impact_warehouse.{name}" for name in ("indicator_registry",)}
    assert set(links.values()) <= pages | {p for p in links.values() if "/exposure/" in p}
    bare = []
    for name, body in _blocks().items():
        text = re.sub(r"```.*?```", "", body, flags=re.S)
        text = re.sub(r"`[^`]*`|\[[^\]]*\]\([^)]*\)", "", text)
        own = name.upper().replace("_", "-")  # a rule block names its own rule
        text = re.sub(rf"\b{re.escape(own)}\b", "", text)
        if name in ("__impact_warehouse__", "input_contract"):
            text = re.sub(r"^### .*$", "", text, flags=re.M)  # the rules' own headings
        if name == "methodology_readings":
            text = re.sub(r"^- [A-Z0-9-]+: ", "", text, flags=re.M)  # each reading's own rule
        bare += [f"{name}: {rule_id}" for rule_id in docgen.RULE_ID_PATTERN.findall(text)]
    assert bare == [], "rule ids that are not links (run python -m impact_warehouse.docgen)"
    assert links["M-PLA-2"] == "#!/model/model.impact_warehouse.int_graduates_placed"
    assert links["G-11"] == "#!/model/model.impact_warehouse.warehouse_info"


def test_every_figure_has_its_page_generated_from_the_registry() -> None:
    blocks = _blocks()
    exposures = yaml.safe_load((PROJECT_DIR / docgen.FIGURE_EXPOSURES).read_text())["exposures"]
    by_name = {exposure["name"]: exposure for exposure in exposures}
    semantic = yaml.safe_load((PROJECT_DIR / docgen.SEMANTIC).read_text())
    metrics = {metric["name"]: metric for metric in semantic["metrics"]}
    for row in registry().values():
        body = blocks[f"figure_{row.name}"]
        assert body.startswith(f"**{row.label}** (`{row.name}`): {row.definition}.")
        for field in ("| rules |", "| population |", "| numerator |", "| denominator |"):
            assert field in body, (row.name, field)
        assert f"where indicator = '{row.name}'" in body
        assert by_name[f"figure_{row.name}"]["description"] == f"{{{{ doc('figure_{row.name}') }}}}"
        if row.name in metrics:
            assert metrics[row.name]["description"] == f"{{{{ doc('figure_{row.name}') }}}}"
    assert len(exposures) == len(registry())


@pytest.mark.browser
def test_sql_examples_render_as_code_apart_from_the_next_paragraph(docs_url: str) -> None:
    dom = dump_dom(docs_url + "#!/model/model.impact_warehouse.impact_indicators")
    blocks = [
        re.sub(r"<[^>]+>", "", block)
        for block in re.findall(r"<pre[^>]*>\s*<code[^>]*>(.*?)</code>\s*</pre>", dom, re.S)
    ]
    examples = [sql for sql in blocks if "from marts.impact_indicators" in sql]
    assert examples, "the SQL example is not a code block"
    assert all("order by indicator" in sql for sql in examples)
    assert not any("Where the methodology leaves room" in sql for sql in examples)
    assert re.search(
        r'<a href="#!/model/model\.impact_warehouse\.int_graduates_placed">'
        r"M-PLA-[1-6]</a>",
        dom,
    )


@pytest.mark.browser
def test_each_figure_has_a_page(docs_url: str) -> None:
    text = _text(docs_url + "#!/exposure/exposure.impact_warehouse.figure_job_placement_rate")
    assert "Figure: Job placement rate" in text
    assert "graduates in a job within 6 months" in text
    for word in ("population", "numerator", "denominator", "Caveats", "M-PLA-4", "45.7%"):
        assert word in text, word
    assert "where indicator = 'job_placement_rate'" in text


@pytest.mark.browser
def test_the_methodology_has_its_page(docs_url: str) -> None:
    text = _text(docs_url + "#!/overview/impact_warehouse")
    assert "Methodology: how each figure is computed" in text
    assert "M-PLA-2 Window" in text and "G-12 Restatement" in text
