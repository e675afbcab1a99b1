"""How the portal is started: its public address, who may reach the control API, and the options of ``serve``.

``python -m reference_portal`` and ``inspira-conformance serve`` declare their options here, check the control
API's exposure here, then both call ``reference_portal.server.serve``: one path, one loopback check.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
from typing import Any
from urllib.parse import urlsplit

from reference_portal.rules import session as session_rules
from reference_portal.variant import VARIANTS


class ConfigurationError(ValueError):
    """A setting of the portal is malformed."""


class ControlExposed(ConfigurationError):
    """The control API would answer on a non-loopback address without --allow-remote-control."""


def is_loopback(host: str) -> bool:
    """Where the API may be served without --allow-remote-control: 127.0.0.0/8, ::1 or ``localhost``."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def refuse_exposed_control(host: str, control_token: str | None, allow_remote_control: bool) -> None:
    """Raises ControlExposed when the control API (enabled by a token) would listen beyond loopback unasked."""
    if control_token and not is_loopback(host) and not allow_remote_control:
        raise ControlExposed(
            f"refusing to expose the control API on {host}: use a loopback address or add --allow-remote-control"
        )


def set_public_url(app: Any, public_url: str, trusted_hosts: list[str] | None = None) -> None:
    """The address people reach the portal at: mail links start with it and only its host (or the given
    ``trusted_hosts``) may appear in a request's Host header."""
    parts = urlsplit(public_url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigurationError(f"public URL {public_url!r}: expected http(s)://HOST[:PORT][/PATH]")
    app.config["PUBLIC_URL"] = public_url.rstrip("/")
    app.config["TRUSTED_HOSTS"] = list(trusted_hosts) if trusted_hosts else [parts.hostname]


def public_url(endpoint: str, **values: Any) -> str:
    """An absolute link for mail: the configured public URL, then the route's path."""
    from flask import current_app, url_for

    return current_app.config["PUBLIC_URL"] + url_for(endpoint, **values)


def _smtp(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, for example 127.0.0.1:8025, got {value!r}")
    return host, int(port)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return int(value)


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of serving the portal, the same for ``python -m reference_portal`` and ``serve``."""
    from reference_portal.i18n import available_locales
    from reference_portal.security import REGISTRATIONS_PER_CLIENT, THROTTLE_MINUTES

    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000, help="0 picks a free port (printed when ready)")
    parser.add_argument("--database-url", help="any SQLAlchemy URL (default: SQLite in the instance folder)")
    parser.add_argument(
        "--control-token", default=os.environ.get("INSPIRA_CONTROL_TOKEN") or None,
        help="enables the test-control API with this bearer token (default: $INSPIRA_CONTROL_TOKEN, which other "
        "users of the machine cannot read in the process list)",
    )
    parser.add_argument(
        "--allow-remote-control", action="store_true", help="allow the control API on a non-loopback address"
    )
    parser.add_argument(
        "--public-url", default=os.environ.get("INSPIRA_PUBLIC_URL") or None, metavar="URL",
        help="where people reach the portal, for links in mail (default: $INSPIRA_PUBLIC_URL, else the bound address)",
    )
    parser.add_argument(
        "--behind-proxy", action="store_true", default=os.environ.get("INSPIRA_BEHIND_PROXY") == "1",
        help="one reverse proxy in front: believe its X-Forwarded-For/-Proto/-Host (default: $INSPIRA_BEHIND_PROXY=1)",
    )
    parser.add_argument("--smtp", type=_smtp, metavar="HOST:PORT", help="send mail through this SMTP server")
    parser.add_argument("--locale", default="fr", choices=available_locales(), help="the portal's language")
    parser.add_argument("--variant", default="reference", choices=VARIANTS,
                        help="alt: a second conforming portal that differs wherever the guide allows")
    parser.add_argument("--session-timeout", type=int, default=session_rules.TIMEOUT_SECONDS, metavar="SECONDS",
                        help=f"inactivity before a session ends (default: {session_rules.TIMEOUT_SECONDS})")
    parser.add_argument("--session-warning", type=int, default=session_rules.WARNING_SECONDS, metavar="SECONDS",
                        help=f"inactivity before the page warns (default: {session_rules.WARNING_SECONDS})")
    parser.add_argument("--registration-limit", type=_positive, default=None, metavar="N",
                        help=f"accounts one address may create per {THROTTLE_MINUTES} minutes (default: "
                             f"{REGISTRATIONS_PER_CLIENT}); more for a run registering every candidate in the pages")
    parser.add_argument("--password-hashing", choices=("standard", "cheapest"), default="standard",
                        help="Argon2id at argon2-cffi's default cost (default), or at its lowest: for a throwaway "
                             "portal whose accounts are made up and live for one run (the harness's embedded one)")


def serve_settings(args: argparse.Namespace) -> dict[str, Any]:
    """``reference_portal.server.serve``'s arguments from the parsed options; refuses an exposed control API."""
    refuse_exposed_control(args.host, args.control_token, args.allow_remote_control)
    return {
        "host": args.host,
        "port": args.port,
        "database_url": args.database_url,
        "control_token": args.control_token,
        "smtp": args.smtp,
        "locale": args.locale,
        "variant": args.variant,
        "session_timeout_seconds": args.session_timeout,
        "session_warning_seconds": args.session_warning,
        "public_url": args.public_url,
        "behind_proxy": args.behind_proxy,
        "allow_remote_control": args.allow_remote_control,
        "registration_limit": args.registration_limit,
        "password_hashing": args.password_hashing,
    }
