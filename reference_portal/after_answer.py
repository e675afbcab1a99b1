"""Work that must run once the answer has gone out, whatever the client did with the connection.

A WSGI server runs such work when it closes the response (``Response.call_on_close``). Werkzeug's server,
which `serve` uses, skips that close when the client resets the connection while the server drains what is
left of the request (Chromium does, after a form POST answered by a redirect): the work would then never run.
So each piece of work is also kept in the request's environ, and the server's request handler runs what is
still pending when it is told the connection dropped (``run_pending``). Each runs exactly once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PENDING_KEY = "inspira.after_answer"


def after_answer(response: Any, environ: dict[str, Any], work: Callable[[], None]) -> None:
    """Runs ``work`` once, after the answer: when the response is closed, or when the connection dropped."""
    done = [False]

    def once() -> None:
        if not done[0]:
            done[0] = True
            work()

    response.call_on_close(once)
    environ.setdefault(PENDING_KEY, []).append(once)


def run_pending(environ: dict[str, Any] | None) -> None:
    """What ``after_answer`` registered for this request and has not run yet (the server skipped the close)."""
    for work in (environ or {}).pop(PENDING_KEY, []):
        work()
