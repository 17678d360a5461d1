"""Headless Chromium (Debian's `chromium`) to check and picture pages: the report, the docs site.
Flags of TOOLING_NOTES.md; each call gets a fresh profile directory."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


class ChromiumError(RuntimeError):
    pass


def find_chromium() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _url(page: Path | str) -> str:
    """A file path becomes a file:// URL; a string is taken as a URL (http://127.0.0.1/...)."""
    return page.resolve().as_uri() if isinstance(page, Path) else page


def _run(extra: list[str], page: Path | str, timeout: float) -> subprocess.CompletedProcess[str]:
    binary = find_chromium()
    if binary is None:
        raise ChromiumError("chromium is not installed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory(prefix="impact-chromium-") as profile:
        command = [
            binary,
            *FLAGS,
            f"--user-data-dir={profile}",
            *extra,
            _url(page),
        ]
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise ChromiumError(f"chromium exited with {proc.returncode}: {proc.stderr[-2000:]}")
    return proc


def dump_dom(
    page: Path | str, *, width: int | None = None, height: int = 900, timeout: float = 120
) -> str:
    """The DOM of the rendered page, as Chromium serialises it (after its scripts ran), laid
    out in a window `width` pixels wide when given (360: a phone)."""
    size = [f"--window-size={width},{height}"] if width else []
    return _run(["--dump-dom", *size, "--virtual-time-budget=10000"], page, timeout).stdout


def screenshot(
    page: Path | str, png: Path, *, width: int = 1400, height: int = 900, timeout: float = 120
) -> Path:
    """A PNG picture of the page's first `height` pixels (use a tall height for the whole page)
    in a window `width` pixels wide (360: a phone)."""
    png.parent.mkdir(parents=True, exist_ok=True)
    _run(
        [
            f"--screenshot={png.resolve()}",
            f"--window-size={width},{height}",
            "--hide-scrollbars",
            "--virtual-time-budget=10000",
        ],
        page,
        timeout,
    )
    if not png.is_file():
        raise ChromiumError(f"chromium wrote no screenshot at {png}")
    return png


def print_to_pdf(page: Path | str, pdf: Path, *, timeout: float = 120) -> Path:
    """The page printed as Chromium prints it (its print stylesheet, A4 when the page's
    @page says so), without Chromium's own header and footer."""
    pdf.parent.mkdir(parents=True, exist_ok=True)
    _run(
        [
            f"--print-to-pdf={pdf.resolve()}",
            "--no-pdf-header-footer",
            "--virtual-time-budget=10000",
        ],
        page,
        timeout,
    )
    if not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
        raise ChromiumError(f"chromium wrote no PDF at {pdf}")
    return pdf
