"""Run the whole thing on one machine: WSO2 stand-in, middle tier, sample store.

`python -m sandbox.quickstart` (or `make run`) creates the SQLite database and
the keys it needs, starts the three servers, prints where they are and the
demo credentials, and stops them all on Ctrl-C. The browser tests start the
same `Stack` on free ports.

The middle tier runs as it would anywhere else (`manage.py`), configured
through its environment; nothing here imports it.
"""

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
PAGE_DIR = Path(__file__).resolve().parent / "store_page"
CLIENT_ID, CLIENT_SECRET = "sandbox-client", "sandbox-secret"
SUBSCRIBER = ("subscriber", "subscriber-pass")
ADMIN = ("admin", "admin-pass")
ADMIN_SCOPES = (
    "apim:tier_view,apim:tier_manage,apim:bl_view,apim:bl_manage,"
    "apim:mediation_policy_view,apim:mediation_policy_create"
)


def local_keys(path):
    """Return the SECRET_KEY and Fernet key kept in `path`, made on first use."""
    if path.exists():
        return json.loads(path.read_text())
    keys = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "TOKEN_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(keys))
    path.chmod(0o600)
    return keys


class Stack:
    """The stand-in, the middle tier and the sample page, as child processes."""

    def __init__(
        self,
        *,
        wso2_port=9443,
        api_port=8000,
        page_port=8080,
        token_lifetime=60,
        state_dir=VAR,
    ):
        self.wso2_url = f"http://127.0.0.1:{wso2_port}"
        self.api_url = f"http://localhost:{api_port}"
        self.page_url = f"http://localhost:{page_port}"
        self.ports = (wso2_port, api_port, page_port)
        self.token_lifetime = token_lifetime
        # The keys and the SQLite database live here, out of version control.
        self.keys_file = state_dir / "keys.json"
        self.database = state_dir / "db.sqlite3"
        self.processes = []

    def middle_tier_env(self):
        env = dict(os.environ)
        env.update(local_keys(self.keys_file))
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            DEBUG="true",
            ALLOWED_HOSTS="localhost,127.0.0.1",
            CORS_ALLOWED_ORIGINS=self.page_url,
            SESSION_COOKIE_SECURE="false",
            CSRF_COOKIE_SECURE="false",
            WSO2_TOKEN_URL=f"{self.wso2_url}/token",
            WSO2_REVOKE_URL=f"{self.wso2_url}/revoke",
            WSO2_DCR_URL=f"{self.wso2_url}/client-registration/v0.11/register",
            WSO2_STORE_API_URL=f"{self.wso2_url}/api/am/store/v0.11",
            WSO2_ADMIN_API_URL=f"{self.wso2_url}/api/am/admin/v0.11",
            WSO2_CLIENT_ID=CLIENT_ID,
            WSO2_CLIENT_SECRET=CLIENT_SECRET,
            WSO2_ADMIN_USERNAME=ADMIN[0],
            WSO2_ADMIN_PASSWORD=ADMIN[1],
            WSO2_ADMIN_SCOPES=ADMIN_SCOPES,
        )
        env.pop("CSRF_TRUSTED_ORIGINS", None)
        env["DATABASE_URL"] = f"sqlite:///{self.database}"
        return env

    def start(self):
        wso2_port, api_port, page_port = self.ports
        env = self.middle_tier_env()
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run(
            [*manage, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True
        )
        self._spawn(
            [
                sys.executable,
                "-m",
                "sandbox.wso2",
                "--port",
                str(wso2_port),
                "--token-lifetime",
                str(self.token_lifetime),
            ],
            os.environ,
        )
        self._spawn([*manage, "runserver", f"127.0.0.1:{api_port}", "--noreload"], env)
        self._spawn(
            [
                sys.executable,
                "-m",
                "http.server",
                str(page_port),
                "--bind",
                "127.0.0.1",
                "--directory",
                str(PAGE_DIR),
            ],
            os.environ,
        )
        wait_for(f"{self.wso2_url}/_sandbox/health")
        wait_for(f"{self.api_url}/healthz")
        wait_for(f"{self.page_url}/index.html")
        return self

    def stop(self):
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def _spawn(self, command, env):
        self.processes.append(subprocess.Popen(command, env=env, cwd=ROOT))


def wait_for(url, timeout=30):
    """Wait until `url` answers 200; raise RuntimeError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up within {timeout} seconds")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wso2-port", type=int, default=9443)
    parser.add_argument("--api-port", type=int, default=8000)
    parser.add_argument("--page-port", type=int, default=8080)
    parser.add_argument(
        "--token-lifetime",
        type=int,
        default=60,
        help="Seconds an access token lives at the stand-in (short, to see refreshes).",
    )
    parser.add_argument(
        "--state-dir",
        type=Path,
        default=VAR,
        help="Where the generated keys and the SQLite database are kept.",
    )
    args = parser.parse_args()
    stack = Stack(
        wso2_port=args.wso2_port,
        api_port=args.api_port,
        page_port=args.page_port,
        token_lifetime=args.token_lifetime,
        state_dir=args.state_dir,
    )
    # Ctrl-C and a plain kill both stop all three servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        stack.start()
        print(
            f"\nSample store:   {stack.page_url}/index.html?api={stack.api_url}\n"
            f"Middle tier:    {stack.api_url}  (Django admin: {stack.api_url}/admin/)\n"
            f"WSO2 stand-in:  {stack.wso2_url}\n"
            f"Log in as {SUBSCRIBER[0]} / {SUBSCRIBER[1]} "
            f"(or {ADMIN[0]} / {ADMIN[1]}). Ctrl-C stops everything.\n",
            flush=True,
        )
        while all(process.poll() is None for process in stack.processes):
            time.sleep(0.5)
        print("A server stopped; stopping the others.", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
