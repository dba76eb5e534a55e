"""Pages as a person opens them: headless Chromium (Debian's `chromium`) renders a file:// page with every
http(s) request refused, returns its DOM and keeps a screenshot under warehouse/reports/ to look at."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "warehouse" / "reports"


def browse(page: Path, name: str) -> str:
    """The page's DOM after Chromium rendered it (offline: file://, and every http(s) request goes to a proxy
    that is not there, port 9), and a screenshot."""
    if CHROMIUM is None:
        pytest.fail("chromium is not installed: apt-get install chromium (the README says how; .ci/run does it)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]  # fmt: skip
    subprocess.run([CHROMIUM, *flags, f"--screenshot={SCREENSHOTS / name}", "--window-size=1400,1800", page.as_uri()],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri()], check=True, capture_output=True,
                         text=True, timeout=120).stdout  # fmt: skip
    assert (SCREENSHOTS / name).stat().st_size > 10_000
    return dom
