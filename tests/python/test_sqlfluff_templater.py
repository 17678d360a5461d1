"""The lint's templater (`jinja_cached`, src/impact_warehouse/sqlfluff_templater.py)
renders and lints as sqlfluff's own `jinja` does, from the project's .sqlfluff."""

from __future__ import annotations

from pathlib import Path

from sqlfluff.core import FluffConfig, Linter

from impact_warehouse.dbtrun import PROJECT_DIR

# models whose SQL calls project macros (export contract, parsing, pseudonym, ...)
MODELS = [
    "models/marts/warehouse_info.sql",
    "models/staging/platform/base/base_platform__logins.sql",
    "models/data_quality/dq_quarantine.sql",
]


def _config(templater: str) -> FluffConfig:
    base = FluffConfig.from_path(str(PROJECT_DIR))
    assert base.get("templater") == "jinja_cached"
    if templater == "jinja_cached":
        return base
    # the same settings under sqlfluff's own templater's name
    sections = base.get_section(("templater", "jinja_cached"))
    return FluffConfig(
        configs={
            "core": {"templater": "jinja", "dialect": "duckdb"},
            "templater": {"jinja": sections},
        },
        overrides={"templater": "jinja"},
    )


def test_cached_templater_renders_as_jinja_does() -> None:
    cached, plain = Linter(config=_config("jinja_cached")), Linter(config=_config("jinja"))
    for model in MODELS:
        path = PROJECT_DIR / model
        text = path.read_text()
        a = cached.render_string(text, str(path), cached.config, "utf-8")
        b = plain.render_string(text, str(path), plain.config, "utf-8")
        assert not a.templater_violations and not b.templater_violations, model
        rendered = [v.templated_str for v in a.templated_variants]
        assert rendered and rendered == [v.templated_str for v in b.templated_variants], model
        assert "{{" not in rendered[0] and "{%" not in rendered[0], model


def test_cached_templater_still_reports_violations(tmp_path: Path) -> None:
    linter = Linter(config=_config("jinja_cached"))
    sql = (PROJECT_DIR / MODELS[0]).read_text().replace("select", "SELECT", 1)
    violations = linter.lint_string(sql, fname=str(PROJECT_DIR / MODELS[0])).violations
    assert any(v.rule_code() == "CP01" for v in violations)
