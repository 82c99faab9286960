"""Injected faults: slow answers, error statuses and dropped connections.

A middle tier has to survive a WSO2 that is slow, failing or gone. Tests
switch those conditions on through ``POST /_sandbox/faults`` (or the CLI's
``--latency`` and ``--fail-status``) instead of needing a broken server.
The newest rule whose path prefix matches a request applies to it (so a
test's fault wins over a start-up ``--latency``), and a rule with a
``count`` retires after affecting that many requests. The control
endpoints themselves are never affected.

The injector has its own lock because faults are applied before the request
takes the state lock (a latency must not stall other requests).
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from typing import Any


class FaultError(ValueError):
    """A fault description that cannot be used."""


@dataclass
class FaultRule:
    """What to do to matching requests, and to how many of them."""

    id: int
    latency: float = 0.0
    status: int | None = None
    refuse: bool = False
    paths: tuple[str, ...] = ()
    remaining: int | None = None

    def matches(self, path: str) -> bool:
        return not self.paths or any(path.startswith(p) for p in self.paths)

    def describe(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "latency": self.latency,
            "status": self.status,
            "refuse": self.refuse,
            "paths": list(self.paths),
            "count": self.remaining,
        }


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise FaultError(f"'{name}' must be a non-negative number")
    return float(value)


def _integer(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FaultError(f"'{name}' must be an integer")
    return value


_KEYS = {"latency", "status", "refuse", "paths", "count"}


class FaultInjector:
    """The active fault rules of one stand-in."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._ids = itertools.count(1)
        self.applied = 0

    def add(
        self,
        latency: float = 0.0,
        status: int | None = None,
        refuse: bool = False,
        paths: tuple[str, ...] = (),
        count: int | None = None,
    ) -> FaultRule:
        with self._lock:
            rule = FaultRule(next(self._ids), latency, status, refuse, paths, count)
            self._rules.append(rule)
            return rule

    def add_from_json(self, payload: Any) -> FaultRule:
        """Validate and add a rule given as the control endpoint's JSON."""
        if not isinstance(payload, dict):
            raise FaultError("a fault must be a JSON object")
        unknown = set(payload) - _KEYS
        if unknown:
            raise FaultError(f"unknown fault keys: {', '.join(sorted(unknown))}")
        latency = _number(payload.get("latency", 0), "latency")
        status = payload.get("status")
        if status is not None:
            status = _integer(status, "status")
            if not 400 <= status <= 599:
                raise FaultError("'status' must be an HTTP error status (4xx/5xx)")
        refuse = payload.get("refuse", False)
        if not isinstance(refuse, bool):
            raise FaultError("'refuse' must be true or false")
        paths = payload.get("paths", [])
        if isinstance(paths, str):
            paths = [paths]
        if not isinstance(paths, list) or not all(
            isinstance(p, str) and p.startswith("/") for p in paths
        ):
            raise FaultError("'paths' must be a path prefix or a list of them")
        count = payload.get("count")
        if count is not None and _integer(count, "count") < 1:
            raise FaultError("'count' must be at least 1")
        if not (latency or status or refuse):
            raise FaultError("a fault needs 'latency', 'status' or 'refuse'")
        return self.add(latency, status, refuse, tuple(paths), count)

    def clear(self) -> int:
        with self._lock:
            cleared = len(self._rules)
            self._rules.clear()
            return cleared

    def rules(self) -> list[dict[str, Any]]:
        with self._lock:
            return [rule.describe() for rule in self._rules]

    def take(self, path: str) -> FaultRule | None:
        """The rule that applies to a request for ``path``, consuming one use."""
        with self._lock:
            for rule in reversed(self._rules):
                if not rule.matches(path):
                    continue
                if rule.remaining is not None:
                    rule.remaining -= 1
                    if rule.remaining == 0:
                        self._rules.remove(rule)
                self.applied += 1
                return rule
            return None
