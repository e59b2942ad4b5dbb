"""Configuration from the environment: the database the suite runs on is the one asked for."""

import os

from django.conf import settings
from django.db import connection


def test_database_follows_sakip_database_url(db):
    url = os.environ.get("SAKIP_DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_sqlite_runs_in_wal_mode(db):
    if connection.vendor != "sqlite":
        return
    assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]


def test_secure_defaults():
    assert settings.DEBUG is False or os.environ.get("SAKIP_DEBUG")
    assert settings.SESSION_COOKIE_HTTPONLY and settings.X_FRAME_OPTIONS == "DENY"
    assert settings.LANGUAGE_CODE == "id"


def test_models_and_migrations_agree(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
