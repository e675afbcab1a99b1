"""Who is signed in, password hashing, throttling of guesses, and the inactivity timeout."""

from __future__ import annotations

import functools
import hashlib
import secrets
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app, g, has_request_context, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import delete, func, select, text, update
from werkzeug.middleware.proxy_fix import ProxyFix

from reference_portal import clock, db, messages
from reference_portal.models import Candidate, SignIn, ThrottleEvent
from reference_portal.rules import implements
from reference_portal.rules import session as session_rules

_hasher = PasswordHasher()
# Checked against when the user code is unknown, so both failures cost the same time.
_DUMMY_HASH = _hasher.hash("not a password of anyone")
# Requests that are not the person's activity: they neither renew the session nor count towards it.
_UNTIMED_ENDPOINTS = {"static", "health", "auth.session_status"}


# Argon2id with argon2-cffi's defaults (RFC 9106's low-memory profile). Tests that create many accounts may set
# PASSWORD_HASHING="cheapest": the same algorithm at the lowest cost; verifying reads the cost from each hash.
_CHEAPEST = PasswordHasher.from_parameters(profiles.CHEAPEST)


def _current_hasher() -> PasswordHasher:
    return _CHEAPEST if current_app.config.get("PASSWORD_HASHING") == "cheapest" else _hasher


# Each Argon2id computation holds 64 MiB for its duration: at most this many at once per process, so a burst of
# registrations or sign-ins queues instead of taking the memory of all of them at once.
HASHING_AT_ONCE = 2
_hashing_slots = threading.BoundedSemaphore(HASHING_AT_ONCE)


def hash_password(password: str) -> str:
    with _hashing_slots:
        return _current_hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        with _hashing_slots:
            return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


# Throttling: at most this many events per key within THROTTLE_MINUTES (a sliding window, by the portal's
# clock). Counted in the database, not in memory, because the portal may run as several processes.
THROTTLE_MINUTES = 15
SIGN_IN_FAILURES_PER_USER_CODE = 5
SIGN_IN_FAILURES_PER_CLIENT = 30  # many user codes tried from one place; generous for offices behind one NAT
RECOVERY_REQUESTS_PER_TARGET = 3  # each sends mail: no mail-bombing of one address
RECOVERY_REQUESTS_PER_CLIENT = 20
REGISTRATIONS_PER_CLIENT = 20  # accounts made from one place (each costs a password hash); REGISTRATION_LIMIT overrides


def throttle_key(kind: str, value: str) -> str:
    """Only a hash is stored: the table must not become a list of user codes or addresses."""
    return kind + ":" + hashlib.sha256(value.strip().lower().encode("utf-8", "replace")).hexdigest()[:40]


def client_address() -> str:
    # The direct peer. Behind a reverse proxy, wrap the app in werkzeug's ProxyFix so this is the client's.
    return request.remote_addr or "unknown"


def sign_in_limits(user_code: str) -> dict[str, int]:
    return {
        throttle_key("sign-in:user-code", user_code): SIGN_IN_FAILURES_PER_USER_CODE,
        throttle_key("sign-in:client", client_address()): SIGN_IN_FAILURES_PER_CLIENT,
    }


def recovery_limits(target: str) -> dict[str, int]:
    return {
        throttle_key("recovery:target", target): RECOVERY_REQUESTS_PER_TARGET,
        throttle_key("recovery:client", client_address()): RECOVERY_REQUESTS_PER_CLIENT,
    }


def registration_limits() -> dict[str, int]:
    limit = current_app.config.get("REGISTRATION_LIMIT") or REGISTRATIONS_PER_CLIENT
    return {throttle_key("registration:client", client_address()): limit}


def _window_start():  # noqa: ANN202
    return clock.now() - timedelta(minutes=THROTTLE_MINUTES)


