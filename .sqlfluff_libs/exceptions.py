"""sqlfluff stub for dbt's `exceptions` (lint only)."""


def raise_compiler_error(message):
    return ""


def warn(message):
    return ""
