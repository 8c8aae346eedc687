"""Headless Chromium driven through the DevTools protocol over a pipe (stdlib only).

`--remote-debugging-pipe` makes Chromium read commands from fd 3 and write replies and events to
fd 4, each a JSON message ended by a NUL byte: no port, no websocket, no extra package.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Put the two pipe ends at fds 3 and 4 of the child, then become Chromium.
_LAUNCH = (
    "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
    "os.execvp(sys.argv[3], sys.argv[3:])"
)


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class PageResult:
    requests: list[str] = field(default_factory=list)  # every URL the page asked for
    console: list[str] = field(default_factory=list)  # errors and warnings, any source
    screenshot: bytes = b""
    pdf: bytes = b""
    title: str = ""
    probed: Any = None  # the value of load_page's `probe` expression, evaluated once loaded


class Chromium:
    def __init__(self, executable: str, timeout: float = 60.0) -> None:
        self.timeout = timeout
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        args = [
            executable,
            "--headless=new",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--hide-scrollbars",
            "--window-size=1000,1400",
            "--remote-debugging-pipe",
            f"--user-data-dir={os.environ.get('TMPDIR', '/tmp')}/hrdplan-chromium-{os.getpid()}",
            "about:blank",
        ]
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _LAUNCH, str(to_child_r), str(from_child_w), *args],
            pass_fds=(to_child_r, from_child_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str = "") -> dict[str, Any]:
        def wanted(event: dict[str, Any]) -> bool:
            return event.get("method") == method and event.get("sessionId", "") == session

        for i, event in enumerate(self.events):
            if wanted(event):
                return self.events.pop(i)
        while True:
            event = self._read()
            if wanted(event):
                return event
            self.events.append(event)

    def _read(self) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_child], [], [], left)[0]:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        result: dict[str, Any] = json.loads(message)
        return result

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.send("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)


# One Chromium for the whole test run (starting one costs a second or more): each page opens in
# a browser context of its own (no cache, cookies or storage shared with the pages before it).
_shared: dict[str, Chromium] = {}


def _browser(executable: str) -> Chromium:
    browser = _shared.get(executable)
    if browser is None or browser.proc.poll() is not None:
        browser = _shared[executable] = Chromium(executable)
    return browser


@atexit.register
def close_browsers() -> None:
    while _shared:
        _shared.popitem()[1].close()


def load_page(
    executable: str, page: Path, *, width: int = 1000, probe: str | None = None
) -> PageResult:
    """Open page, wait for its load, and collect its requests, console messages, a full-page
    screenshot and an A4 PDF print (and the value of a JavaScript `probe` of the page)."""
    browser = _browser(executable)
    browser.events.clear()
    result = PageResult()
    context = browser.send("Target.createBrowserContext")["browserContextId"]
    try:
        target = browser.send(
            "Target.createTarget", {"url": "about:blank", "browserContextId": context}
        )["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Network", "Runtime", "Log"):
            browser.send(f"{domain}.enable", session=session)
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        browser.send("Page.navigate", {"url": page.resolve().as_uri()}, session=session)
        browser.wait_for("Page.loadEventFired", session)
        # A moment for anything late (there should be nothing) to show in the events.
        browser.send("Runtime.evaluate", {"expression": "1"}, session=session)
        time.sleep(0.3)
        result.title = browser.send(
            "Runtime.evaluate", {"expression": "document.title"}, session=session
        )["result"]["value"]
        if probe is not None:
            result.probed = browser.send(
                "Runtime.evaluate", {"expression": probe, "returnByValue": True}, session=session
            )["result"].get("value")
        metrics = browser.send("Page.getLayoutMetrics", session=session)
        size = metrics["cssContentSize"]
        shot = browser.send(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": size["height"], "scale": 1},
            },
            session=session,
        )
        result.screenshot = base64.b64decode(shot["data"])
        pdf = browser.send(
            "Page.printToPDF",
            {
                "paperWidth": 8.27,
                "paperHeight": 11.69,
                "printBackground": True,
                "preferCSSPageSize": True,
            },
            session=session,
        )
        result.pdf = base64.b64decode(pdf["data"])
        browser.send("Runtime.evaluate", {"expression": "1"}, session=session)
    except BaseException:
        _shared.pop(executable, None)  # a browser in an unknown state: the next page starts anew
        browser.close()
        raise
    else:
        browser.send("Target.disposeBrowserContext", {"browserContextId": context})
    for event in browser.events:
        if event.get("sessionId") != session:
            continue
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            result.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning"):
            result.console.append(f"console.{params['type']}: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            result.console.append(f"exception: {params.get('exceptionDetails')}")
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            result.console.append(f"log: {params['entry'].get('text')}")
        elif method == "Network.loadingFailed":
            result.console.append(f"failed: {params.get('errorText')}")
    return result
