"""`explorer serve`: the same app in a web browser, through textual-serve.

Each browser tab that opens the page starts its own `explorer --db PATH` process, whose screen
textual-serve streams to xterm.js in the page. textual-serve has no login: anyone who can reach
the port can use the app and read the store, so it listens on the loopback address unless told
otherwise, and refuses what a browser sends from another site:

- a WebSocket whose Origin is not the page's own (any web page may open a WebSocket to
  localhost; the browser does not stop it, the server must);
- on a loopback address, a request whose Host is not a loopback name (DNS rebinding: an
  attacker's name pointed at 127.0.0.1).
"""

from __future__ import annotations

import asyncio
import ipaddress
import shlex
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

#: The page's title and the name on its start screen; never built from the store's text.
TITLE = "explorer"
LOOPBACK_NAMES = frozenset({"localhost", "localhost."})


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address, IPv6 with or without brackets) is this machine's
    loopback, reachable from no other machine."""
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def app_command(db_path: Path) -> str:
    """The shell command textual-serve runs per browser tab: this interpreter's explorer on
    the store (quoted: the path may hold spaces or quotes)."""
    return shlex.join([sys.executable, "-m", "explorer", "--db", str(db_path)])


class AppServer(Server):
    """textual-serve's server, with our title, our start-up line and the two checks above."""

    def __init__(self, db_path: Path, host: str, port: int) -> None:
        super().__init__(app_command(db_path), host=host, port=port, title=TITLE)
        self.loopback = is_loopback(host)

    def allowed(self, request: web.Request) -> bool:
        """Whether a browser request may reach the app (see the module's docstring)."""
        host = request.host
        if self.loopback and not is_loopback(urlsplit(f"//{host}").hostname or ""):
            return False
        origin = request.headers.get("Origin")
        return origin is None or urlsplit(origin).netloc.lower() == host.lower()

    async def handle_index(self, request: web.Request) -> Any:
        if not self.allowed(request):
            raise web.HTTPForbidden(text="explorer: not from this address")
        # The page tells the browser where the WebSocket is: the address the browser used, so
        # http://localhost:8000 and a --host 0.0.0.0 server reached by name both work
        # (textual-serve would write http://HOST:PORT). Read before the next await: no race.
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.allowed(request):
            raise web.HTTPForbidden(text="explorer: not from this page")
        return await super().handle_websocket(request)

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its logo here, before the port is bound; we print after."""

    def run(self, ready: Callable[[], None]) -> None:
        """Serve until Ctrl+C or SIGTERM; `ready` is called once the port is listening.
        A busy port raises OSError (errno EADDRINUSE) before anything is served."""
        loop = asyncio.new_event_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        try:
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=lambda *_: ready(),
                access_log=None,
                # Open tabs are closed (and their app processes stopped) without a minute's wait.
                shutdown_timeout=3.0,
            )
        finally:
            if not loop.is_closed():
                loop.close()
