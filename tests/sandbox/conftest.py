"""Fixtures for the WSO2 stand-in's tests.

Every test talks real HTTP to an in-process stand-in on a free port, the way
the middle tier will. Servers are cheap to start, so each test gets its own
and no test depends on another's state. Nothing here needs Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sandbox.wso2 import Settings, StandIn
from tests.sandbox.wso2_testkit import Wso2Client


@pytest.fixture
def make_standin() -> Iterator[Callable[..., StandIn]]:
    """Start stand-ins with chosen settings; all are stopped after the test."""
    started: list[StandIn] = []

    def start(**changes: Any) -> StandIn:
        server = StandIn(Settings(port=0).replace(**changes)).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def standin(make_standin: Callable[..., StandIn]) -> StandIn:
    return make_standin()


@pytest.fixture
def wso2(standin: StandIn) -> Wso2Client:
    return Wso2Client(standin.url)


@pytest.fixture
def client_for() -> Callable[[StandIn], Wso2Client]:
    """A client for a stand-in started with non-default settings."""
    return lambda server: Wso2Client(server.url)
