"""sqlfluff's Jinja templater, with each macro file compiled once per process.

sqlfluff's `jinja` templater loads every file of `load_macros_from_path` (our
`macros/`, about 60 files) again for every SQL file it lints, and again for each
variant it renders: Jinja parses each macro file and compiles it to Python every
time. That was three quarters of `make lint` (about 270 s of the 345 s of CPU for
the project's ~180 files). This templater, `jinja_cached` in `.sqlfluff`, is the
same templater with one change: the compiled code of a macro file is kept for the
process, keyed by its text and everything in the environment that shapes the code
Jinja generates. The template is still built from that code with the file's own
globals, so what each SQL file sees is what `jinja` would give it.

Registered through the `sqlfluff` entry point in pyproject.toml (sqlfluff's plugin
hook `get_templaters`); its settings live under `[sqlfluff:templater:jinja_cached]`.
"""

from __future__ import annotations

from types import CodeType
from typing import Any

from jinja2 import Environment
from jinja2.exceptions import UndefinedError
from jinja2.runtime import Macro
from sqlfluff.core.plugin import hookimpl
from sqlfluff.core.templaters.base import RawTemplater
from sqlfluff.core.templaters.jinja import DbtMacroWrapper, JinjaTemplater

_COMPILED: dict[tuple[object, ...], CodeType] = {}


def _compile_key(template: str, env: Environment) -> tuple[object, ...]:
    """What decides the Python code Jinja generates for `template` in `env`."""
    return (
        template,
        type(env),
        tuple(sorted(env.extensions)),
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.autoescape if isinstance(env.autoescape, bool) else id(env.autoescape),
    )


class CachedJinjaTemplater(JinjaTemplater):
    """The `jinja` templater; macro files compiled once per process."""

    name = "jinja_cached"

    @staticmethod
    def _extract_macros_from_template(
        template: str, env: Environment, ctx: dict[str, Any]
    ) -> dict[str, DbtMacroWrapper]:
        # As JinjaTemplater's, except that env.compile runs once per macro file.
        # TemplateSyntaxError propagates, as there, for the caller to report.
        key = _compile_key(template, env)
        code = _COMPILED.get(key)
        if code is None:
            code = env.compile(template)
            _COMPILED[key] = code
        macro_template = env.template_class.from_code(env, code, env.make_globals(ctx), None)
        context: dict[str, DbtMacroWrapper] = {}
        try:
            for name in macro_template.module.__dict__:
                attr = getattr(macro_template.module, name)
                if isinstance(attr, Macro):
                    context[name] = DbtMacroWrapper(attr)
        except UndefinedError:
            # as JinjaTemplater: a macro file referring to an undefined variable is
            # reported, if it matters, when the SQL file that uses it is linted
            pass
        return context


@hookimpl
def get_templaters() -> list[type[RawTemplater]]:
    return [CachedJinjaTemplater]
