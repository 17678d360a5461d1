"""sqlfluff stub for dbt's `flags` (lint only)."""

PROFILES_DIR = "."
