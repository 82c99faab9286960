"""The HTTP server: one listener for token, DCR, Store, Admin and control.

``StandIn`` runs a ``ThreadingHTTPServer`` on a background thread so tests
can start it on port 0 in-process, or in the foreground for the CLI. Each
request is parsed, passed through the fault injector, then handled under one
state lock: handlers are quick and purely in-memory, so a single lock keeps
tokens, applications and policies consistent without finer locking.

Paths served (``{store}`` is ``/api/am/store/v0.11``, ``/v0.12`` or the
unversioned API Cloud form ``/api/am/store``; the admin API likewise):

* ``POST /token``, ``POST /revoke`` (also under ``/oauth2/``)
* ``POST /client-registration/v0.11/register`` (also ``/register`` alone)
* ``{store}/...`` and ``/api/am/admin/{v0.11,v0.12}/...``
* ``/_sandbox/health``, ``/_sandbox/state``, ``/_sandbox/faults``,
  ``/_sandbox/reset``: the control endpoints, never subject to faults.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .admin import AdminApi
from .catalog import Catalog
from .faults import FaultError, FaultInjector
from .oauth import OAuthServer
from .policies import PolicyBook
from .seed import demo_apis
from .settings import Settings
from .store import StoreApi
from .web import ApiError, Request, Response, Router, parse_query, rest_error

logger = logging.getLogger(__name__)

STORE_BASES = ("/api/am/store/v0.11", "/api/am/store/v0.12", "/api/am/store")
ADMIN_BASES = ("/api/am/admin/v0.11", "/api/am/admin")
ADMIN_V012_BASE = "/api/am/admin/v0.12"
CONTROL_PREFIX = "/_sandbox/"
_AREAS = (
    ("/api/am/store", "store"),
    ("/api/am/admin", "admin"),
    ("/client-registration", "dcr"),
    ("/token", "token"),
    ("/revoke", "token"),
    ("/oauth2/", "token"),
)


class _World:
    """All mutable state of one stand-in, rebuilt from scratch on reset."""

    def __init__(self, settings: Settings) -> None:
        tenants = settings.all_tenants
        self.oauth = OAuthServer(settings)
        self.policies = PolicyBook(tenants)
        catalog = Catalog(api for api in demo_apis() if api.tenant in tenants)
        self.store = StoreApi(self.oauth, catalog, self.policies, tenants)
        self.admin = AdminApi(self.oauth, self.policies, self.store)
        self.router = Router()
        for base in ("", "/oauth2"):
            self.router.add("POST", base, "/token", self.oauth.token)
            self.router.add("POST", base, "/revoke", self.oauth.revoke)
        for base in ("/client-registration/v0.11", "/client-registration"):
            self.router.add("POST", base, "/register", self.oauth.register)
        for base in STORE_BASES:
            self.router.mount(base, self.store.routes())
        for base in ADMIN_BASES:
            self.router.mount(base, self.admin.routes())
        self.router.mount(ADMIN_V012_BASE, self.admin.routes_v012())
        self.requests: Counter[str] = Counter()

    def snapshot(self) -> dict[str, object]:
        return {
            "requests": {"total": sum(self.requests.values()), **self.requests},
            **self.oauth.snapshot(),
            **self.store.snapshot(),
        }


class StandIn:
    """A local imitation of WSO2 API Manager 2.x, started and stopped at will.

    ``StandIn(Settings(port=0)).start()`` listens on a free port in a
    background thread; ``url`` says where, ``stop()`` ends it. It is also a
    context manager. State lives as long as the instance (or until a reset).
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.faults = FaultInjector()
        self._lock = threading.RLock()
        self._world = _World(self.settings)
        self._control = self._control_router()
        self._startup_faults()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def _startup_faults(self) -> None:
        if self.settings.latency or self.settings.fail_status:
            self.faults.add(
                latency=self.settings.latency, status=self.settings.fail_status
            )

    # ------------------------------------------------------------ lifecycle

    def _bind(self) -> ThreadingHTTPServer:
        httpd = _Server((self.settings.host, self.settings.port), _Handler)
        httpd.standin = self
        self._httpd = httpd
        return httpd

    def start(self) -> StandIn:
        """Listen on a background thread; returns once connections are accepted."""
        httpd = self._bind()
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.01},  # so that stop() returns quickly
            name="wso2-stand-in",
            daemon=True,
        )
        self._thread.start()
        logger.info("WSO2 stand-in listening on %s", self.url)
        return self

    def serve_forever(self) -> None:
        """Listen in the calling thread until interrupted (used by the CLI)."""
        httpd = self._bind()
        print(f"WSO2 stand-in listening on {self.url}", flush=True)
        try:
            httpd.serve_forever()
        finally:
            httpd.server_close()

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> StandIn:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the stand-in is not listening")
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{self.settings.host}:{self.port}"

    # -------------------------------------------------------------- handling

    def handle(self, request: Request) -> Response | None:
        """Answer one request; ``None`` means drop the connection unanswered."""
        if request.path.startswith(CONTROL_PREFIX):
            return self._dispatch(self._control, request)
        rule = self.faults.take(request.path)
        if rule is not None:
            if rule.latency:
                time.sleep(rule.latency)
            if rule.refuse:
                return None
            if rule.status is not None:
                return rest_error(rule.status, "Fault injected by the WSO2 stand-in")
        with self._lock:
            world = self._world
            world.requests[_area(request.path)] += 1
            return self._dispatch(world.router, request)

    def _dispatch(self, router: Router, request: Request) -> Response:
        try:
            return router.resolve(request)(request)
        except ApiError as error:
            return error.response
        except Exception:
            logger.exception("unhandled error for %s %s", request.method, request.path)
            return rest_error(
                500,
                "The server encountered an internal error. Please contact "
                "administrator.",
            )

    # ------------------------------------------------------ control endpoints

    def _control_router(self) -> Router:
        router = Router()
        base = CONTROL_PREFIX.rstrip("/")
        router.add(
            "GET", base, "/health", lambda _: Response.json(200, {"status": "ok"})
        )
        router.add("GET", base, "/state", self._state)
        router.add("GET", base, "/faults", self._list_faults)
        router.add("POST", base, "/faults", self._add_fault)
        router.add("DELETE", base, "/faults", self._clear_faults)
        router.add("POST", base, "/reset", self._reset)
        return router

    def _state(self, _: Request) -> Response:
        with self._lock:
            state = self._world.snapshot()
        state["faults"] = {
            "active": self.faults.rules(),
            "applied": self.faults.applied,
        }
        return Response.json(200, state)

    def _list_faults(self, _: Request) -> Response:
        return Response.json(200, {"faults": self.faults.rules()})

    def _add_fault(self, request: Request) -> Response:
        try:
            rule = self.faults.add_from_json(request.json())
        except FaultError as error:
            return rest_error(400, str(error))
        logger.info("fault added: %s", rule.describe())
        return Response.json(201, {"fault": rule.describe()})

    def _clear_faults(self, _: Request) -> Response:
        cleared = self.faults.clear()
        logger.info("cleared %d fault(s)", cleared)
        return Response.json(200, {"cleared": cleared})

    def _reset(self, _: Request) -> Response:
        """Forget every token, application and policy change; clear faults."""
        with self._lock:
            self._world = _World(self.settings)
        self.faults.clear()
        logger.info("state reset to the seed data")
        return Response.json(200, {"status": "reset"})