def claim_attempt(limits: dict[str, int]) -> list[int] | None:
    """Records one attempt against every key and counts, in one committed transaction, so that concurrent
    attempts cannot all pass a check made before any of them was recorded: the ids of this attempt's events,
    or None (nothing recorded) when a key had already reached its limit. Call before the costly check."""
    session = db.session()
    session.commit()  # a transaction of its own, begun by the lock below
    if session.get_bind().dialect.name == "postgresql":
        # Attempts on one key wait for each other (the lock ends with the transaction); in sorted order, so
        # two attempts on the same keys never deadlock.
        for key in sorted(limits):
            session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})
    # On SQLite the first write below takes the database's write lock until commit: the same effect.
    session.execute(delete(ThrottleEvent).where(ThrottleEvent.key.in_(limits), ThrottleEvent.at <= _window_start()))
    events = [ThrottleEvent(key=key, at=clock.now()) for key in limits]
    session.add_all(events)
    session.flush()
    counts = dict(
        session.execute(
            select(ThrottleEvent.key, func.count(ThrottleEvent.id))
            .where(ThrottleEvent.key.in_(limits), ThrottleEvent.at > _window_start())
            .group_by(ThrottleEvent.key)
        ).all()
    )
    if any(counts.get(key, 0) > limit for key, limit in limits.items()):
        session.rollback()
        return None
    session.commit()
    return [event.id for event in events]


def forget_attempt(event_ids: list[int]) -> None:
    """An attempt that succeeded does not count (the caller commits)."""
    db.session().execute(delete(ThrottleEvent).where(ThrottleEvent.id.in_(event_ids)))


def forget_events(key: str) -> None:
    db.session().execute(delete(ThrottleEvent).where(ThrottleEvent.key == key))


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_sign_in(candidate_id: int) -> dict[str, Any]:
    """Records a sign-in on the server (committed here); returns the session values that carry it."""
    key = secrets.token_urlsafe(32)
    # The account's ended sign-ins are of no more use: the table holds only those that may still be going on.
    db.session().execute(delete(SignIn).where(SignIn.candidate_id == candidate_id, SignIn.ended_at.is_not(None)))
    db.session().add(SignIn(key_digest=_digest(key), candidate_id=candidate_id, started_at=clock.now()))
    db.session().commit()
    return {"candidate_id": candidate_id, "sign_in": key, "last_activity": clock.now().timestamp()}


def sign_in(candidate: Candidate) -> None:
    """Signs the candidate in, in this browser's session cookie."""
    values = new_sign_in(candidate.id)
    session.clear()
    session.update(values)
    g.pop("candidate", None)


def session_cookie(values: dict[str, Any]) -> dict[str, Any]:
    """The session cookie a browser would hold for these values, as Playwright's add_cookies takes it (the
    caller gives the URL): signed with the portal's key, so the portal reads it as its own."""
    app = current_app
    serializer = app.session_interface.get_signing_serializer(app)
    if serializer is None:
        raise RuntimeError("the portal has no SECRET_KEY: it cannot sign a session cookie")
    return {
        "name": app.config["SESSION_COOKIE_NAME"],
        "value": serializer.dumps(values),
        "httpOnly": True,
        "secure": bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure,
        "sameSite": "Lax",
    }


def sign_out() -> None:
    """Ends this sign-in on the server (a copy of the cookie stops working too) and clears the cookie."""
    key = session.get("sign_in")
    if isinstance(key, str):
        _end_sign_ins(SignIn.key_digest == _digest(key))
        db.session().commit()
    session.clear()
    g.pop("candidate", None)


def end_every_sign_in(candidate_id: int) -> None:
    """A new password ends every sign-in of the account (the caller commits)."""
    _end_sign_ins(SignIn.candidate_id == candidate_id)


def _end_sign_ins(which: Any) -> None:
    db.session().execute(update(SignIn).where(which, SignIn.ended_at.is_(None)).values(ended_at=clock.now()))


def current_candidate() -> Candidate | None:
    """The signed-in candidate: the cookie's candidate, if its sign-in has not ended on the server."""
    if "candidate" not in g:
        candidate_id, key = session.get("candidate_id"), session.get("sign_in")
        candidate = None
        if isinstance(candidate_id, int) and isinstance(key, str):
            candidate = db.session().execute(
                select(Candidate).join(SignIn, SignIn.candidate_id == Candidate.id).where(
                    Candidate.id == candidate_id, SignIn.key_digest == _digest(key), SignIn.ended_at.is_(None)
                )
            ).scalar_one_or_none()
        if candidate is None and "candidate_id" in session:
            session.clear()  # a sign-in ended elsewhere (or a cookie from before sign-ins were recorded)
        g.candidate = candidate
    return g.candidate


