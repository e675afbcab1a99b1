"""Registration (« Inscription immédiate »), login (« Connexion »), logout (« Déconnexion »), the session's
keep-alive (« Rester connecté ») and the cookie check of FAQ vi; account recovery lives in ``recovery``."""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy import select

from reference_portal import clock, db, messages, recovery, security, variant
from reference_portal.forms import Field, validate
from reference_portal.models import Candidate
from reference_portal.rules import implements, registration

bp = Blueprint("auth", __name__)
bp.register_blueprint(recovery.bp)

# Set by the sign-in page; its absence on the form's POST means the browser keeps no cookie (FAQ vi).
COOKIE_CHECK = "inspira_cookies"

USER_CODE_RE = registration.USER_CODE_RE
MIN_PASSWORD_LENGTH = registration.MIN_PASSWORD_LENGTH

REGISTRATION_FIELDS = (
    Field("first_name", "Prénom", required=True, max_length=100, autocomplete="given-name"),
    Field("last_name", "Nom", required=True, max_length=100, autocomplete="family-name"),
    Field("email", "Adresse email", kind="email", required=True, max_length=254, autocomplete="email"),
    Field("date_of_birth", "Date de naissance (jj/mm/aaaa)", kind="date_fr", required=True, placeholder="jj/mm/aaaa"),
    Field("user_code", "Code utilisateur", required=True, max_length=30, autocomplete="username"),
    Field("password", "Mot de passe", kind="password", required=True, max_length=200, autocomplete="new-password"),
    Field(
        "password_confirmation",
        "Confirmer le mot de passe",
        kind="password",
        required=True,
        max_length=200,
        autocomplete="new-password",
    ),
)
# alt issues the user code itself (the guide does not say who makes it): its form has no field for it, and
# whatever a request posts under that name is not read.
ISSUED_CODE_FIELDS = tuple(f for f in REGISTRATION_FIELDS if f.name != "user_code")
# An issued code: letters and digits a person reads back without confusing them (no 0/O, 1/I/L), after a prefix.
ISSUED_CODE_PREFIX = "IN"
ISSUED_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ISSUED_CODE_LENGTH = 6
ISSUED_CODE_TRIES = 5
# The session key under which the account-created page finds the code it shows, once.
ISSUED_CODE_KEY = "issued_user_code"
USER_CODE_NOT_ISSUED = "Aucun code utilisateur n'a pu être attribué pour le moment : réessayez dans un instant."
LOGIN_FIELDS = (
    Field("user_code", "Code utilisateur", required=True, autocomplete="username"),
    Field("password", "Mot de passe", kind="password", required=True, autocomplete="current-password"),
)
# alt's sign-in form words its fields otherwise (the guide names neither).
ALT_LOGIN_LABELS = {"user_code": "Votre code utilisateur", "password": "Votre mot de passe"}


def _login_fields() -> tuple[Field, ...]:
    if not variant.is_alt():
        return LOGIN_FIELDS
    return tuple(replace(f, label=ALT_LOGIN_LABELS[f.name]) for f in LOGIN_FIELDS)


@bp.route("/inscription", methods=["GET", "POST"])
@implements("REQ-REG-02", "REQ-REG-03", "REQ-REG-04", "REQ-REG-05", "REQ-REG-06")
def register() -> Any:
    issued = variant.is_alt()
    fields = ISSUED_CODE_FIELDS if issued else REGISTRATION_FIELDS
    if request.method == "GET":
        return render_template("auth/register.html", fields=fields, raw={}, errors={})
    result = validate(fields, request.form)
    raw, errors = result.raw, result.errors
    # Passwords are compared as typed: surrounding spaces are part of a password.
    password = request.form.get("password", "")
    born = None
    if "date_of_birth" not in errors:
        born, problem = registration.parse_date_of_birth(raw["date_of_birth"], clock.now().date())
        if problem:
            errors["date_of_birth"] = problem
    if not issued and "user_code" not in errors:
        if not USER_CODE_RE.match(raw["user_code"]):
            errors["user_code"] = messages.field_error("Code utilisateur", messages.USER_CODE_HINT)
        elif registration.user_code_taken(raw["user_code"]):
            errors["user_code"] = messages.field_error("Code utilisateur", messages.USER_CODE_TAKEN)
    if "password" not in errors and len(password) < MIN_PASSWORD_LENGTH:
        errors["password"] = messages.field_error("Mot de passe", messages.PASSWORD_HINT)
    if "password_confirmation" not in errors and request.form.get("password_confirmation", "") != password:
        errors["password_confirmation"] = messages.field_error("Confirmer le mot de passe", messages.PASSWORD_MISMATCH)
    if errors:
        raw.pop("password", None)
        raw.pop("password_confirmation", None)
        page = render_template("auth/register.html", fields=fields, raw=raw, errors=errors)
        return page, 422
    if security.claim_attempt(security.registration_limits()) is None:  # before the costly password hash
        raw.pop("password", None)
        raw.pop("password_confirmation", None)
        failure = messages.registration_throttled(security.THROTTLE_MINUTES)
        page = render_template("auth/register.html", fields=fields, raw=raw, errors={}, failure=failure)
        return page, 429
    if issued:
        return _register_with_issued_code(raw, password, born)
    candidate = registration.create_candidate(
        user_code=raw["user_code"],
        password=password,
        email=raw["email"],
        first_name=raw["first_name"],
        last_name=raw["last_name"],
        date_of_birth=born,
    )
    if candidate is None:  # another request took the code between the check and the insert
        errors["user_code"] = messages.field_error("Code utilisateur", messages.USER_CODE_TAKEN)
        raw.pop("password", None)
        raw.pop("password_confirmation", None)
        return render_template("auth/register.html", fields=REGISTRATION_FIELDS, raw=raw, errors=errors), 422
    security.sign_in(candidate)
    flash(messages.ACCOUNT_CREATED, "status")
    return redirect(url_for("home.dashboard"))


