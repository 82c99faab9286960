"""Command line: ``python -m sandbox.wso2 [--port 9443] [--config FILE] ...``.

Prints one line with the URL once it accepts connections, then serves until
interrupted. Request logs go to stderr.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys

from .server import StandIn
from .settings import Settings, SettingsError, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sandbox.wso2",
        description="Local stand-in for WSO2 API Manager 2.x (Store/Admin v0.11).",
    )
    parser.add_argument("--host", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port, 0 for any (default 9443)")
    parser.add_argument(
        "--token-lifetime", type=int, help="access token seconds (default 3600)"
    )
    parser.add_argument(
        "--refresh-lifetime", type=int, help="refresh token seconds (default 86400)"
    )
    parser.add_argument("--config", help="JSON file with users, clients, tenants")
    parser.add_argument(
        "--latency", type=float, help="seconds to wait before every answer"
    )
    parser.add_argument(
        "--fail-status", type=int, help="answer every API call with this status"
    )
    parser.add_argument(
        "--log-level", default="INFO", help="DEBUG, INFO, WARNING (default INFO)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        settings = load_settings(args.config) if args.config else Settings()
        settings = settings.replace(
            host=args.host,
            port=args.port,
            token_lifetime=args.token_lifetime,
            refresh_lifetime=args.refresh_lifetime,
            latency=args.latency,
            fail_status=args.fail_status,
        )
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        StandIn(settings).serve_forever()
    except KeyboardInterrupt:
        pass
    except OSError as error:
        print(
            f"error: cannot listen on {settings.host}:{settings.port}: {error}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
