"""Synthetic platform exports, deterministic and calibrated on the published figures.

`generate(out, scale, seed)` writes the nine exports of RAW_EXPORTS.md (CSV files dated
2024-01-01 and 2024-07-01, logins as monthly Parquet partitions) and
`_generator_manifest.json` with the by-construction truth of every indicator of
marts.impact_indicators. Populations are drawn by exact quotas from one seeded
numpy Generator; traps (Z offsets near New Year, test accounts, overlapping older files,
cancelled enrolments, window edges, the 12-month chain, QPV codes on foreign or inexact
addresses, pseudo country codes, ...) are written so that their effect on each indicator is
known. The trap catalogue, with rules and frequencies, is in README.md beside this file.
"""

from .generate import DEFAULT_SEED, generate

__all__ = ["DEFAULT_SEED", "generate"]
