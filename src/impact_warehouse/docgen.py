"""Keep the project's documents and the dbt documentation site in step, one source each.

    .venv/bin/python -m impact_warehouse.docgen           # regenerate
    .venv/bin/python -m impact_warehouse.docgen --check   # exit 1 when something is stale

Two directions, so that every text is written once:

- docs/methodology.md and docs/input-contract.md are the source of the rule
  texts. Each `### <rule id> <title>` section becomes a dbt doc block named
  after the id (`M-PLA-2` -> `m_pla_2`); each `## ` section that carries a
  `<!-- block: NAME -->` comment becomes the block NAME (its introduction);
  the "Reading" notes of every rule are gathered in `methodology_readings`;
  the whole contract is `input_contract` and the whole marts document is
  `marts_interface`. All of them go to models/docs/generated_from_docs.md,
  which dbt reads and which is not edited by hand.
- The mart models' YAML is the source of the mart columns: each
  `<!-- columns: MODEL -->` ... `<!-- end columns -->` region of docs/marts.md
  is the model's description and a table of its columns (name, contract type,
  description), regenerated from the YAML.

- The indicator registry (seeds/registry/indicator_registry.csv) is the source of
  the figure pages: one doc block `figure_<indicator>` per indicator (definition,
  rule ids, population, numerator, denominator, finalisation, suppression, what the
  2023 report published, caveats: the readings of its rules, a query) in
  models/docs/generated_from_registry.md, shown on one exposure per figure
  (models/docs/_figures__exposures.yml, `figure_<indicator>`) and, for the
  indicators the semantic layer has, on their metric's page.
- Rule ids link to the page of the documentation site that shows their doc block:
  the first model, seed, source or exposure whose YAML description calls it (YAML
  files in path order, a model's own description before its columns'), else the
  methodology page (`__impact_warehouse__`: the whole of docs/methodology.md, at
  `#!/overview/impact_warehouse`; the input contract's rules: the `platform` source).
  Every generated block is written with its links, and the hand-written blocks of
  models/docs/ are rewritten with them (code spans and fences left alone), so an id
  is a link wherever a doc block shows it.

tests/python/test_project_docs.py fails when a generated text differs from what this
module would write.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]
DOCS = Path("docs")
METHODOLOGY = DOCS / "methodology.md"
CONTRACT = DOCS / "input-contract.md"
MARTS = DOCS / "marts.md"
GENERATED_BLOCKS = Path("models/docs/generated_from_docs.md")
FIGURE_BLOCKS = Path("models/docs/generated_from_registry.md")
FIGURE_EXPOSURES = Path("models/docs/_figures__exposures.yml")
HAND_WRITTEN_BLOCKS = Path("models")  # every other *.md under it (doc blocks beside their models)
REGISTRY = Path("seeds/registry/indicator_registry.csv")
PUBLISHED = Path("seeds/published_figures.csv")
SEMANTIC = Path("models/semantic/_semantic__models.yml")
PROJECT = "impact_warehouse"
METHODOLOGY_PAGE = f"#!/overview/{PROJECT}"
CONTRACT_PAGE = "#!/source_list/platform"
COMMAND = "python -m impact_warehouse.docgen"

RULE_ID = r"(?:G|C)-\d+|M-[A-Z]{2,3}-\d+"
RULE_ID_PATTERN = re.compile(rf"\b(?:{RULE_ID})\b")
RULE_HEADING = re.compile(rf"^### ({RULE_ID}) (.+)$")
BLOCK_COMMENT = re.compile(r"^<!-- block: ([a-z0-9_]+) -->$")
COLUMNS_START = re.compile(r"^<!-- columns: ([a-z0-9_]+)(?: .*)? -->$")
COLUMNS_END = "<!-- end columns -->"
DOC_CALL = re.compile(r"\{\{\s*doc\(\s*['\"]([a-z0-9_]+)['\"]\s*\)\s*\}\}")
JINJA = re.compile(r"\{\{|\{%|\{#")
PLANNED = "- **Status: planned**"
READING = "- **Reading:**"


class DocsError(ValueError):
    """A document breaks the structure this generator relies on."""


@dataclass
class Rule:
    rule_id: str
    title: str
    body: list[str]
    source: Path

    @property
    def block_name(self) -> str:
        return self.rule_id.lower().replace("-", "_")

    @property
    def is_planned(self) -> bool:
        return any(line.startswith(PLANNED) for line in self.body)

    def bullets(self, lead: str) -> list[str]:
        """The text of each `- **Lead:** ...` bullet of the body (continuation lines joined)."""
        found: list[str] = []
        current: list[str] | None = None
        for line in self.body:
            if line.startswith(lead):
                current = [line.removeprefix(lead).strip()]
                found.append("")
            elif current is not None and line.startswith("  ") and line.strip():
                current.append(line.strip())
            else:
                current = None
            if current is not None:
                found[-1] = " ".join(current)
        return found


@dataclass
class Section:
    """A `## ` section with a `<!-- block: NAME -->` introduction."""

    block_name: str
    title: str
    intro: list[str] = field(default_factory=list)


@dataclass
class Document:
    path: Path
    text: str
    rules: list[Rule]
    sections: list[Section]


def _trim(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def parse_document(path: Path, text: str) -> Document:
    """Rules (`### <id> <title>`) and block sections (`## ` + block comment) of a document."""
    if JINJA.search(text):
        raise DocsError(f"{path}: Jinja delimiters ({{{{, {{% or {{#}} would break the doc blocks")
    rules: list[Rule] = []
    sections: list[Section] = []
    current: list[str] | None = None
    lines = text.splitlines()
    for index, line in enumerate(lines):
        heading = RULE_HEADING.match(line)
        if heading:
            rules.append(Rule(heading.group(1), heading.group(2).strip(), [], path))
            current = rules[-1].body
            continue
        if line.startswith("#"):
            current = None  # any other heading ends a rule (the contract's export sections)
            if line.startswith("## "):
                following = lines[index + 1] if index + 1 < len(lines) else ""
                block = BLOCK_COMMENT.match(following)
                if block:
                    sections.append(Section(block.group(1), line[3:].strip()))
                    current = sections[-1].intro
            continue
        if current is not None and not BLOCK_COMMENT.match(line):
            current.append(line)
    seen: set[str] = set()
    for rule in rules:
        if rule.rule_id in seen:
            raise DocsError(f"{path}: rule {rule.rule_id} has two sections")
        seen.add(rule.rule_id)
        rule.body = _trim(rule.body)
        if not rule.body:
            raise DocsError(f"{path}: rule {rule.rule_id} has no text")
    for section in sections:
        section.intro = _trim(section.intro)
    return Document(path, text, rules, sections)


def read_document(path: Path, project_dir: Path = PROJECT_DIR) -> Document:
    return parse_document(path, (project_dir / path).read_text(encoding="utf-8"))


def _block(name: str, lines: list[str]) -> str:
    return "{% docs " + name + " %}\n" + "\n".join(lines).strip() + "\n{% enddocs %}\n"


LOCAL_LINK = re.compile(r"\[([^\]]+)\]\(([a-z0-9_-]+\.md)\)")


def _whole_document(text: str) -> list[str]:
    """A document as a doc block: no HTML comments (the site would show them), links to
    the other documents written out (the documentation site does not serve docs/)."""
    return [
        LOCAL_LINK.sub(r"\1 (`docs/\2`)", line)
        for line in text.splitlines()
        if not (line.startswith("<!--") and line.rstrip().endswith("-->"))
    ]


# rule-id links ------------------------------------------------------------------------------

NODE_PAGES = {
    "models": "model",
    "seeds": "seed",
    "exposures": "exposure",
}
RULE_LINK = re.compile(rf"\[({RULE_ID})\]\(#![^)]*\)")
CODE_SPAN_OR_LINK = re.compile(r"(`[^`]*`|\[[^\]]*\]\([^)]*\))")


def _yaml_files(project_dir: Path) -> list[Path]:
    return sorted(
        path
        for folder in ("models", "seeds")
        for path in (project_dir / folder).rglob("*.yml")
        if path.relative_to(project_dir) != FIGURE_EXPOSURES
    )


def block_pages(project_dir: Path = PROJECT_DIR) -> dict[str, str]:
    """Doc block name -> the docs-site page of the first node whose description calls it."""
    pages: dict[str, str] = {}

    def note(description: object, page: str) -> None:
        for name in DOC_CALL.findall(str(description or "")):
            pages.setdefault(name, page)

    for path in _yaml_files(project_dir):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for kind, page_kind in NODE_PAGES.items():
            for node in content.get(kind) or []:
                page = f"#!/{page_kind}/{page_kind}.{PROJECT}.{node['name']}"
                note(node.get("description"), page)
                for column in node.get("columns") or []:
                    note(column.get("description"), page)
        for source in content.get("sources") or []:
            page = f"#!/source_list/{source['name']}"
            note(source.get("description"), page)
            for table in source.get("tables") or []:
                note(table.get("description"), page)
    return pages


def rule_links(project_dir: Path = PROJECT_DIR) -> dict[str, str]:
    """Rule id -> the page its doc block is shown on (see the module's docstring)."""
    pages = block_pages(project_dir)
    links = {}
    for path, fallback in ((METHODOLOGY, METHODOLOGY_PAGE), (CONTRACT, CONTRACT_PAGE)):
        for rule in read_document(path, project_dir).rules:
            links[rule.rule_id] = pages.get(rule.block_name, fallback)
    return links


def link_rule_ids(text: str, links: dict[str, str], *, skip_headings: bool = False) -> str:
    """Every rule id of `text` as a link to its page; code spans, fences, and links whose
    text is not a rule id are left as they are (a rule-id link gets its current page)."""

    def relink(match: re.Match[str]) -> str:
        rule_id = match.group(1)
        return f"[{rule_id}]({links[rule_id]})" if rule_id in links else match.group(0)

    def link(match: re.Match[str]) -> str:
        rule_id = match.group(0)
        return f"[{rule_id}]({links[rule_id]})" if rule_id in links else rule_id

    out = []
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            out.append(line)
            continue
        if fenced or (skip_headings and RULE_HEADING.match(line)):
            out.append(line)
            continue
        line = RULE_LINK.sub(relink, line)
        pieces = CODE_SPAN_OR_LINK.split(line)
        out.append(
            "".join(
                piece if index % 2 else RULE_ID_PATTERN.sub(link, piece)
                for index, piece in enumerate(pieces)
            )
        )
    return "\n".join(out)


def hand_written_blocks(project_dir: Path = PROJECT_DIR) -> list[Path]:
    generated = {GENERATED_BLOCKS, FIGURE_BLOCKS}
    return [
        path.relative_to(project_dir)
        for path in sorted((project_dir / HAND_WRITTEN_BLOCKS).rglob("*.md"))
        if path.relative_to(project_dir) not in generated
    ]


# figure pages -------------------------------------------------------------------------------


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def population_models(project_dir: Path = PROJECT_DIR) -> dict[str, list[str]]:
    """Population -> the models that count it (`population_counts('<population>', ...)`)."""
    found: dict[str, list[str]] = {}
    call = re.compile(r"population_counts\(\s*'([a-z_]+)'")
    for path in sorted((project_dir / "models").rglob("*.sql")):
        for population in call.findall(path.read_text(encoding="utf-8")):
            found.setdefault(population, []).append(path.stem)
    return found


def semantic_metrics(project_dir: Path = PROJECT_DIR) -> set[str]:
    content = yaml.safe_load((project_dir / SEMANTIC).read_text(encoding="utf-8")) or {}
    return {metric["name"] for metric in content.get("metrics") or []}


def _published_value(value: str, unit: str) -> str:
    number = float(value)
    if unit == "count":
        return f"{round(number):,}"
    if unit == "ratio":
        return f"{number * 100:+,.0f}%"
    return f"{number * 100:.1f}%".replace(".0%", "%")


UNIT_TEXT = {
    "share": "a share: numerator / denominator, between 0 and 1, stored unrounded (G-6)",
    "count": "a count: the numerator; no denominator",
    "ratio": "a ratio: numerator / denominator - 1, the change on the previous year",
}
MONTHS = "January February March April May June July August September October November December"


def _final_text(month_day: str, rule: str) -> str:
    month, day = (int(part) for part in month_day.split("-"))
    return (
        f"final from {MONTHS.split()[month - 1]} {day} of the next year ({rule}); provisional "
        "before (G-7)"
    )


def figure_block(
    row: dict[str, str],
    rules: dict[str, Rule],
    populations: dict[str, list[str]],
    metrics: set[str],
    published: list[dict[str, str]],
) -> list[str]:
    name = row["indicator"]
    counted_by = ", ".join(
        f"[{model}](#!/model/model.{PROJECT}.{model})"
        for model in populations.get(row["population"], [])
    )
    offset = " of the previous year" if row["denominator_year_offset"] == "-1" else ""
    denominator = f"`{row['denominator_count']}`{offset}" if row["denominator_count"] else "none"
    if row["suppression_count"]:
        small = (
            f"judged on the `{row['suppression_count']}` count of the same year: suppressed when "
            "it is under `min_cell_size` (G-9)"
        )
    else:
        small = "suppressed when its numerator or denominator is under `min_cell_size` (G-9)"
    values = [
        f"{p['year']}{'' if p['segment'] == 'all' else ' ' + p['segment']}: "
        f"{_published_value(p['value'], p['unit'])}"
        for p in published
        if p["indicator"] == name
    ]
    metric = (
        f"the metric [{name}](#!/metric/metric.{PROJECT}.{name})"
        if name in metrics
        else "not a metric of the semantic layer"
    )
    rule_ids = row["rule_ids"].split()
    table = [
        "| | |",
        "|---|---|",
        f"| unit | {UNIT_TEXT[row['unit']]} |",
        f"| rules | {', '.join(rule_ids)} |",
        f"| population | `{row['population']}`, counted by {counted_by or 'no model'} |",
        f"| numerator | `{row['numerator_count']}` |",
        f"| denominator | {denominator} |",
        f"| segments | {', '.join(f'`{s}`' for s in row['segments'].split())} |",
        f"| status | {_final_text(row['finalisation_month_day'], row['finalisation_rule'])} |",
        f"| small cells | {small} |",
        f"| published in the 2023 report | {'; '.join(values) if values else 'no'} |",
        f"| semantic layer | {metric} |",
        f"| report | section `{row['report_section']}`, position {row['report_order']} |",
    ]
    caveats = [
        f"- {rule_id}: {reading}"
        for rule_id in rule_ids
        if rule_id in rules
        for reading in rules[rule_id].bullets(READING)
    ]
    caveats += [
        f"- {rule_id} is planned: the methodology has it, the code does not apply it yet."
        for rule_id in rule_ids
        if rule_id in rules and rules[rule_id].is_planned
    ]
    if row["unit"] == "count" and not row["suppression_count"]:
        caveats.append(
            "- A count of individuals scales with the exports: on a synthetic sample (a "
            "fraction of the platform) it is that fraction of the published count."
        )
    caveats += [
        f"- The 2023 report, on {p['year']}: {p['note']}."
        for p in published
        if p["indicator"] == name and p["note"]
    ]
    lines = [
        f"**{row['label']}** (`{name}`): {row['definition']}.",
        "",
        *table,
        "",
        "The figure of every year and segment:",
        "",
        "```sql",
        "select year, segment, numerator, denominator, value, status, is_suppressed",
        "from marts.impact_indicators",
        f"where indicator = '{name}'",
        "order by year, segment",
        "```",
        "",
    ]
    if caveats:
        lines += [
            "**Caveats** (the readings of its rules, and what the figure is not):",
            "",
            *caveats,
            "",
        ]
    lines.append(
        f"This page is generated from the row `{name}` of the indicator registry "
        f"(`{REGISTRY.as_posix()}`) by `{COMMAND}`."
    )
    return lines


def figure_blocks(project_dir: Path = PROJECT_DIR) -> str:
    """The text of models/docs/generated_from_registry.md."""
    rules = {
        rule.rule_id: rule
        for path in (METHODOLOGY, CONTRACT)
        for rule in read_document(path, project_dir).rules
    }
    links = rule_links(project_dir)
    populations = population_models(project_dir)
    metrics = semantic_metrics(project_dir)
    published = _csv_rows(project_dir / PUBLISHED)
    out = [
        "{#- Generated by `" + COMMAND + "` from the indicator registry",
        "    (" + REGISTRY.as_posix() + "): do not edit. One block per figure, shown on its",
        "    exposure (figure_<indicator>) and on its metric's page. -#}",
        "",
    ]
    for row in _csv_rows(project_dir / REGISTRY):
        body = figure_block(row, rules, populations, metrics, published)
        out.append(
            _block(f"figure_{row['indicator']}", link_rule_ids("\n".join(body), links).split("\n"))
        )
    return "\n".join(out)


def figure_exposures(project_dir: Path = PROJECT_DIR) -> str:
    """The text of models/docs/_figures__exposures.yml: one exposure per figure."""
    lines = [
        f"# Generated by `{COMMAND}` from the indicator registry ({REGISTRY.as_posix()}):",
        "# do not edit. One page per figure of the report on the documentation site.",
        "version: 2",
        "",
        "exposures:",
    ]
    for row in _csv_rows(project_dir / REGISTRY):
        name = row["indicator"]
        label = row["label"].replace('"', "'")
        lines += [
            f"  - name: figure_{name}",
            f'    label: "Figure: {label}"',
            "    type: analysis",
            "    maturity: high",
            f"    description: \"{{{{ doc('figure_{name}') }}}}\"",
            "    owner:",
            "      name: Impact team",
            "      email: impact-team@example.org",
            "    depends_on:",
            "      - ref('impact_indicators')",
        ]
    return "\n".join(lines) + "\n"


def methodology_page(project_dir: Path = PROJECT_DIR) -> str:
    """The `__impact_warehouse__` block: docs/methodology.md whole, rule ids linked."""
    text = (project_dir / METHODOLOGY).read_text(encoding="utf-8")
    lines = _whole_document(text)
    linked = link_rule_ids("\n".join(lines), rule_links(project_dir), skip_headings=True)
    return _block(f"__{PROJECT}__", linked.split("\n"))


def doc_blocks(project_dir: Path = PROJECT_DIR, marts_text: str | None = None) -> str:
    """The text of models/docs/generated_from_docs.md (`marts_text`: the marts document,
    default the file's current text)."""
    methodology = read_document(METHODOLOGY, project_dir)
    contract = read_document(CONTRACT, project_dir)
    if marts_text is None:
        marts_text = (project_dir / MARTS).read_text(encoding="utf-8")
    if JINJA.search(marts_text):
        raise DocsError(f"{MARTS}: Jinja delimiters would break the doc blocks")
    links = rule_links(project_dir)
    out = [
        "{#- Generated by `" + COMMAND + "` from docs/methodology.md, docs/input-contract.md",
        "    and docs/marts.md: do not edit. Edit those documents, then regenerate. -#}",
        "",
    ]

    def linked(lines: list[str]) -> list[str]:
        return link_rule_ids("\n".join(lines), links).split("\n")

    for document in (methodology, contract):
        for section in document.sections:
            out.append(_block(section.block_name, linked(section.intro)))
        for rule in document.rules:
            body = linked(list(rule.body))
            body[0] = f"**{rule.rule_id} {rule.title}.** {body[0]}"
            body.append("")
            body.append(f"(`{document.path.as_posix()}`, rule {rule.rule_id}.)")
            out.append(_block(rule.block_name, body))
    readings = [
        f"- {rule.rule_id}: {linked([reading])[0]}"
        for document in (methodology, contract)
        for rule in document.rules
        for reading in rule.bullets(READING)
    ]
    out.append(
        _block(
            "methodology_readings",
            [
                "**Where the methodology leaves room, this warehouse reads it as follows** "
                "(each reading is also in the doc block of its rule; `docs/methodology.md`):",
                "",
                *readings,
                "",
                "The whole methodology, rule by rule, is on the project's page of this site "
                f"([{PROJECT}]({METHODOLOGY_PAGE})).",
            ],
        )
    )
    contract_text = "\n".join(_whole_document(contract.text))
    contract_linked = link_rule_ids(contract_text, links, skip_headings=True)
    out.append(_block("input_contract", contract_linked.split("\n")))
    out.append(_block("marts_interface", linked(_whole_document(marts_text))))
    out.append(methodology_page(project_dir))
    return "\n".join(out)


# mart column tables --------------------------------------------------------------------------


def model_specs(project_dir: Path = PROJECT_DIR) -> dict[str, dict]:
    """Every model declared in the YAML files under models/, by name."""
    specs: dict[str, dict] = {}
    for path in sorted((project_dir / "models").rglob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for model in content.get("models") or []:
            specs[model["name"]] = model
    return specs


def _plain(description: str) -> str:
    """A YAML description as one table cell: doc() calls dropped, one line, pipes escaped."""
    text = DOC_CALL.sub("", description or "")
    text = " ".join(text.split())
    return text.replace("|", "\\|")


def columns_region(name: str, spec: dict) -> list[str]:
    lines = [f"<!-- columns: {name} (generated from its YAML by {COMMAND}; do not edit) -->"]
    description = _plain(spec.get("description", ""))
    if description:
        lines += [description, ""]
    lines += ["| column | type | meaning |", "|---|---|---|"]
    for column in spec.get("columns") or []:
        data_type = column.get("data_type") or ""
        lines.append(
            f"| {column['name']} | {data_type} | {_plain(column.get('description', ''))} |"
        )
    lines.append(COLUMNS_END)
    return lines


def iter_column_regions(text: str) -> Iterator[tuple[str, int, int]]:
    """(model name, first line, end line) of each generated region of the marts document."""
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        start = COLUMNS_START.match(lines[index])
        if start:
            end = index + 1
            while end < len(lines) and lines[end] != COLUMNS_END:
                end += 1
            if end == len(lines):
                raise DocsError(f"{MARTS}:{index + 1}: region without `{COLUMNS_END}`")
            yield start.group(1), index, end
            index = end
        index += 1


def marts_document(project_dir: Path = PROJECT_DIR) -> str:
    """docs/marts.md with every columns region regenerated from the models' YAML."""
    text = (project_dir / MARTS).read_text(encoding="utf-8")
    specs = model_specs(project_dir)
    lines = text.splitlines()
    out: list[str] = []
    position = 0
    for name, start, end in iter_column_regions(text):
        if name not in specs:
            raise DocsError(f"{MARTS}: no model named {name} in the YAML under models/")
        out += lines[position:start]
        out += columns_region(name, specs[name])
        position = end + 1
    out += lines[position:]
    return "\n".join(out) + "\n"


def expected_files(project_dir: Path = PROJECT_DIR) -> dict[Path, str]:
    """Every generated file and the text it must have. The marts document is generated
    first: its whole text is a doc block. The hand-written blocks of models/docs/ must
    have their rule ids linked."""
    marts = marts_document(project_dir)
    links = rule_links(project_dir)
    files = {
        MARTS: marts,
        GENERATED_BLOCKS: doc_blocks(project_dir, marts),
        FIGURE_BLOCKS: figure_blocks(project_dir),
        FIGURE_EXPOSURES: figure_exposures(project_dir),
    }
    for path in hand_written_blocks(project_dir):
        files[path] = link_rule_ids((project_dir / path).read_text(encoding="utf-8"), links)
    return files


def stale_files(project_dir: Path = PROJECT_DIR) -> list[Path]:
    stale = []
    for path, text in expected_files(project_dir).items():
        file = project_dir / path
        if not file.exists() or file.read_text(encoding="utf-8") != text:
            stale.append(path)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a file is stale")
    args = parser.parse_args(argv)
    try:
        if args.check:
            stale = stale_files()
            for path in stale:
                print(f"stale: {path} (run `{COMMAND}`)", file=sys.stderr)
            return 1 if stale else 0
        for path, text in expected_files().items():
            file = PROJECT_DIR / path
            if not file.exists() or file.read_text(encoding="utf-8") != text:
                file.write_text(text, encoding="utf-8")
                print(f"wrote {path}")
    except DocsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
