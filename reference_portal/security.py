"""Who is signed in, password hashing, and the inactivity timeout."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app, g, redirect, request, session, url_for

from reference_portal import clock, db
from reference_portal.models import Candidate

_hasher = PasswordHasher()
# Checked against when the user code is unknown, so both failures cost the same time.
_DUMMY_HASH = _hasher.hash("not a password of anyone")
# Requests that are not the person's activity: they neither renew the session nor count towards it.
_UNTIMED_ENDPOINTS = {"static", "health", "auth.session_status"}


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def sign_in(candidate: Candidate) -> None:
    session.clear()
    session["candidate_id"] = candidate.id
    session["last_activity"] = clock.now().timestamp()


def sign_out() -> None:
    session.clear()


def current_candidate() -> Candidate | None:
    if "candidate" not in g:
        candidate_id = session.get("candidate_id")
        g.candidate = db.session().get(Candidate, candidate_id) if candidate_id else None
    return g.candidate


def seconds_left() -> int:
    """Seconds of inactivity left before the session ends (0 when it has ended or nobody is signed in)."""
    if "candidate_id" not in session:
        return 0
    idle = clock.now().timestamp() - session.get("last_activity", 0.0)
    return max(0, round(current_app.config["SESSION_TIMEOUT_SECONDS"] - idle))


def session_timed_out() -> bool:
    if "candidate_id" not in session:
        return False
    idle = clock.now().timestamp() - session.get("last_activity", 0.0)
    return idle > current_app.config["SESSION_TIMEOUT_SECONDS"]


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_candidate() is None:
            return redirect(url_for("auth.login"))
        return view(*args, **kwargs)

    return wrapped


def init_app(app: Flask) -> None:
    @app.before_request
    def enforce_inactivity_timeout() -> Any:
        if request.endpoint in _UNTIMED_ENDPOINTS or (request.blueprint or "") == "control":
            return None
        if "candidate_id" not in session:
            return None
        if session_timed_out():
            session.clear()
            return redirect(url_for("auth.login", expire=1))
        session["last_activity"] = clock.now().timestamp()
        return None

    @app.context_processor
    def session_timing() -> dict[str, Any]:
        """What the in-page warning (static/session.js) needs; the server decides, the page only shows it."""
        timeout = app.config["SESSION_TIMEOUT_SECONDS"]
        return {
            "session_seconds_left": seconds_left,
            "session_timeout_seconds": timeout,
            "session_warning_seconds": app.config["SESSION_WARNING_SECONDS"],
        }
