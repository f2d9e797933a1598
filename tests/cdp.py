"""Headless Chromium driven through the DevTools protocol on a pipe (standard library only).

`--remote-debugging-pipe` makes Chromium read commands on fd 3 and answer on fd 4, each
message JSON ended by a NUL byte: no websocket client is needed. A `Browser` opens one
tab, and can load a page, run a script in it, wait for a condition and take a
screenshot; console messages, uncaught errors and blocked resources (a
Content-Security-Policy violation is a log entry) are kept in `problems`.

Example:
    with Browser(width=1920, height=1080) as tab:
        tab.go("http://127.0.0.1:8765/")
        tab.until("document.body.dataset.version > 0")
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--remote-debugging-pipe",
]


class Browser:
    def __init__(self, width: int = 1920, height: int = 1080, deadline: float = 60.0):
        self.width, self.height, self.deadline = width, height, deadline
        self.problems: list[str] = []
        self._ids = 0
        self._buffer = b""

    def __enter__(self) -> Browser:
        assert CHROMIUM, "Chromium is not installed"
        self._profile = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)
        self._log = open(Path(self._profile.name) / "chromium.log", "w+b")  # noqa: SIM115
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # The pipe ends become fds 3 and 4 in a small launcher, which then runs Chromium.
        launch = ("import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
                  "os.execv(sys.argv[3], sys.argv[3:])")
        self._proc = subprocess.Popen(
            [sys.executable, "-c", launch, str(to_chrome_r), str(from_chrome_w),
             CHROMIUM, *FLAGS, f"--user-data-dir={self._profile.name}",
             f"--window-size={self.width},{self.height}", "about:blank"],
            pass_fds=(to_chrome_r, from_chrome_w), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=self._log, start_new_session=True)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        try:
            target = self.call("Target.createTarget", url="about:blank")["targetId"]
        except (OSError, RuntimeError, TimeoutError) as exc:
            self._log.seek(0)
            raise RuntimeError(f"Chromium did not start: {self._log.read()[-3000:]!r}") from exc
        self._session = self.call("Target.attachToTarget", targetId=target,
                                  flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=self.width,
                  height=self.height, deviceScaleFactor=1, mobile=False)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            os.killpg(self._proc.pid, signal.SIGKILL)  # Chromium and its helper processes
        except ProcessLookupError:
            pass
        self._proc.wait(timeout=30)
        os.close(self._to_chrome)
        os.close(self._from_chrome)
        self._log.close()
        self._profile.cleanup()

    # --- the protocol -------------------------------------------------------------------------

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        self._ids += 1
        message: dict[str, Any] = {"id": self._ids, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        end = time.monotonic() + self.deadline
        while True:
            reply = self._read(end)
            if reply.get("id") == self._ids:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._event(reply)

    def _read(self, end: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = end - time.monotonic()
            if left <= 0 or not select.select([self._from_chrome], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _event(self, event: dict[str, Any]) -> None:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled":
            texts = [str(a.get("value", a.get("description", ""))) for a in params.get("args", [])]
            self.problems.append(f"console.{params.get('type')}: {' '.join(texts)}")
        elif method == "Runtime.exceptionThrown":
            self.problems.append(f"uncaught: {params['exceptionDetails'].get('text')}")
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            if entry.get("level") in ("error", "warning"):
                self.problems.append(f"log: {entry.get('text')} {entry.get('url', '')}")

    # --- what a test does ---------------------------------------------------------------------

    def go(self, url: str) -> None:
        self.call("Page.navigate", session=True, url=url)

    def eval(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", session=True, expression=expression,
                           returnByValue=True)
        return result.get("result", {}).get("value")

    def until(self, expression: str, timeout: float = 30.0) -> Any:
        """Wait for the expression to be true in the page (the page's state, not the clock)."""
        end = time.monotonic() + timeout
        while True:
            value = self.eval(expression)
            if value:
                return value
            if time.monotonic() > end:
                raise TimeoutError(f"never true in the page: {expression}")
            time.sleep(0.05)

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", session=True, format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path
