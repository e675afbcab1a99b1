"""Runs the portal in a threaded WSGI server until SIGTERM or SIGINT."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from werkzeug.serving import WSGIRequestHandler, make_server

from reference_portal import create_app, mail
from reference_portal.after_answer import run_pending
from reference_portal.config import ConfigurationError, is_loopback, refuse_exposed_control, set_public_url
from reference_portal.rules import session as session_rules


class RequestHandler(WSGIRequestHandler):
    def version_string(self) -> str:
        return "inspira"  # the Server header names no software version to look vulnerabilities up by

    def connection_dropped(self, error: BaseException, environ: dict | None = None) -> None:
        """The client reset the connection: werkzeug then skips closing the response, so what was to run after
        the answer (the delivery of the mail an action queued) runs here instead."""
        run_pending(environ)


WILDCARD_HOSTS = {"0.0.0.0", "::", ""}


def serve(
    host: str,
    port: int,
    database_url: str | None = None,
    control_token: str | None = None,
    smtp: tuple[str, int] | None = None,
    locale: str = "fr",
    variant: str = "reference",
    session_timeout_seconds: int = session_rules.TIMEOUT_SECONDS,
    session_warning_seconds: int = session_rules.WARNING_SECONDS,
    public_url: str | None = None,
    behind_proxy: bool = False,
    allow_remote_control: bool = False,
    registration_limit: int | None = None,
    password_hashing: str = "standard",
) -> None:
    """``public_url``: where people reach the portal (mail links); by default the address it is bound to."""
    refuse_exposed_control(host, control_token, allow_remote_control)
    config: dict[str, object] = {
        "CONTROL_TOKEN": control_token,
        "BEHIND_PROXY": behind_proxy,
        "ALLOW_REMOTE_CONTROL": allow_remote_control,
        "LOCALE": locale,
        "VARIANT": variant,
        "SESSION_TIMEOUT_SECONDS": session_timeout_seconds,
        "SESSION_WARNING_SECONDS": session_warning_seconds,
    }
    if registration_limit:
        config["REGISTRATION_LIMIT"] = registration_limit
    if password_hashing != "standard":
        config["PASSWORD_HASHING"] = password_hashing
    if database_url:
        config["DATABASE_URL"] = database_url
    if smtp:
        config["SMTP_HOST"], config["SMTP_PORT"] = smtp
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if public_url:
        config["PUBLIC_URL"] = public_url
    elif host in WILDCARD_HOSTS:
        raise ConfigurationError(
            f"bound to {host}, the portal cannot tell which address its mail links should use: give --public-url"
        )
    app = create_app(config)
    server = make_server(host, port, app, threaded=True, request_handler=RequestHandler)
    bound_host, bound_port = server.server_address[:2]
    shown_host = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
    if not public_url:
        # Known only now (port 0 picks one): the bound address, reached by that name or, on loopback, localhost.
        names = [str(bound_host), *(["localhost"] if is_loopback(str(bound_host)) else [])]
        set_public_url(app, f"http://{shown_host}:{bound_port}", names)
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        if not stopping.is_set():
            stopping.set()
            # shutdown() waits for serve_forever() to return, so it must run on another thread.
            threading.Thread(target=server.shutdown, daemon=True).start()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    mail.start_background_sender(app, stopping)  # retries mail the outbox still holds (SMTP was down)
    print(f"inspira reference portal listening on http://{shown_host}:{bound_port}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
