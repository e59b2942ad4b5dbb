"""The `sakip` command: what users type, what they see, and the exit status."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sakip.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, home: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SAKIP_HOME": str(home), "PYTHONPATH": str(ROOT / "src")}
    env.pop("SAKIP_DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "sakip.cli", *args], env=env, capture_output=True, text=True,
        timeout=180,
    )


def test_fresh_home_end_to_end(tmp_path):
    """On an empty directory: a clear message before migrating, then migrate, demo, figures."""
    before = run("figures", "--agency", "belitung", "--year", "2024", home=tmp_path)
    assert before.returncode == 2
    assert "sakip migrate" in before.stderr and "Traceback" not in before.stderr
    assert run("migrate", home=tmp_path).returncode == 0
    assert (tmp_path / "var" / "secret_key").stat().st_mode & 0o077 == 0
    demo = run("demo", "--if-empty", home=tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert "belitung" in demo.stdout and "operator.belitung" in demo.stdout
    again = run("demo", "--if-empty", home=tmp_path)
    assert "tidak dimuat ulang" in again.stdout
    out = run("figures", "--agency", "belitung", "--year", "2024", "--format", "json", home=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["budget"][-1]["budget"] == 10_314_852_053
    assert data["budget"][-1]["absorption"] == "92.31"
    journal = subprocess.run(
        [sys.executable, "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('pragma journal_mode').fetchone()[0])",
         str(tmp_path / "var" / "sakip.sqlite3")], capture_output=True, text=True,
    )
    assert journal.stdout.strip() == "wal"


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["figures", "--agency", "tidakada", "--year", "2024"], "'tidakada'"),
        (["figures", "--agency", "belitung", "--year", "20x4"], "'20x4'"),
        (["figures", "--agency", "belitung", "--year", "1850"], "1850"),
        (["serve", "--port", "70000"], "70000"),
    ],
)
def test_bad_input_names_the_value_and_exits_2(argv, needle, belitung, capsys):
    captured, status = call(argv, capsys)
    assert status == 2
    assert needle in captured.err
    assert "Traceback" not in captured.err


def call(argv, capsys):
    """Run the command in-process; argparse's own errors exit through SystemExit."""
    try:
        status = main(argv)
    except SystemExit as exc:
        status = exc.code
    return capsys.readouterr(), status


def test_figures_text_output(belitung, capsys):
    assert main(["figures", "--agency", "belitung", "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert "Rp 10.314.852.053" in out and "92,31" in out and "71,91" in out
    assert "tidak ikut dirata-rata" in out  # the 6110 % indicator is named, not averaged


def test_unexpected_errors_are_one_paragraph_without_traceback(monkeypatch, belitung, capsys):
    from sakip import dataset

    def boom(*args, **kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(dataset, "load", boom)
    monkeypatch.delenv("SAKIP_DEBUG", raising=False)
    status = main(["figures", "--agency", "belitung", "--year", "2024"])
    err = capsys.readouterr().err
    assert status == 3 and "disk penuh" in err and "Traceback" not in err
