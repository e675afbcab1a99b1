"""The inspira reference portal: a Flask application that does what the applicant guide describes."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from typing import Any

from flask import Flask, jsonify
from flask_wtf.csrf import CSRFProtect
from werkzeug.routing import IntegerConverter

from reference_portal.config import ConfigurationError, public_url, set_public_url
from reference_portal.rules import session as session_rules

__all__ = ["ConfigurationError", "create_app", "public_url", "set_public_url"]

__version__ = "0.1.0"
PORTAL_NAME = "inspira reference portal"

csrf = CSRFProtect()


def default_config(instance_path: str) -> dict[str, Any]:
    return {
        "DATABASE_URL": f"sqlite:///{os.path.join(instance_path, 'portal.sqlite3')}",
        "SECRET_KEY": None,
        "CONTROL_TOKEN": None,
        "SMTP_HOST": None,
        "SMTP_PORT": None,
        "MAIL_FROM": "ne-pas-repondre@inspira.example",
        "SERVICE_DESK_ADDRESS": "service-desk@inspira.example",  # where « Contactez-nous » sends
        "SESSION_TIMEOUT_SECONDS": session_rules.TIMEOUT_SECONDS,
        "SESSION_WARNING_SECONDS": session_rules.WARNING_SECONDS,
        "LOCALE": "fr",
        # "reference", or "alt": the second conforming portal, differing wherever the guide allows (variant.py).
        "VARIANT": "reference",
        "WTF_CSRF_ENABLED": True,
        # The CSRF token lives as long as the session; the inactivity timeout is what ends both.
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Absolute links in mail are built from this, never from the request's Host header; requests naming
        # another host are refused (TRUSTED_HOSTS, derived from it unless given). `serve` sets the bound address.
        "PUBLIC_URL": "http://localhost",
        "TRUSTED_HOSTS": None,
        # One reverse proxy in front whose X-Forwarded-* headers are believed (see security.init_app).
        "BEHIND_PROXY": False,
        # The control API answers only loopback peers unless this is set.
        "ALLOW_REMOTE_CONTROL": False,
        # True: the clock stands still unless the control API moves it (tests that must not count real seconds).
        "CLOCK_FROZEN": False,
    }


class _DatabaseInteger(IntegerConverter):
    regex = r"[0-9]{1,18}"  # what a 64-bit database integer holds: a longer one matches no route (404)


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.config.from_mapping(default_config(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = secrets.token_hex(32)
    set_public_url(app, app.config["PUBLIC_URL"], app.config["TRUSTED_HOSTS"])
    from reference_portal import i18n

    i18n.init_app(app)  # first: an unknown locale is refused before anything else is set up
    if app.config["DATABASE_URL"].startswith("sqlite:///") and "instance" in app.config["DATABASE_URL"]:
        os.makedirs(app.instance_path, exist_ok=True)

    # Identifiers in URLs stay within what the database stores (a larger one is simply not found, never an error).
    app.url_map.converters["int"] = _DatabaseInteger

    from reference_portal import clock, db, mail, security, variant
    from reference_portal.templating import init_templating

    db.init_app(app)
    clock.init_app(app)
    csrf.init_app(app)
    security.init_app(app)
    mail.init_app(app)
    init_templating(app)
    variant.init_app(app)

    from reference_portal import applications, auth, home, jobs, profile

    for blueprint in (auth.bp, home.bp, profile.bp, jobs.bp, applications.bp):
        variant.register(app, blueprint)
    from reference_portal import alerts, contact

    variant.register(app, alerts.bp)
    variant.register(app, contact.bp)
    from reference_portal import attachments, institutions

    institutions.init_app(app)
    attachments.init_app(app)
    if app.config["CONTROL_TOKEN"]:
        from reference_portal import control

        csrf.exempt(control.bp)
        app.register_blueprint(control.bp)

    @app.get("/health")
    def health() -> Any:
        return jsonify(status="ok", portal=PORTAL_NAME, version=__version__)

    return app