def _register_with_issued_code(raw: dict[str, str], password: str, born: Any) -> Any:
    """alt: the portal makes the user code, unique (a new one if another account has it), and shows it on a
    page of its own before the candidate signs in with it."""
    candidate = None
    for _ in range(ISSUED_CODE_TRIES):
        code = ISSUED_CODE_PREFIX + "".join(secrets.choice(ISSUED_CODE_ALPHABET) for _ in range(ISSUED_CODE_LENGTH))
        if registration.user_code_taken(code):
            continue
        candidate = registration.create_candidate(
            user_code=code,
            password=password,
            email=raw["email"],
            first_name=raw["first_name"],
            last_name=raw["last_name"],
            date_of_birth=born,
        )
        if candidate is not None:  # else another request took the code between the check and the insert
            break
    if candidate is None:
        return render_template("refused.html", title="Inscription immédiate", message=USER_CODE_NOT_ISSUED,
                               back_url=url_for("auth.register"), back_label="Inscription immédiate"), 503
    session[ISSUED_CODE_KEY] = candidate.user_code
    return redirect(url_for("auth.account_created"))


@bp.get("/inscription/compte-cree")
@implements("REQ-REG-04")
def account_created() -> Any:
    """alt's page after « Inscription »: the issued user code, once, and the way on to the sign-in form."""
    code = session.pop(ISSUED_CODE_KEY, None)
    if code is None or not variant.is_alt():
        return redirect(url_for("auth.login"))
    return render_template("auth/account_created.html", user_code=code)


@bp.route("/connexion", methods=["GET", "POST"])
@implements("REQ-REG-01", "REQ-REG-02", "REQ-REG-07", "REQ-REG-11", "REQ-SES-01")
def login() -> Any:
    if request.method == "GET":
        if security.current_candidate() is not None:
            return redirect(url_for("home.dashboard"))
        expired = request.args.get("expire") == "1"
        minutes = current_app.config["SESSION_TIMEOUT_SECONDS"] // 60
        notice = messages.session_expired(minutes) if expired else None
        page = render_template("auth/login.html", fields=_login_fields(), raw={}, errors={}, notice=notice)
        response = current_app.make_response(page)
        response.set_cookie(COOKIE_CHECK, "1", httponly=True, samesite="Lax", secure=request.is_secure)
        return response
    user_code = request.form.get("user_code", "").strip()
    password = request.form.get("password", "")
    limits = security.sign_in_limits(user_code)
    # Recorded before the password is looked at, so parallel guesses count each other.
    attempt = security.claim_attempt(limits)
    if attempt is None:
        # Refused without looking at the password, in the same words whether or not the user code exists.
        return _login_failure(user_code, messages.sign_in_throttled(security.THROTTLE_MINUTES), 429)
    candidate = db.session().execute(select(Candidate).where(Candidate.user_code == user_code)).scalar_one_or_none()
    db.session().commit()  # no database connection is held while the hash is computed (or waits its turn)
    if not security.verify_password(candidate.password_hash if candidate else None, password):
        return _login_failure(user_code, messages.BAD_CREDENTIALS, 401)  # the attempt stays counted
    security.forget_attempt(attempt)
    security.forget_events(next(iter(limits)))  # this user code's failures; the client's still count
    db.session().commit()
    security.sign_in(candidate)
    return redirect(url_for("home.dashboard"))


def _login_failure(user_code: str, failure: str, status: int) -> Any:
    page = render_template(
        "auth/login.html", fields=_login_fields(), raw={"user_code": user_code}, errors={}, failure=failure
    )
    return page, status


@implements("REQ-SES-05")
def _cookies_refused() -> Any:
    """The sign-in form came back without any cookie: say so rather than sign in and lose the session."""
    page = render_template(
        "auth/login.html",
        fields=_login_fields(),
        raw={"user_code": request.form.get("user_code", "").strip()},
        errors={},
        failure=messages.COOKIES_REFUSED,
    )
    return page, 400


@bp.errorhandler(CSRFError)
def csrf_refused(error: CSRFError) -> Any:
    # With no cookie at all the CSRF token cannot be checked; the person needs to hear about cookies.
    if request.endpoint == "auth.login" and not request.cookies:
        return _cookies_refused()
    return error


@bp.post("/session/prolonger")
@implements("REQ-SES-03")
def keep_alive() -> Any:
    """« Rester connecté »: the request itself renews the session (see security); answers the time left."""
    if security.current_candidate() is None:
        return jsonify(signed_in=False, seconds_left=0), 401
    return jsonify(signed_in=True, seconds_left=security.seconds_left())


@bp.get("/session/etat")
@implements("REQ-SES-04")
def session_status() -> Any:
    """Time left without renewing it (asked by the page when its own timer runs out)."""
    if security.session_timed_out():
        security.sign_out()
    return jsonify(signed_in=security.current_candidate() is not None, seconds_left=security.seconds_left())


@bp.post("/deconnexion")
def logout() -> Any:
    security.sign_out()
    return redirect(url_for("home.careers"))
