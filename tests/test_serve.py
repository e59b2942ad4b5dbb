"""`sakip serve --workers N`: several processes answer on one port and share the login limits."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from sakip.cli import build_parser
from sakip.commands.serve import default_workers
from sakip.common.errors import UserError

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or not Path("/proc/self/task").exists(),
                                reason="--workers needs os.fork; the test reads worker ids from /proc")


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "SAKIP_HOME": str(home), "PYTHONPATH": str(ROOT / "src")}
    env.pop("SAKIP_DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def _sakip(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sakip.cli", *args], env=_env(home),
                          capture_output=True, text=True, timeout=180)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(p) for p in (task / "children").read_text().split()}
    return found


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    home = tmp_path_factory.mktemp("serve")
    assert _sakip("migrate", home=home).returncode == 0
    port = _free_port()
    log = open(home / "serve.log", "w+")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "sakip.cli", "serve", "--port", str(port), "--workers", "2",
         "--threads", "2"], env=_env(home), stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{url}/masuk/", timeout=5).read()
                break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.1)
        else:
            pytest.fail("server did not answer")
        assert server.poll() is None, (home / "serve.log").read_text()
        yield url, server, home
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def test_two_worker_processes_answer_on_one_port(served):
    url, server, home = served
    workers = _children(server.pid)
    assert len(workers) == 2
    for _ in range(10):
        assert urllib.request.urlopen(f"{url}/daerah/", timeout=10).status == 200
    assert "2 proses × 2 utas" in (home / "serve.log").read_text()


def test_a_dead_worker_is_replaced(served):
    url, server, home = served
    first = _children(server.pid)
    victim = min(first)
    os.kill(victim, signal.SIGKILL)
    for _ in range(100):
        now = _children(server.pid)
        if victim not in now and len(now) == 2:
            break
        time.sleep(0.1)
    assert victim not in now and len(now) == 2
    assert urllib.request.urlopen(f"{url}/daerah/", timeout=10).status == 200
    assert f"proses pelayan {victim} berhenti" in (home / "serve.log").read_text()


def _login_attempt(url: str, username: str, password: str) -> int:
    """One login attempt on a new connection (each may be accepted by either worker)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{url}/masuk/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token is not None
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), "username": username,
                                   "password": password}).encode()
    request = urllib.request.Request(f"{url}/masuk/", data=data, headers={"Referer": f"{url}/masuk/"})
    try:
        return int(opener.open(request, timeout=30).status)
    except urllib.error.HTTPError as refused:
        return int(refused.code)


def test_login_limit_counts_failures_of_every_worker(served):
    url, _, _ = served
    from sakip.web import security

    statuses = [_login_attempt(url, "penebak", "salah") for _ in range(security.MAX_FAILURES)]
    assert statuses == [200] * security.MAX_FAILURES  # the form again, with an error
    assert _login_attempt(url, "penebak", "salah") == 429


def test_failure_counts_are_seen_by_another_process(tmp_path):
    """Deterministic form of the above: one process records failures, another is refused."""
    script = (
        "import sys, django; django.setup()\n"
        "from django.test import RequestFactory\n"
        "from sakip.web import security\n"
        "request = RequestFactory().post('/masuk/', REMOTE_ADDR='192.0.2.7')\n"
        "if sys.argv[1] == 'fail':\n"
        "    [security.note_failure(request, 'budi') for _ in range(security.MAX_FAILURES)]\n"
        "print(security.is_blocked(request, 'budi'))\n"
    )
    env = {**_env(tmp_path), "DJANGO_SETTINGS_MODULE": "sakip.settings"}

    def python(arg: str) -> str:
        done = subprocess.run([sys.executable, "-c", script, arg], env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert python("check") == "False"
    assert python("fail") == "True"
    assert python("check") == "True"  # a different process sees the same counts


def test_workers_default_to_the_cores_and_are_checked():
    assert default_workers() == max(1, min(os.cpu_count() or 1, 4))
    args = build_parser().parse_args(["serve", "--workers", "0", "--port", str(_free_port())])
    assert args.workers == 0
    with pytest.raises(UserError, match="--workers 0"):
        args.handler(args)
    assert build_parser().parse_args(["serve"]).workers is None  # the default: default_workers()
