"""A real portal on 127.0.0.1 for race and transport tests: the threaded WSGI server of ``serve``, either in
this process (so a test can look inside) or as ``python -m reference_portal``; and requests released together."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from flask import Flask
from werkzeug.serving import make_server

from reference_portal.server import RequestHandler

T = TypeVar("T")
RACE_TIMEOUT_S = 60.0  # a bound on the whole race, never an expectation of speed


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """Serves ``app`` on a free loopback port in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=RequestHandler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    app.config.update(PUBLIC_URL=base, TRUSTED_HOSTS=["127.0.0.1", "localhost"])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def portal_process(*args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """``python -m reference_portal --port 0 ARGS``; yields the base URL it prints."""
    command = [sys.executable, "-m", "reference_portal", "--host", "127.0.0.1", "--port", "0", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        line = process.stdout.readline()
        assert "listening on http://" in line, line + process.stdout.read()
        yield line.rsplit(" ", 1)[1].strip()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=15)


def released_together(count: int, call: Callable[[int], T]) -> list[T]:
    """Runs ``call(i)`` in ``count`` threads that all start at once (a barrier), bounded in time."""
    barrier = threading.Barrier(count, timeout=RACE_TIMEOUT_S)

    def racer(index: int) -> Any:
        barrier.wait()
        return call(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(racer, index) for index in range(count)]
        return [future.result(timeout=RACE_TIMEOUT_S) for future in futures]
