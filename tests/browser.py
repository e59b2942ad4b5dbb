"""What every browser test shares: Debian's Chromium driven by Playwright (never a downloaded
browser), its headless flags, the screenshot directory, and the fixtures `browser` (one Chromium
per test) and `site` (a live server with the demo loaded), registered for every test by
`pytest_plugins` in tests/conftest.py (a module may define its own `site`). A test module marks
itself and takes the constants it uses:

    from tests.browser import BROWSER_TEST, SHOTS
    pytestmark = BROWSER_TEST
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# One directory per checkout: several checkouts may run their suites at the same time.
SHOTS = Path(os.environ.get("SAKIP_SCREENSHOTS")
             or f"/tmp/sakip-screens-{Path(__file__).resolve().parents[1].name}")
PASSWORD = "demo-sakip-2024"

BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


@pytest.fixture
def browser() -> Iterator[Any]:
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> str:
    """A live server with the demo agencies and accounts loaded; its base URL."""
    from sakip.demo.loader import load_all

    load_all()
    SHOTS.mkdir(parents=True, exist_ok=True)
    return str(live_server.url)
