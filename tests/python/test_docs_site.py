"""The documentation site (issues 5, 14) renders offline in headless Chromium and shows its text.

`make docs` runs `dbt docs generate` then `dbt docs serve` on 127.0.0.1:8080;
here the same server is started on a free port over the sample warehouse's
artifacts, and Chromium (no network beyond loopback) renders the overview and
the `impact_indicators` page.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from impact_warehouse.browser import dump_dom, find_chromium
from sample_warehouse import SampleWarehouse

PROJECT_DIR = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def docs_url(sample_warehouse: SampleWarehouse) -> Iterator[str]:
    if find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (make browser installs it)")
        pytest.skip("chromium is not installed (make browser)")
    port = _free_port()
    env = dict(os.environ)
    env.update(
        {
            "IMPACT_RAW_DIR": str(sample_warehouse.raw_dir),
            "IMPACT_DUCKDB_PATH": str(sample_warehouse.duckdb_path),
            "DBT_TARGET_PATH": str(sample_warehouse.target_dir),
            "DBT_LOG_PATH": str(sample_warehouse.work_dir / "logs"),
            "DBT_PROFILES_DIR": str(PROJECT_DIR),
            "DO_NOT_TRACK": "1",
        }
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("dbt")),
            "docs",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-browser",
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "manifest.json", timeout=2) as response:
                    assert response.status == 200
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _text(url: str) -> str:
    dom = dump_dom(url)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dom))


@pytest.mark.browser
def test_overview_page_shows_the_layers_and_how_to_query(docs_url: str) -> None:
    text = _text(docs_url + "#!/overview")
    assert "Impact warehouse" in text
    assert "marts.impact_indicators" in text
    assert "read-only" in text
    # the commands that work (issue 14): no DuckDB CLI can open the file
    assert "impact-warehouse sql" in text and "impact-warehouse shell" in text
    assert "duckdb -readonly" not in text
    assert "The project's documents" in text


@pytest.mark.browser
def test_source_page_shows_the_input_contract(docs_url: str) -> None:
    text = _text(docs_url + "#!/source_list/platform")
    assert "The input contract: what the platform delivers" in text
    assert "Bad input" in text
    assert "Contiguous months" in text and "No silent shrinkage" in text
    assert "shrinkage_tolerance" in text  # the completeness checks as built


@pytest.mark.browser
def test_impact_indicators_page_shows_its_description_and_columns(docs_url: str) -> None:
    text = _text(docs_url + "#!/model/model.impact_warehouse.impact_indicators")
    assert "impact_indicators" in text
    assert "One row per (indicator, year, segment)" in text
    for column in ("numerator", "denominator", "is_suppressed", "status"):
        assert column in text
