"""Keyed pseudonyms of the platform's ids in the marts (issue 8 item 6).

The marts never hold a platform id: each one is replaced by HMAC-SHA-256(key, id), as
64 lower-case hex characters, where the id is its decimal text (`123`) and the key is
the secret in `IMPACT_PSEUDONYM_KEY` (UTF-8). The same key gives the same pseudonyms
build after build (joins and year-on-year comparisons keep working); without the key a
pseudonym cannot be traced back to the platform's database.

Which key a build uses:
- `IMPACT_PSEUDONYM_KEY` when set (at least MIN_KEY_LENGTH characters);
- else, for synthetic exports only (the generator's `_synthetic.json` at the root of the
  raw directory), the documented SAMPLE_KEY below, which is not a secret;
- else nothing: a build of real exports without the secret stops (before dbt runs in
  `impact-warehouse build`; in dbt itself the `pseudonym` macro raises).

How the key reaches the SQL without being written anywhere: the dbt-duckdb plugin
`impact_warehouse.duckdb_plugin` computes the HMAC inner and outer padded keys once per
connection, here in Python, and hands them to DuckDB as session variables with bound
parameters. The compiled SQL (target/, manifest.json, run_results.json) and dbt's logs
only ever contain `getvariable('impact_pseudonym_ipad')`; session variables are not
stored in the database file.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from impact_warehouse.exports import SYNTHETIC_MARKER, RawDirError, synthetic_info

KEY_ENV = "IMPACT_PSEUDONYM_KEY"
# Published in the README: synthetic sample exports only. Pseudonyms made with it protect
# nothing, which is fine because there is no one behind the sample's ids.
SAMPLE_KEY = "impact-warehouse sample key: synthetic exports only, not a secret"
MIN_KEY_LENGTH = 32
BLOCK_SIZE = 64  # SHA-256 block size in bytes (RFC 2104)
# The DuckDB session variables the `pseudonym` macro reads.
IPAD_VARIABLE = "impact_pseudonym_ipad"
OPAD_VARIABLE = "impact_pseudonym_opad"


class PseudonymKeyError(RuntimeError):
    """No usable pseudonym key for these exports."""


@dataclass(frozen=True)
class KeyChoice:
    key: bytes
    source: str  # "env" or "sample"

    def describe(self) -> str:
        if self.source == "sample":
            return "the documented sample key (synthetic exports; not a secret)"
        return f"the secret in {KEY_ENV}"


def choose_key(raw: Path | None, environ: Mapping[str, str] | None = None) -> KeyChoice:
    """The key for a build of `raw` (see the module docstring); PseudonymKeyError else.
    `raw` None: the raw directory is unknown, so only the secret applies."""
    env = os.environ if environ is None else environ
    secret = env.get(KEY_ENV, "")
    if secret:
        if len(secret) < MIN_KEY_LENGTH:
            raise PseudonymKeyError(
                f"{KEY_ENV} is {len(secret)} characters long; use at least "
                f"{MIN_KEY_LENGTH} (e.g. the output of "
                "`python -c 'import secrets; print(secrets.token_hex(32))'`)"
            )
        return KeyChoice(secret.encode("utf-8"), "env")
    try:
        synthetic = synthetic_info(raw) if raw is not None else None
    except RawDirError as error:
        raise PseudonymKeyError(str(error)) from error
    if synthetic is not None:
        return KeyChoice(SAMPLE_KEY.encode("utf-8"), "sample")
    where = f"{raw} holds real exports" if raw is not None else "the raw directory is unknown"
    raise PseudonymKeyError(
        f"{KEY_ENV} is not set, and {where} (no {SYNTHETIC_MARKER}): "
        "the marts carry keyed pseudonyms of the platform's ids, so a build of real "
        f"exports needs the secret. Set {KEY_ENV} (at least {MIN_KEY_LENGTH} characters, "
        "kept outside the repository, the same for every build so pseudonyms stay stable)"
    )


def padded_keys(key: bytes) -> tuple[bytes, bytes]:
    """HMAC's inner and outer padded keys (RFC 2104): K' = key, hashed first when longer
    than a block, zero-padded to 64 bytes; (K' xor 0x36.., K' xor 0x5c..)."""
    if len(key) > BLOCK_SIZE:
        key = hashlib.sha256(key).digest()
    key = key.ljust(BLOCK_SIZE, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def pseudonym(key: bytes, platform_id: int | str) -> str:
    """The reference: what the `pseudonym` macro computes in SQL for one id."""
    return hmac.new(key, str(platform_id).encode("utf-8"), hashlib.sha256).hexdigest()
