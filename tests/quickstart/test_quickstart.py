"""`python -m sandbox.quickstart`, the command behind `make run`."""

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.net import free_port

ROOT = Path(__file__).resolve().parents[2]


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def quickstart(tmp_path):
    ports = {name: free_port() for name in ("wso2", "api", "page")}
    command = [sys.executable, "-m", "sandbox.quickstart", "--state-dir", str(tmp_path)]
    for name, port in ports.items():
        command += [f"--{name}-port", str(port)]
    # Its own process group, as in a terminal, where Ctrl-C reaches every
    # process of the foreground job.
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    yield process, ports
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)


def test_it_starts_all_three_servers_and_ctrl_c_stops_them(quickstart, tmp_path):
    process, ports = quickstart
    printed = []
    for line in process.stdout:
        printed.append(line)
        if "Ctrl-C stops everything" in line:
            break
    urls = {
        "wso2": f"http://127.0.0.1:{ports['wso2']}/_sandbox/health",
        "api": f"http://localhost:{ports['api']}/healthz",
        "page": f"http://localhost:{ports['page']}/index.html",
    }

    assert all(answers(url) for url in urls.values())
    text = "".join(printed)
    assert f"http://localhost:{ports['page']}/index.html?api=" in text
    assert "subscriber / subscriber-pass" in text
    assert {path.name for path in tmp_path.iterdir()} >= {"keys.json", "db.sqlite3"}

    os.killpg(process.pid, signal.SIGINT)

    assert process.wait(timeout=30) == 0
    assert not any(answers(url) for url in urls.values())
