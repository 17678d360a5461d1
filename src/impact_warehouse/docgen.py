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

tests/python/test_project_docs.py fails when either generated text differs
from what this module would write.
"""

from __future__ import annotations

import argparse
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


def doc_blocks(project_dir: Path = PROJECT_DIR, marts_text: str | None = None) -> str:
    """The text of models/docs/generated_from_docs.md (`marts_text`: the marts document,
    default the file's current text)."""
    methodology = read_document(METHODOLOGY, project_dir)
    contract = read_document(CONTRACT, project_dir)
    if marts_text is None:
        marts_text = (project_dir / MARTS).read_text(encoding="utf-8")
    if JINJA.search(marts_text):
        raise DocsError(f"{MARTS}: Jinja delimiters would break the doc blocks")
    out = [
        "{#- Generated by `" + COMMAND + "` from docs/methodology.md, docs/input-contract.md",
        "    and docs/marts.md: do not edit. Edit those documents, then regenerate. -#}",
        "",
    ]
    for document in (methodology, contract):
        for section in document.sections:
            out.append(_block(section.block_name, section.intro))
        for rule in document.rules:
            body = list(rule.body)
            body[0] = f"**{rule.rule_id} {rule.title}.** {body[0]}"
            body.append("")
            body.append(f"(`{document.path.as_posix()}`, rule {rule.rule_id}.)")
            out.append(_block(rule.block_name, body))
    readings = [
        f"- {rule.rule_id}: {reading}"
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
            ],
        )
    )
    out.append(_block("input_contract", _whole_document(contract.text)))
    out.append(_block("marts_interface", _whole_document(marts_text)))
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
    first: its whole text is a doc block."""
    marts = marts_document(project_dir)
    return {MARTS: marts, GENERATED_BLOCKS: doc_blocks(project_dir, marts)}


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
