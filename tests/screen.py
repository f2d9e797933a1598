"""What a person sees in the terminal: a pyte screen fed by a pexpect child.

pexpect matches the bytes the program writes; a prompt redrawn by prompt_toolkit is
full of cursor moves between its words. The screen is what is left once those are
played, so a test waits for the text a person would read, at 80x24.

Example:
    screen = Screen(child)
    screen.wait("Add another partner? (Y/n)")
"""

from __future__ import annotations

import time
from typing import Any

import pexpect
import pyte


class Screen:
    """The child's terminal, as shown: every byte pexpect reads is played on it."""

    def __init__(self, child: pexpect.spawn, rows: int = 24, columns: int = 80):
        self.child = child
        self.screen = pyte.HistoryScreen(columns, rows, history=100_000)
        self.stream = pyte.Stream(self.screen)
        self.previous = child.logfile_read
        child.logfile_read = self  # pexpect writes what it reads here

    # pexpect's logfile interface
    def write(self, data: str) -> None:
        self.stream.feed(data)
        if self.previous is not None:
            self.previous.write(data)

    def flush(self) -> None:
        pass

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def scrolled(self) -> int:
        """How many lines have gone up off the top of the screen so far."""
        return len(self.screen.history.top)

    def cursor_line(self) -> str:
        return self.screen.display[self.screen.cursor.y].rstrip()

    def question(self) -> str:
        """The last question on the screen (from its "? " line down), spaces normalised."""
        lines = [line.rstrip() for line in self.screen.display]
        start = max((n for n, line in enumerate(lines) if line.startswith("? ")), default=0)
        text = ""
        for line in lines[start:]:  # a line filled to the last column goes on in the next
            text += line + ("" if len(line) == self.screen.columns else " ")
        return " ".join(text.split())

    def ask(self, text: str, keys: str = "", timeout: float = 10) -> None:
        """Wait for a question that ends with `text` (its default shown), then type `keys`."""
        wanted = " ".join(text.split())
        self.wait(text, timeout, done=lambda: self.question().endswith(wanted))
        self.child.send(keys)

    def choose(self, text: str, keys: str = "", timeout: float = 10) -> None:
        """Wait for a list of choices under a question with `text`, then type `keys`."""
        wanted = " ".join(text.split())
        self.wait(text, timeout, done=lambda: wanted in self.question() and
                  "»" in self.question())
        self.child.send(keys)

    def wait(self, text: str, timeout: float = 10, done: Any = None) -> None:
        """Read until `text` is on the screen (or `done()`); a deadline, then a failure."""
        deadline = time.monotonic() + timeout
        done = done or (lambda: text in self.text())
        while not done():
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} never showed; the screen:\n{self.text()}")
            try:
                self.child.read_nonblocking(65536, timeout=min(left, 0.5))
            except pexpect.TIMEOUT:
                continue

    def line_with(self, text: str) -> str:
        return next((line for line in self.text().splitlines() if text in line), "")