def seconds_left() -> int:
    """Seconds of inactivity left before the session ends (0 when it has ended or nobody is signed in)."""
    if "candidate_id" not in session:
        return 0
    return session_rules.seconds_left(
        session.get("last_activity", 0.0), clock.now(), current_app.config["SESSION_TIMEOUT_SECONDS"]
    )


def session_timed_out() -> bool:
    if "candidate_id" not in session:
        return False
    return session_rules.timed_out(
        session.get("last_activity", 0.0), clock.now(), current_app.config["SESSION_TIMEOUT_SECONDS"]
    )


@implements("REQ-SEC-02")
def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_candidate() is None:
            return redirect(url_for("auth.login"))
        return view(*args, **kwargs)

    return wrapped


class _SessionInterface(SecureCookieSessionInterface):
    """The session cookie is marked Secure whenever the request came over HTTPS (directly, or through a proxy
    trusted with BEHIND_PROXY), besides always when SESSION_COOKIE_SECURE says so."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return super().get_cookie_secure(app) or (has_request_context() and request.is_secure)


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def init_app(app: Flask) -> None:
    app.session_interface = _SessionInterface()
    if app.config.get("BEHIND_PROXY"):
        # One reverse proxy in front (TLS terminated there): its X-Forwarded-Proto and -For are believed, so
        # cookies are Secure and throttling counts per client, not per proxy. Never set without such a proxy.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]

    @app.after_request
    def security_headers(response: Any) -> Any:
        """No script or style but the portal's own files, never framed, types not sniffed, and no page is kept
        by a cache (every page may show personal data or a session's form token)."""
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        if request.endpoint != "static" and "no-store" not in headers.get("Cache-Control", ""):
            headers["Cache-Control"] = "no-store"
        return response

    @app.before_request
    def refuse_nul_characters() -> Any:
        """A NUL belongs in no text, and PostgreSQL refuses to store or even compare one: refused here, once,
        for every query and form value (validated fields also refuse the other control characters)."""
        values = [*request.args.values(), *(request.form.values() if request.method != "GET" else ())]
        if request.is_json:
            try:
                values.extend(_strings(request.get_json(silent=True)))
            except (RecursionError, _TooDeep):  # the decoder's own recursion, or ours: no JSON we use nests so
                return _refused("the JSON body is nested too deeply", "Demande refusée", messages.REQUEST_TOO_NESTED)
        if not any("\x00" in value for value in values):
            return None
        return _refused("a value contains a NUL character", "Caractère refusé", messages.NUL_CHARACTER_REFUSED)

    def _refused(api_error: str, title: str, page_message: str) -> Any:
        if request.path.startswith("/__conformance__/"):  # the control API, matched route or not: JSON
            return {"error": api_error}, 400
        return render_template("refused.html", title=title, message=page_message), 400

    app.before_request(enforce_inactivity_timeout)

    @app.context_processor
    def session_timing() -> dict[str, Any]:
        """What the in-page warning (static/session.js) needs; the server decides, the page only shows it."""
        timeout = app.config["SESSION_TIMEOUT_SECONDS"]
        return {
            "session_seconds_left": seconds_left,
            "session_timeout_seconds": timeout,
            "session_warning_seconds": app.config["SESSION_WARNING_SECONDS"],
        }


@implements("REQ-SES-01")
def enforce_inactivity_timeout() -> Any:
    """Every request of the person's (not the page's own timer) ends a timed-out session, or renews it."""
    if request.endpoint in _UNTIMED_ENDPOINTS or (request.blueprint or "") == "control":
        return None
    if "candidate_id" not in session:
        return None
    if session_timed_out():
        sign_out()
        return redirect(url_for("auth.login", expire=1))
    session["last_activity"] = clock.now().timestamp()
    return None


JSON_MAX_DEPTH = 32  # the control API's deepest body nests 3 levels


class _TooDeep(ValueError):
    pass


def _strings(value: Any) -> Iterator[str]:
    """Every string of a decoded JSON document, keys included; walked without recursion, to a bounded depth."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > JSON_MAX_DEPTH:
            raise _TooDeep
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for key, child in item.items():
                yield key
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
