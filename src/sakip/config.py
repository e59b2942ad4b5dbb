"""Configuration read from the environment, with safe defaults.

SAKIP_DATABASE_URL  database URL (default: SQLite file var/sakip.sqlite3 under the project home)
SAKIP_SECRET_KEY    secret key (default: generated once and kept in var/secret_key)
SAKIP_DEBUG         "1"/"true" for development error pages (default: off)
SAKIP_HOME          where var/ lives (default: the current directory)
SAKIP_ALLOWED_HOSTS comma-separated host names (default: localhost names)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on", "ya"}


def home() -> Path:
    return Path(os.environ.get("SAKIP_HOME") or Path.cwd()).resolve()


def var_dir() -> Path:
    path = home() / "var"
    path.mkdir(parents=True, exist_ok=True)
    return path


def debug() -> bool:
    return os.environ.get("SAKIP_DEBUG", "").strip().lower() in TRUE_WORDS


def database_url() -> str:
    url = os.environ.get("SAKIP_DATABASE_URL", "").strip()
    if url:
        return url
    return f"sqlite:///{var_dir() / 'sakip.sqlite3'}"


def secret_key() -> str:
    key = os.environ.get("SAKIP_SECRET_KEY", "").strip()
    if key:
        return key
    path = var_dir() / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    key = secrets.token_urlsafe(50)
    # Written with owner-only permissions: the key signs sessions.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
    return key


def allowed_hosts() -> list[str]:
    raw = os.environ.get("SAKIP_ALLOWED_HOSTS", "").strip()
    if raw:
        return [h.strip() for h in raw.split(",") if h.strip()]
    return ["127.0.0.1", "localhost", "[::1]", "testserver"]


def https() -> bool:
    """True when the app is served behind HTTPS (cookies are then marked Secure)."""
    return os.environ.get("SAKIP_HTTPS", "").strip().lower() in TRUE_WORDS
