"""Runs the portal in a threaded WSGI server until SIGTERM or SIGINT."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from werkzeug.serving import make_server

from reference_portal import create_app, mail


def serve(
    host: str,
    port: int,
    database_url: str | None = None,
    control_token: str | None = None,
    smtp: tuple[str, int] | None = None,
    locale: str = "fr",
    session_timeout_seconds: int = 1200,
    session_warning_seconds: int = 1080,
) -> None:
    config: dict[str, object] = {
        "CONTROL_TOKEN": control_token,
        "LOCALE": locale,
        "SESSION_TIMEOUT_SECONDS": session_timeout_seconds,
        "SESSION_WARNING_SECONDS": session_warning_seconds,
    }
    if database_url:
        config["DATABASE_URL"] = database_url
    if smtp:
        config["SMTP_HOST"], config["SMTP_PORT"] = smtp
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(config)
    server = make_server(host, port, app, threaded=True)
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        if not stopping.is_set():
            stopping.set()
            # shutdown() waits for serve_forever() to return, so it must run on another thread.
            threading.Thread(target=server.shutdown, daemon=True).start()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    mail.start_background_sender(app, stopping)  # retries mail the outbox still holds (SMTP was down)
    bound_host, bound_port = server.server_address[:2]
    shown_host = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
    print(f"inspira reference portal listening on http://{shown_host}:{bound_port}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
