"""Write synthetic platform exports that follow docs/input-contract.md, calibrated on the published
figures, deterministic for a given seed and scale.

Scale 1.0 is the real platform (about 3 million accounts, 60-100 million logins); other
scales shrink every population proportionally. The by-construction truth of every indicator
is written to <out>/_generator_manifest.json (a test oracle; the warehouse never reads it),
and <out>/_synthetic.json says what the folder is (generator, version, scale, seed, exports).
A folder holding export folders without either file is refused (it may be real exports).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .generate import DEFAULT_SEED, ForeignExportsError, generate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("data/sample"),
        help="raw directory to write (default: data/sample, the project's sample folder)",
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=0.1,
        help="population scale, 1.0 = the real platform (default 0.1, min 0.02)",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )


def run(args: argparse.Namespace) -> int:
    if args.scale < 0.02:
        print("generate: --scale must be at least 0.02", file=sys.stderr)
        return 2
    try:
        generate(args.out, scale=args.scale, seed=args.seed)
    except ForeignExportsError as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 2
    return 0
