"""The latest view of the live page, followed from a file or from the interview.

`Feed` holds the view and lets the server's threads wait for the next one.
`FileFeed` polls the file's size and modification time every 200 ms and parses it once
per change; while the file does not parse (a hand edit half done) the last good view
stays and a banner names the problem and its line. `AnswersFeed` is the interview's
watcher (interview/watch.py): it renders from the answers the interview already holds,
only while someone is looking, in a thread of its own, reading the answers one item
at a time so that the interview never waits for the page.

Example:
    feed = FileFeed(Path("ws.yaml")); feed.start()
    view = feed.wait(after=0, timeout=1.0)   # the first view, once the file is read
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..core import store
from ..core.errors import FileProblem, MeasurekitError, WorksheetInvalid
from ..core.saving import read_bytes
from ..core.text import safe
from . import page
from .view import Stale, from_answers

POLL = 0.2  # seconds between two looks at the file's size and modification time
# After a question is asked, the page waits this long before reading the answers: the
# terminal draws the question first, and answers typed ahead are taken in one render.
SETTLE = 0.15
LOOKED_AT = 5.0  # a page that asked this recently is still being looked at


class Feed:
    """The page's latest view; threads wait on it for the next version."""

    def __init__(self, file: str, audience: str = "team",
                 today: Callable[[], date] = date.today):
        self.file, self.audience, self.today = file, audience, today
        self._changed = threading.Condition()
        self._view = page.View()
        self._viewers = 0
        self._asked = 0.0  # when a page last asked for the view (polling pages)
        self._renderer = page.Renderer()
        self.stopped = threading.Event()

    @property
    def view(self) -> page.View:
        return self._view

    def publish(self, **parts: Any) -> None:
        with self._changed:
            self._view = replace(self._view, version=self._view.version + 1, **parts)
            self._changed.notify_all()

    def wait(self, after: int, timeout: float) -> page.View:
        """The view once its version is past `after`, or as it is after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._view.version > after or self.stopped.is_set(), timeout)
            return self._view

    def stop(self) -> None:
        self.stopped.set()
        with self._changed:
            self._changed.notify_all()

    def viewing(self, delta: int) -> None:
        """A page connected (+1) or left (-1); 0: a page polled."""
        with self._changed:
            self._viewers += delta
            self._asked = time.monotonic()

    def looked_at(self) -> bool:
        return self._viewers > 0 or time.monotonic() - self._asked < LOOKED_AT

    def render(self, worksheet: Any) -> list[tuple[str, str]]:
        return self._renderer.blocks(worksheet, self.file, self.today(), self.audience)


def banner(problem: MeasurekitError, name: str) -> str:
    """A problem with the file, in one line for the top of the page ("line 34: ...")."""
    if isinstance(problem, WorksheetInvalid) and problem.problems:
        first = problem.problems[0]
        where = f"line {first.line}" if first.line is not None else name
        field = f" {first.path}:" if first.path else ""
        more = len(problem.problems) - 1
        tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        text = f"{where}:{field} {first.message}{tail}"
    elif isinstance(problem, FileProblem):
        text = problem.reason
    else:
        text = str(problem)
    return safe(f"{name}: {text}. The page shows the file as it last read cleanly.")


class FileFeed(Feed):
    """Follows a worksheet file: one parse per change, the last good view kept."""

    def __init__(self, path: Path, audience: str = "team",
                 today: Callable[[], date] = date.today, interval: float = POLL):
        super().__init__(path.name, audience, today)
        self.path, self.interval = path, interval
        self._thread = threading.Thread(target=self._follow, name="measurekit-file", daemon=True)

    def start(self) -> None:
        self.refresh()  # the first view before the address is printed
        self._thread.start()

    def _stamp(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_size, st.st_mtime_ns, st.st_ino

    def _follow(self) -> None:
        last = self._stamp()
        while not self.stopped.wait(self.interval):
            stamp = self._stamp()
            if stamp != last:
                last = stamp
                self.refresh()

    def refresh(self) -> None:
        """Read and show the file; a file that does not read keeps the view with a banner."""
        try:
            worksheet = store.parse(read_bytes(self.path), str(self.path), self.path).worksheet
            blocks = self.render(worksheet)
        except MeasurekitError as problem:
            self.publish(banner=banner(problem, self.path.name))
            return
        self.publish(blocks=tuple(blocks), banner="")


class AnswersFeed(Feed):
    """The interview's watcher: the page follows the answers as they are given."""

    def __init__(self, file: str, audience: str = "team",
                 today: Callable[[], date] = date.today):
        super().__init__(file, audience, today)
        self._lock = threading.Lock()  # held by the page's reader for one item at a time
        self._document: dict[str, Any] = {}
        self._focus: Any = None
        self._readable = False  # the interview is waiting at a prompt
        self._generation = 0  # one per question asked
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._follow, name="measurekit-answers",
                                        daemon=True)

    def start(self) -> None:
        self._thread.start()

    # --- the interview's side (interview/watch.py) ---------------------------------------

    def asking(self, document: dict[str, Any], focus: Any) -> None:
        with self._lock:
            self._document, self._focus = document, focus
            self._readable = True
            self._generation += 1
        self._wake.set()

    def answered(self) -> None:
        with self._lock:  # waits for the item being read, never for a whole render
            self._readable = False

    # --- the page's side -----------------------------------------------------------------

    def _guard(self, generation: int) -> Callable[[Callable[[], Any]], Any]:
        def guard(read: Callable[[], Any]) -> Any:
            with self._lock:
                if not self._readable or self._generation != generation:
                    raise Stale
                return read()

        return guard

    def _follow(self) -> None:
        while not self.stopped.is_set():
            if not self._wake.wait(0.2) or not self.looked_at():
                continue
            self._wake.clear()
            if self.stopped.wait(SETTLE) or self._wake.is_set():
                continue  # asked again meanwhile: settle on the newest question
            try:
                self.refresh()
            except Stale:
                continue  # answered meanwhile: the next question wakes the page again

    def refresh(self) -> None:
        guard = self._guard(self._generation)
        worksheet = from_answers(self._document, guard)
        focus = guard(lambda: self._focus)
        marks = guard(lambda: page.focus(focus.section, focus.kind, focus.item))
        now = guard(lambda: page.now_panel(focus.heading, focus.question, focus.item,
                                           self.audience))
        self.publish(blocks=tuple(self.render(worksheet)), focus=marks, now=now, banner="")
