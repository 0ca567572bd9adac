"""`explorer serve`: the app in a web browser, as a colleague without a terminal would use it.

The browser test runs the real thing: `explorer serve` on a store of the bundled sample, the
page opened in headless Chromium (Debian's package, driven by Playwright; never a downloaded
browser), a query typed into the app, and the terminal's screen read out of xterm.js. It is
skipped where /usr/bin/chromium is missing, except in CI (CI=true), where .ci/run installs it
and a missing browser is a failure.
"""

from __future__ import annotations

import http.client
import json
import os
import select
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI") == "true"
#: Flags a closed network needs: without the background ones Chromium's own connections are
#: refused and slow it down.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HARBOUR = """Tromso harbour reopens after the storm

Harbour master Oriane Vasquez said on Monday that the northern quay of Tromso would reopen to
ferries on Friday. "The repairs took longer than we hoped," Vasquez said.
"""
#: Seconds: generous, for two cores shared with the rest of the suite.
WAIT = 60

pytestmark = pytest.mark.slow

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not IN_CI,
    reason="no /usr/bin/chromium here (apt-get install chromium); CI installs it and runs this",
)

#: Captures xterm.js's Terminal as textual.js builds it (`this.terminal = new Terminal(...)`),
#: so the test reads the screen's text from its buffer instead of pixels on a canvas.
CAPTURE_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (value && value.buffer && value.buffer.active) window.__xterm = value;
  },
});
"""
#: The terminal's visible rows, as text.
SCREEN = """() => {
  const term = window.__xterm;
  if (!term) return "";
  const buffer = term.buffer.active;
  const rows = [];
  for (let i = 0; i < term.rows; i++) {
    const line = buffer.getLine(buffer.viewportY + i);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "EXPLORER_DB": str(home / "unused.json"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }


def _explorer(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "explorer", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


class Served:
    def __init__(self, process: subprocess.Popen, port: int, db: Path) -> None:
        self.process = process
        self.port = port
        self.db = db
        self.url = f"http://127.0.0.1:{port}/"

    def request(self, path: str, headers: dict[str, str]) -> int:
        """The status of a GET of `path` with these headers."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT)
        try:
            connection.request("GET", path, headers=headers)
            return connection.getresponse().status
        finally:
            connection.close()


def _read_line(process: subprocess.Popen, timeout: float) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    return process.stdout.readline() if ready else ""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    home = tmp_path_factory.mktemp("serve")
    env = _env(home)
    db = home / "store with spaces.json"  # the path goes through a shell: quoted
    # The sample and a document of our own: the page must show this store, not another
    # (an empty default store would get the sample too).
    (home / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    result = _explorer("ingest", "--db", str(db), str(SEEDS), str(home / "harbour.txt"), env=env)
    assert result.returncode == 0, result.stderr
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = _read_line(process, WAIT)
        assert f"http://127.0.0.1:{port}" in line, (line, process.poll())
        yield Served(process, port, db)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise


def _app_processes(db: Path) -> list[int]:
    """The pids of apps still running on `db` (textual-serve starts one per browser tab)."""
    pids = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if str(db).encode() in cmdline and b"serve" not in cmdline:
            pids.append(int(proc.name))
    return pids


@needs_chromium
def test_a_browser_shows_the_app_and_a_typed_query_finds_a_result(
    served: Served, tmp_path: Path
) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "CI must install chromium (.ci/run does, with apt-get)"
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),  # a fresh profile
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 800},
        )
        try:
            # Only this machine: the page's web font (a public URL) is refused, not fetched.
            context.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(served.url) else route.abort()
                ),
            )
            page = context.new_page()
            page.add_init_script(CAPTURE_TERMINAL)
            page.goto(served.url)

            def wait_for(text: str) -> str:
                try:
                    page.wait_for_function(
                        f"() => ({SCREEN})().includes({json.dumps(text)})", timeout=WAIT * 1000
                    )
                except PlaywrightError:
                    pytest.fail(f"{text!r} never showed; the screen:\n{page.evaluate(SCREEN)}")
                return page.evaluate(SCREEN)

            # The app, on this store: its search box, and both documents in the list.
            screen = wait_for("Tromso harbour reopens after the storm")
            assert "search:" in screen.splitlines()[0], screen
            assert "Iranian Ambassador to Russia" in screen, screen

            # Typed as a person does: the query in the box, then a result only the store
            # knows (the query is lower case and says nothing of "Oriane").
            page.locator(".xterm-helper-textarea").focus()
            page.keyboard.press("/")
            page.keyboard.type("vasquez")
            # The whole query in the box first: a prefix ("vasq") may find her already, and
            # the screen read then would show the query half typed.
            wait_for(" / vasquez")
            screen = wait_for("Oriane Vasquez")
            assert "vasquez" in screen.splitlines()[0], screen
            assert "1 entity" in screen, screen
        finally:
            context.close()
    # The tab is gone: its app stops too (no process left behind per visitor).
    for _ in range(WAIT * 10):
        if not _app_processes(served.db):
            break
        select.select([], [], [], 0.1)
    assert not _app_processes(served.db)


def test_the_page_and_its_websocket_refuse_other_sites(served: Served) -> None:
    assert served.request("/", {}) == 200
    # DNS rebinding: a stranger's name pointed at 127.0.0.1.
    assert served.request("/", {"Host": f"evil.example:{served.port}"}) == 403
    # Any page the user visits may open a WebSocket to localhost; only ours may talk to the app.
    upgrade = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    assert served.request("/ws", {**upgrade, "Origin": "http://evil.example"}) == 403
    assert not _app_processes(served.db)


def test_the_page_names_the_app_not_the_command(served: Served) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=WAIT)
    try:
        connection.request("GET", "/")
        page = connection.getresponse().read().decode()
    finally:
        connection.close()
    assert "<div>explorer</div>" in page
    assert str(served.db) not in page  # textual-serve's default title is the command line
    assert f"ws://127.0.0.1:{served.port}/ws" in page


def test_a_busy_port_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = _explorer(
            "serve", "--db", str(tmp_path / "s.json"), "--port", str(port), env=_env(tmp_path)
        )
    assert result.returncode == 2
    assert result.stderr == (
        f"explorer: port {port} on 127.0.0.1 is in use: pick another with --port N\n"
    )


def test_a_host_other_machines_reach_is_warned_about(tmp_path: Path) -> None:
    # The port is taken on 127.0.0.1, so binding 0.0.0.0 fails: nothing is ever served to
    # the network by this test, and the warning comes before the bind.
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = _explorer(
            "serve",
            "--db",
            str(tmp_path / "s.json"),
            "--host",
            "0.0.0.0",
            "--port",
            str(port),
            env=_env(tmp_path),
        )
    assert result.returncode == 2, result.stderr
    first, second = result.stderr.splitlines()
    assert "is in use" in second
    assert first.startswith("explorer: warning: listening on 0.0.0.0: anyone who can reach")
    assert "there is no login" in first
