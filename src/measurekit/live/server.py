"""The live page's server: GET only, on this computer unless told otherwise.

`/` is the page, `/live.css` and `/live.js` its style and script (files of this package:
the Content-Security-Policy allows nothing else, no inline script, no network), `/events`
the updates as server-sent events, and `/state` the same for a page that polls instead.
Every answer carries the policy. Bound to 127.0.0.1 it checks the Host header (so a
web page elsewhere cannot reach it by DNS rebinding); bound to another address, every
request must carry the random token of the printed address, or gets 403.

Example:
    server = serve(feed, port=0)            # a free port
    print(server.address)                   # http://127.0.0.1:PORT/
    threading.Thread(target=server.serve_forever).start()
"""

from __future__ import annotations

import hmac
import json
import secrets
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from ..reports.html import html_text
from .feed import Feed

LOOPBACK = "127.0.0.1"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
PAGE_CSP = CSP.rsplit(";", 1)[0]  # the page's own copy: frame-ancestors works in a header only
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
KEEP_ALIVE = 15.0  # seconds between comments on a quiet event stream (a gone page is noticed)
STATIC = {"/live.css": "text/css; charset=utf-8", "/live.js": "text/javascript; charset=utf-8"}


def _static(name: str) -> bytes:
    own = resources.files(__package__).joinpath(name.lstrip("/")).read_bytes()
    if name == "/live.css":  # the handout's style for its sections, then the projector's
        from ..reports import doing, html

        return (html.CSS + doing.CSS).encode() + b"\n" + own
    return own


class LiveServer(ThreadingHTTPServer):
    """The HTTP server of one live page."""

    daemon_threads = True  # a page left open never keeps measurekit from ending
    block_on_close = False

    def __init__(self, feed: Feed, host: str, port: int, token: str | None):
        self.feed, self.token = feed, token
        super().__init__((host, port), _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def address(self) -> str:
        """The page's address to print (with the token, where one is needed)."""
        host = str(self.server_address[0])
        shown = f"[{host}]" if ":" in host else host
        query = f"?t={quote(self.token)}" if self.token else ""
        return f"http://{shown}:{self.port}/{query}"

    def allowed_hosts(self) -> set[str]:
        return {f"{name}:{self.port}" for name in (LOOPBACK, "localhost", "[::1]")}

    def shutdown(self) -> None:
        self.feed.stop()  # the event streams end first, so serve_forever can return
        super().shutdown()


def serve(feed: Feed, host: str = LOOPBACK, port: int = 0) -> LiveServer:
    """A server for the feed's page; a host other than 127.0.0.1 gets a random token."""
    token = None if host == LOOPBACK else secrets.token_urlsafe(16)
    return LiveServer(feed, host, port, token)


class _Handler(BaseHTTPRequestHandler):
    server: LiveServer
    protocol_version = "HTTP/1.1"
    server_version = "measurekit"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is the interview's."""

    @property
    def _url(self) -> Any:  # one handler answers every request of a kept-alive connection
        return urlsplit(self.path)

    def _allowed(self) -> bool:
        if self.server.token is None:
            return self.headers.get("Host", "") in self.server.allowed_hosts()
        given = parse_qs(self._url.query).get("t", [""])[0]
        return hmac.compare_digest(given.encode(), self.server.token.encode())

    def _send(self, status: HTTPStatus, body: bytes = b"", kind: str = "text/plain; charset=utf-8",
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in {**HEADERS, "Content-Type": kind, **(extra or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _refuse(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"This page is read-only: GET only.\n",
                   extra={"Allow": "GET"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _refuse  # noqa: N815

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if not self._allowed():
            self._send(HTTPStatus.FORBIDDEN, b"Forbidden: use the address measurekit printed.\n")
            return
        route = self._url.path
        if route == "/":
            self._send(HTTPStatus.OK, self._page().encode(), "text/html; charset=utf-8")
        elif route in STATIC:
            self._send(HTTPStatus.OK, _static(route), STATIC[route])
        elif route == "/state":
            self._state()
        elif route == "/events":
            self._events()
        else:
            self._send(HTTPStatus.NOT_FOUND, b"Not found.\n")

    def _page(self) -> str:
        query = f"?t={quote(self.server.token)}" if self.server.token else ""
        title = html_text(self.server.feed.file)
        return (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="{PAGE_CSP}">'
            f"<title>{title} · measurekit live</title>"
            '<link rel="icon" href="data:,">'
            f'<link rel="stylesheet" href="/live.css{query}">'
            f'<script src="/live.js{query}" defer></script></head><body>'
            '<div id="banner" role="alert" hidden></div>'
            '<main id="blocks"><p class="waiting">Waiting for the worksheet…</p></main>'
            '<footer id="now" hidden></footer></body></html>'
        )

    def _state(self) -> None:
        feed = self.server.feed
        feed.viewing(0)
        try:
            since = int(parse_qs(self._url.query).get("since", ["-1"])[0])
        except ValueError:
            since = -1
        view = feed.wait(since, 0)
        if view.version <= since:
            self._send(HTTPStatus.NO_CONTENT)
            return
        self._send(HTTPStatus.OK, json.dumps(view.state()).encode(), "application/json")

    def _events(self) -> None:
        feed = self.server.feed
        self.send_response(HTTPStatus.OK)
        for name, value in {**HEADERS, "Content-Type": "text/event-stream"}.items():
            self.send_header(name, value)
        self.send_header("Connection", "close")  # a stream has no length: it ends the connection
        self.end_headers()
        self.close_connection = True
        sent: dict[str, str] = {}  # what this page has, so that only changed blocks go
        version = -1
        feed.viewing(+1)
        try:
            while not feed.stopped.is_set():
                view = feed.wait(version, KEEP_ALIVE)
                if view.version == version:
                    self.wfile.write(b": still here\n\n")
                else:
                    data = json.dumps(view.state(sent), separators=(",", ":"))
                    self.wfile.write(f"data: {data}\n\n".encode())
                    sent, version = dict(view.blocks), view.version
                self.wfile.flush()
        except OSError:  # the page was closed: the server goes on
            pass
        finally:
            feed.viewing(-1)
