"""Single-flight refresh across separate worker processes on PostgreSQL.

Each worker is its own Python process running the product code against one
PostgreSQL database, as gunicorn workers do; a real local token endpoint
counts the grants and rotates refresh tokens like WSO2.

TEST_POSTGRES_URL names the server (default: trust auth on 127.0.0.1:5432);
a throwaway database is made on it for each run. Without a server the tests
skip, except when CI is set: CI must run them.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from cryptography.fernet import Fernet

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
PROJECT = Path(__file__).resolve().parents[2]
WORKERS = 3


def in_ci():
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def connect(url):
    """Return an autocommit connection to `url`; skip, or fail in CI, without one."""
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        where = urlsplit(url)
        reason = f"PostgreSQL is not reachable at {where.hostname}:{where.port or 5432}"
        reason = f"{reason} ({exc})"
        if in_ci():
            pytest.fail(f"{reason}; CI must run the PostgreSQL tests.")
        pytest.skip(f"{reason}; set TEST_POSTGRES_URL to run these tests.")


@pytest.fixture(scope="module")
def database_url():
    """The URL of a fresh PostgreSQL database, dropped after the module."""
    server = connect(POSTGRES_URL)
    name = f"refresh_race_{uuid.uuid4().hex[:12]}"
    server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(POSTGRES_URL)._replace(path=f"/{name}").geturl()
    finally:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


@pytest.fixture(scope="module")
def base_environment(database_url):
    """The environment of a worker process: real settings from the environment."""
    return {
        **os.environ,
        "PYTHONPATH": str(PROJECT),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "refresh-race-secret-key",
        "TOKEN_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "WSO2_CLIENT_ID": "race-client",
        "WSO2_CLIENT_SECRET": "race-secret",
        "LOG_LEVEL": "WARNING",
    }


@pytest.fixture(scope="module")
def session_keys(base_environment):
    """Migrate the database once and store a session for each test to race on."""
    worker = run_worker(base_environment, "prepare", "2")
    out, err = worker.communicate(timeout=60)
    assert worker.returncode == 0, err
    return out.split()


@pytest.fixture
def environment(base_environment, fake_wso2):
    return {
        **base_environment,
        "WSO2_TOKEN_URL": fake_wso2.token_url,
        "WSO2_REVOKE_URL": f"{fake_wso2.url}/revoke",
        "WSO2_STORE_API_URL": fake_wso2.store_url,
    }


def run_worker(environment, *arguments, **popen):
    return subprocess.Popen(
        [sys.executable, "-m", "tests.core.refresh_worker", *arguments],
        cwd=PROJECT,
        env=environment,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen,
    )


def race(environment, session_key):
    """Let WORKERS processes ask for the session's token at once; return outcomes."""
    workers = [
        run_worker(environment, "refresh", session_key, stdin=subprocess.PIPE)
        for _ in range(WORKERS)
    ]
    for worker in workers:
        assert worker.stdout.readline().strip() == "ready", worker.communicate()[1]
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()

    outcomes = []
    for worker in workers:
        out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err
        outcomes.append(json.loads(out))
    return outcomes


def stored_row(database_url, session_key):
    """Return (version, refreshing_until) of the session's row, or None."""
    with connect(database_url) as connection:
        return connection.execute(
            "SELECT version, refreshing_until FROM tokens_storedtoken"
            " WHERE session_id = %s",
            [session_key],
        ).fetchone()


def session_exists(database_url, session_key):
    with connect(database_url) as connection:
        return (
            connection.execute(
                "SELECT 1 FROM django_session WHERE session_key = %s", [session_key]
            ).fetchone()
            is not None
        )


def test_worker_processes_share_one_refresh_grant(
    environment, database_url, session_keys, fake_wso2
):
    session_key = session_keys[0]

    outcomes = race(environment, session_key)

    assert outcomes == [{"access_token": "access-2"}] * WORKERS
    assert fake_wso2.refresh_grants == 1
    assert stored_row(database_url, session_key) == (1, None)


def test_a_refused_refresh_token_ends_the_session_in_every_worker(
    environment, database_url, session_keys, fake_wso2
):
    session_key = session_keys[1]
    fake_wso2.generation = 9  # WSO2 no longer knows refresh-1.

    outcomes = race(environment, session_key)

    assert outcomes == [{"error": "session_expired"}] * WORKERS
    assert fake_wso2.refresh_grants == 1
    assert stored_row(database_url, session_key) is None
    assert not session_exists(database_url, session_key)
