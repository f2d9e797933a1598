"""`show`, and the live page of `interview --show`: a page on this computer that follows
the worksheet, for the projector in the room (live/)."""

# No `from __future__ import annotations`: Typer reads these annotations at run time.
import os
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..core.errors import FileProblem, UsageProblem
from ..core.streams import Environment
from .app import say
from .options import Audience, AudienceOption, PathArgument

if TYPE_CHECKING:
    from ..live.feed import Feed
    from ..live.server import LiveServer

PortOption = Annotated[
    int,
    typer.Option("--port", min=0, max=65535, metavar="N",
                 help="The port to serve the page on; 0 picks a free one."),
]
HostOption = Annotated[
    str,
    typer.Option("--host", metavar="ADDRESS",
                 help="The address to listen on: 127.0.0.1 (this computer only), or "
                 "0.0.0.0 to let the phones in the room follow, with a secret address."),
]
NoOpenOption = Annotated[
    bool, typer.Option("--no-open", help="Print the address without opening a browser.")
]


def show(
    ctx: typer.Context,
    path: PathArgument,
    port: PortOption = 8765,
    host: HostOption = "127.0.0.1",
    no_open: NoOpenOption = False,
    audience: AudienceOption = Audience.team,
) -> None:
    """Show the worksheet on a live page, for a projector.

    The page follows the file: each time it is saved (by an interview, `record`, an
    editor, a `git pull`) the page updates itself within a second. It is read-only, made
    for the back of a room, and served on this computer only unless --host says
    otherwise. Ctrl-C stops it.

    Example: measurekit show worksheets/youth-justice.yaml --port 0
    """
    from ..core import store
    from ..live.feed import FileFeed

    store.load(path)  # a file that cannot be read is refused before anything is served
    feed = FileFeed(path, audience=audience.value)
    feed.start()
    with serving(ctx.obj, feed, host, port, no_open, path.name):
        say(ctx.obj, "Ctrl-C stops the page.", "dim")
        while not feed.stopped.wait(0.5):  # a wait with a timeout lets Ctrl-C through
            pass


@contextmanager
def serving(env: Environment, feed: "Feed", host: str, port: int, no_open: bool,
            name: str) -> Iterator["LiveServer"]:
    """A live page for `feed`, its address printed (and opened), stopped on leaving."""
    import gc

    from ..live.server import serve

    gc.enable()  # a page may be up for hours: its renders must not pile up
    try:
        server = serve(feed, host, port)
    except OSError as exc:
        if exc.errno in (98, 48):  # EADDRINUSE on Linux, macOS
            raise UsageProblem(f"port {port} is in use: give another with --port, "
                               "or --port 0 for any free one") from None
        raise FileProblem(f"{host}:{port}", f"cannot serve the page there ({exc.strerror})"
                          ) from None
    thread = threading.Thread(target=server.serve_forever, name="measurekit-page", daemon=True)
    thread.start()
    try:
        address = _reachable(server)
        print(address, flush=True)  # one line on stdout: a script can read it
        say(env, f"The live page of {name} is at that address.", "green")
        if server.token:
            _qr(env, address)
        if not no_open:
            _open(env, address)
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _reachable(server: "LiveServer") -> str:
    """The address to print: a wildcard host is shown as an address of this computer."""
    host = str(server.server_address[0])
    if host not in ("0.0.0.0", "::"):
        return server.address
    try:
        names = socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        names = []
    own = next((a for a in names if not a.startswith("127.")), socket.gethostname())
    return server.address.replace(f"//{host}:", f"//{own}:").replace(f"//[{host}]:", f"//{own}:")


def _qr(env: Environment, address: str) -> None:
    """The address as a QR code for the phones in the room."""
    import segno

    if env.stdout_isatty:
        segno.make(address, error="m").terminal(out=sys.stdout, compact=True)
    say(env, "Anyone with this address (and on this network) can see the page; "
        "no one without it can.", "yellow")


def _open(env: Environment, address: str) -> None:
    # On Linux without a display, webbrowser would start a text browser on this terminal.
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                 or os.environ.get("WAYLAND_DISPLAY")):
        say(env, "Open it in a browser (no display here to open one).", "dim")
        return
    import webbrowser

    if not webbrowser.open(address):
        say(env, "Open it in a browser.", "dim")


def watching(env: Environment, path: Path, host: str, port: int, no_open: bool,
             audience: str) -> Any:
    """For `interview --show`: the page of the interview's answers, and its watcher."""
    from ..live.feed import AnswersFeed

    feed = AnswersFeed(path.name, audience=audience)
    feed.start()
    return feed, serving(env, feed, host, port, no_open, path.name)
