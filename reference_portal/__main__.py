"""``python -m reference_portal``: start the reference portal."""

from __future__ import annotations

import argparse
import os

from reference_portal import ConfigurationError
from reference_portal.control import is_loopback
from reference_portal.db import SchemaOutOfDate
from reference_portal.i18n import available_locales
from reference_portal.server import serve


def _smtp(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise argparse.ArgumentTypeError("expected HOST:PORT, for example 127.0.0.1:8025")
    return host, int(port)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m reference_portal", description="The inspira reference portal.")
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
    parser.add_argument("--session-timeout", type=int, default=1200, metavar="SECONDS")
    parser.add_argument("--session-warning", type=int, default=1080, metavar="SECONDS")
    args = parser.parse_args(argv)
    if args.control_token and not is_loopback(args.host) and not args.allow_remote_control:
        parser.exit(2, f"{parser.prog}: refusing to expose the control API on {args.host}: use a loopback address "
                    "or add --allow-remote-control\n")
    try:
        _serve(args)
    except (SchemaOutOfDate, ConfigurationError) as exc:
        raise SystemExit(f"python -m reference_portal: {exc}") from None


def _serve(args: argparse.Namespace) -> None:
    serve(
        args.host,
        args.port,
        database_url=args.database_url,
        control_token=args.control_token,
        smtp=args.smtp,
        locale=args.locale,
        session_timeout_seconds=args.session_timeout,
        session_warning_seconds=args.session_warning,
        public_url=args.public_url,
        behind_proxy=args.behind_proxy,
        allow_remote_control=args.allow_remote_control,
    )


if __name__ == "__main__":
    main()
