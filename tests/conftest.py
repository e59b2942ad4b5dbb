"""Shared test fixtures: the demo agencies, loaded through the same loader `sakip demo` uses."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["tests.browser"]  # the `browser` and `site` fixtures of the browser tests

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file of ../shared; the test is skipped when ../shared is not beside the project."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared absent)")
    return path


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create many accounts; the real hasher (PBKDF2, settings.py) costs ~0.3 s each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def belitung(db):
    from sakip.demo import belitung
    from sakip.workflow.history import audit_context

    with audit_context(reason="uji", quiet=True):
        return belitung.load()


@pytest.fixture
def batubara(db):
    from sakip.demo import batubara
    from sakip.workflow.history import audit_context

    with audit_context(reason="uji", quiet=True):
        return batubara.load()


@pytest.fixture
def demo(db):
    from sakip.demo.loader import load_all

    return {a.code: a for a in load_all()}


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Pages keep loaded agency-years in memory (sakip.web.datacache); ids repeat between
    tests, so every test starts with an empty cache."""
    yield
    from sakip.web import datacache

    datacache.clear()
