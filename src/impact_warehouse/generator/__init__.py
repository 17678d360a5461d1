"""Synthetic platform exports, deterministic and calibrated on the published figures.

`generate(out, scale, seed)` writes the nine exports of docs/input-contract.md (CSV files dated
2024-01-01 and 2024-07-01, logins as monthly Parquet partitions), `_synthetic.json` (the
marker a warehouse may read: generator, version, scale, seed, exports) and
`_generator_manifest.json` (the test oracle, never read by the warehouse: row counts, trap
counts and the by-construction truth of every indicator of marts.impact_indicators).
Populations are drawn by exact quotas from one seeded numpy Generator (`populations`);
traps are written so that their effect on each indicator is known (`traps`). The trap
catalogue, with rules and frequencies, is in README.md beside this file.
"""

from .generate import DEFAULT_SEED, MANIFEST, MARKER, generate

__all__ = ["DEFAULT_SEED", "MANIFEST", "MARKER", "generate"]
