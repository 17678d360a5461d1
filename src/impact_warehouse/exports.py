"""The raw exports directory: which one a build reads, and whether it is synthetic.

docs/input-contract.md C-5, "the raw directory is the user's":

- `IMPACT_RAW_DIR` (or `--raw-dir`) names the user's exports. The warehouse never
  writes there; when it is missing, not a directory or empty, the build stops naming it.
  Set but empty (`IMPACT_RAW_DIR=`) is refused too: it is what a script produces when
  the variable it meant to pass is undefined, and it must not fall back to the sample.
- Unset, the build reads the project's own sample folder, `data/sample/` at the project
  root (gitignored), and generates the synthetic sample there first when it is absent
  or empty. Nothing else ever generates exports.

Synthetic exports are recognised by the generator's marker file `_synthetic.json` at
the root of the raw directory (keys include `scale` and `seed`), never by the folder's
name: the sample folder is only where the generator writes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from impact_warehouse.dbtrun import PROJECT_DIR

RAW_DIR_ENV = "IMPACT_RAW_DIR"
SAMPLE_DIR = PROJECT_DIR / "data" / "sample"
SAMPLE_SCALE = 0.1
SAMPLE_SEED = 20231231
SYNTHETIC_MARKER = "_synthetic.json"


class RawDirError(RuntimeError):
    """The raw directory cannot be used (missing, empty, bad marker, ...)."""


@dataclass(frozen=True)
class RawDir:
    """The raw directory a build reads."""

    path: Path
    # True when chosen because no raw directory was given: the project's sample folder.
    is_project_sample: bool
    # The parsed `_synthetic.json` (None: real exports).
    synthetic: dict[str, Any] | None

    def describe(self) -> str:
        if self.synthetic is None:
            return f"{self.path}"
        return f"{self.path} (synthetic: {describe_synthetic(self.synthetic)})"


def describe_synthetic(marker: Mapping[str, Any]) -> str:
    return f"scale {marker.get('scale')}, seed {marker.get('seed')}"


def choose_raw_dir(
    given: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> tuple[Path, bool]:
    """(path, is_project_sample): `given` (--raw-dir), else $IMPACT_RAW_DIR, else the sample.

    A relative path is relative to the current directory. Raises RawDirError when
    IMPACT_RAW_DIR is set to an empty string."""
    env = os.environ if environ is None else environ
    if given is not None:
        if not str(given).strip():
            raise RawDirError("--raw-dir is empty: give the folder that holds the exports")
        return Path(given), False
    if RAW_DIR_ENV in env:
        value = env[RAW_DIR_ENV]
        if not value.strip():
            raise RawDirError(
                f"{RAW_DIR_ENV} is set but empty: set it to the folder that holds the "
                f"exports, or unset it to build the project's sample ({SAMPLE_DIR})"
            )
        return Path(value), False
    return SAMPLE_DIR, True


def is_empty(path: Path) -> bool:
    return not any(path.iterdir())


def check_user_raw_dir(path: Path) -> None:
    """C-5: a raw directory the user gave must exist and hold something; never filled."""
    if not path.exists():
        raise RawDirError(
            f"the raw directory {path} does not exist ({RAW_DIR_ENV} or --raw-dir): "
            "nothing was built; point it at the folder that holds the exports"
        )
    if not path.is_dir():
        raise RawDirError(f"the raw directory {path} is not a directory")
    if is_empty(path):
        raise RawDirError(
            f"the raw directory {path} is empty ({RAW_DIR_ENV} or --raw-dir): nothing was "
            "built and nothing was written there; it must hold one folder per export "
            "(users/, paths/, ..., logins/month=YYYY-MM/)"
        )


def synthetic_info(path: Path) -> dict[str, Any] | None:
    """The generator's `_synthetic.json` at the root of `path`, or None (real exports)."""
    marker = path / SYNTHETIC_MARKER
    if not marker.is_file():
        return None
    try:
        value = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RawDirError(f"{marker} is not readable JSON: {error}") from error
    if not isinstance(value, dict) or not {"scale", "seed"} <= value.keys():
        raise RawDirError(f"{marker} must be a JSON object with at least 'scale' and 'seed'")
    return value


Generate = Callable[[Path, float, int], object]


def _generate(out: Path, scale: float, seed: int, verbose: bool = False) -> object:
    from impact_warehouse.generator.files import progress_to_stderr
    from impact_warehouse.generator.generate import generate

    def quiet(message: str) -> None:
        pass

    return generate(out, scale=scale, seed=seed, progress=progress_to_stderr if verbose else quiet)


def ensure_sample(
    sample: Path | None = None,
    *,
    scale: float = SAMPLE_SCALE,
    seed: int = SAMPLE_SEED,
    generate: Generate | None = None,
    say: Callable[[str], None] = print,
    force: bool = False,
    verbose: bool = False,
) -> bool:
    """Generate the synthetic sample into the project's sample folder when it is absent or
    empty (or always, with `force`); return whether it was generated. Written beside it,
    then renamed into place, so an interrupted generation never leaves a half sample that
    looks complete. The generator's progress is shown with `verbose` only."""
    sample = sample or SAMPLE_DIR
    if sample.is_dir() and not is_empty(sample) and not force:
        return False
    say(
        f"generating the synthetic sample exports into {sample} (scale {scale}, seed {seed})"
        + ("" if verbose else "; -v shows the generator's progress")
    )
    sample.parent.mkdir(parents=True, exist_ok=True)
    partial = sample.with_name(f".{sample.name}-generating-{os.getpid()}")
    previous = sample.with_name(f".{sample.name}-previous-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        if generate is not None:
            generate(partial, scale, seed)
        else:
            _generate(partial, scale, seed, verbose)
        if sample.exists():
            os.replace(sample, previous)
        os.replace(partial, sample)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
        shutil.rmtree(previous, ignore_errors=True)
    return True


def resolve(
    given: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    scale: float = SAMPLE_SCALE,
    seed: int = SAMPLE_SEED,
    generate: Generate | None = None,
    say: Callable[[str], None] = print,
    verbose: bool = False,
) -> RawDir:
    """The raw directory of a build (C-5): the user's, checked and never written; or the
    project's sample, generated when absent."""
    path, is_sample = choose_raw_dir(given, environ)
    if is_sample:
        ensure_sample(path, scale=scale, seed=seed, generate=generate, say=say, verbose=verbose)
    else:
        check_user_raw_dir(path)
    return RawDir(path=path, is_project_sample=is_sample, synthetic=synthetic_info(path))


# `impact-warehouse sample`: (re)generate the project's sample (`make data`).


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", type=float, default=SAMPLE_SCALE, help=f"default {SAMPLE_SCALE}")
    parser.add_argument("--seed", type=int, default=SAMPLE_SEED, help=f"default {SAMPLE_SEED}")
    parser.add_argument(
        "--force",
        action="store_true",
        help="regenerate even when the sample folder already holds exports",
    )


def run(args: argparse.Namespace) -> int:
    if not ensure_sample(scale=args.scale, seed=args.seed, force=args.force, verbose=True):
        print(f"{SAMPLE_DIR} already holds exports (--force to regenerate them)")
    return 0
