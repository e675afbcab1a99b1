"""The portal for a production WSGI server, configured from the environment:

    INSPIRA_SECRET_KEY=… INSPIRA_DATABASE_URL=postgresql+psycopg://user@host/db \\
        gunicorn --workers 4 --bind 127.0.0.1:8000 'reference_portal.wsgi:app'

Several server processes share sessions only when they sign cookies with the same key, so the key is
required here (the embedded server makes one up because it is a single process), and so is
INSPIRA_PUBLIC_URL, the address people reach the portal at: links in mail start with it and requests naming
another host are refused (the server cannot know it). Other variables: INSPIRA_CONTROL_TOKEN (enables the
test-control API, for loopback peers only unless INSPIRA_ALLOW_REMOTE_CONTROL=1), INSPIRA_BEHIND_PROXY=1 (one
reverse proxy in front whose X-Forwarded-For/-Proto/-Host are believed), INSPIRA_SMTP (HOST:PORT),
INSPIRA_SESSION_TIMEOUT and INSPIRA_SESSION_WARNING (seconds).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from reference_portal import create_app
from reference_portal.config import ConfigurationError as PortalConfigurationError


class ConfigurationError(RuntimeError):
    """An environment variable is missing or malformed."""


def config_from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    secret = environ.get("INSPIRA_SECRET_KEY", "")
    if len(secret) < 16:
        raise ConfigurationError(
            "INSPIRA_SECRET_KEY must be set to a secret of at least 16 characters, the same for every server "
            "process (for example the output of: python3 -c 'import secrets; print(secrets.token_hex(32))')"
        )
    config: dict[str, Any] = {"SECRET_KEY": secret, "CONTROL_TOKEN": environ.get("INSPIRA_CONTROL_TOKEN") or None}
    if not environ.get("INSPIRA_PUBLIC_URL"):
        raise ConfigurationError(
            "INSPIRA_PUBLIC_URL must be set to the address people reach the portal at (for example "
            "https://portal.example): links in mail are built from it, never from a request's Host header"
        )
    config["PUBLIC_URL"] = environ["INSPIRA_PUBLIC_URL"]
    for variable, key in (("INSPIRA_BEHIND_PROXY", "BEHIND_PROXY"),
                          ("INSPIRA_ALLOW_REMOTE_CONTROL", "ALLOW_REMOTE_CONTROL")):
        value = environ.get(variable, "")
        if value not in ("", "0", "1"):
            raise ConfigurationError(f"{variable}={value!r}: expected 1 (on) or 0 (off)")
        config[key] = value == "1"
    if environ.get("INSPIRA_DATABASE_URL"):
        config["DATABASE_URL"] = environ["INSPIRA_DATABASE_URL"]
    if environ.get("INSPIRA_SMTP"):
        host, sep, port = environ["INSPIRA_SMTP"].rpartition(":")
        if not sep or not host or not port.isdigit():
            raise ConfigurationError(f"INSPIRA_SMTP={environ['INSPIRA_SMTP']!r}: expected HOST:PORT")
        config["SMTP_HOST"], config["SMTP_PORT"] = host, int(port)
    for variable, key in (("INSPIRA_SESSION_TIMEOUT", "SESSION_TIMEOUT_SECONDS"),
                          ("INSPIRA_SESSION_WARNING", "SESSION_WARNING_SECONDS")):
        if environ.get(variable):
            if not environ[variable].isdigit():
                raise ConfigurationError(f"{variable}={environ[variable]!r}: expected a number of seconds")
            config[key] = int(environ[variable])
    return config


def make_app(environ: Mapping[str, str] | None = None) -> Flask:
    try:
        return create_app(config_from_environment(os.environ if environ is None else environ))
    except PortalConfigurationError as exc:
        raise ConfigurationError(f"INSPIRA_PUBLIC_URL: {exc}") from None


def __getattr__(name: str) -> Any:
    """``reference_portal.wsgi:app`` is made when the server asks for it, not when the module is imported."""
    if name == "app":
        return make_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
