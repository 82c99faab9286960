"""The command line: ``python -m sandbox.wso2``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import requests

from tests.sandbox.wso2_testkit import REPO_ROOT


def _run_cli(*args: str) -> subprocess.Popen:
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "sandbox.wso2", *args],
        cwd=REPO_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_command_line_with_config_file(tmp_path: Path) -> None:
    config = tmp_path / "wso2.json"
    config.write_text(
        json.dumps(
            {
                "users": [
                    {"username": "bob", "password": "bob-pass", "roles": ["subscriber"]}
                ],
                "clients": [{"clientId": "c1", "clientSecret": "s1", "owner": "bob"}],
            }
        )
    )
    process = _run_cli("--port", "0", "--token-lifetime", "30", "--config", str(config))
    try:
        line = process.stdout.readline()
        match = re.fullmatch(
            r"WSO2 stand-in listening on (http://127\.0\.0\.1:\d+)\n", line
        )
        assert match, line
        url = match[1]
        assert requests.get(url + "/_sandbox/health", timeout=5).status_code == 200
        token = requests.post(
            url + "/token",
            data={
                "grant_type": "password",
                "username": "bob",
                "password": "bob-pass",
                "scope": "apim:subscribe",
            },
            auth=("c1", "s1"),
            timeout=5,
        )
        assert token.status_code == 200
        assert token.json()["expires_in"] == 30
        default_client = requests.post(
            url + "/token",
            data={"grant_type": "client_credentials"},
            auth=("sandbox-client", "sandbox-secret"),
            timeout=5,
        )
        assert default_client.status_code == 401
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=5)
    assert "POST /token -> 200" in errors
    assert "bob-pass" not in errors


def test_command_line_rejects_a_bad_config(tmp_path: Path) -> None:
    config = tmp_path / "wso2.json"
    config.write_text(json.dumps({"tokenLifetime": 30, "colour": "blue"}))
    process = _run_cli("--port", "0", "--config", str(config))
    _, errors = process.communicate(timeout=10)
    assert process.returncode == 2
    assert "colour" in errors