def _area(path: str) -> str:
    return next((area for prefix, area in _AREAS if path.startswith(prefix)), "other")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    standin: StandIn


class _Handler(BaseHTTPRequestHandler):
    """Turns raw HTTP into ``Request`` objects and ``Response`` objects back."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle's algorithm on,
    # every keep-alive answer would wait for the client's delayed ACK (~40 ms).
    disable_nagle_algorithm = True
    server: _Server

    def version_string(self) -> str:
        return "WSO2-Carbon-Server"

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    def _read_body(self) -> bytes:
        """The whole body; clients streaming an upload send it chunked."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _serve(self) -> None:
        started = time.perf_counter()
        split = urlsplit(self.path)
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address)
        try:
            body = self._read_body()
        except ValueError:
            self.close_connection = True
            self._write(rest_error(400, "Unreadable request body framing"))
            return
        request = Request(
            method=self.command,
            path=split.path or "/",
            query=parse_query(split.query),
            headers=self.headers,
            body=body,
            origin=f"http://{host}",
        )
        response = self.server.standin.handle(request)
        elapsed = (time.perf_counter() - started) * 1000
        if response is None:
            logger.info("%s %s dropped (injected fault)", self.command, request.path)
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        logger.info(
            "%s %s -> %d (%.1f ms)",
            self.command,
            request.path,
            response.status,
            elapsed,
        )
        self._write(response)

    def _write(self, response: Response) -> None:
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        no_body = response.status in (204, 304) or self.command == "HEAD"
        if response.status not in (204, 304):
            self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if not no_body:
            self.wfile.write(response.body)

    def log_request(self, code: object = "-", size: object = "-") -> None:
        """Requests are logged by ``_serve`` without query strings."""

    def log_message(self, format: str, *args: object) -> None:
        logger.debug(format, *args)
