"""« Code utilisateur oublié » and « Mot de passe oublié »: recovery by e-mail, from the sign-in page.

The answer is the same whether or not an account matches, so these pages cannot be used to learn who has
an account. A reset link carries a random token of which only a SHA-256 hash is stored; it serves once and
expires after ``RESET_LINK_MINUTES`` by the portal's clock.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import update

from reference_portal import clock, db, messages, security, variant
from reference_portal.forms import EMAIL_RE, Field, validate
from reference_portal.i18n import gettext
from reference_portal.mail import queue_mail
from reference_portal.models import Candidate, PasswordResetToken
from reference_portal.rules import implements
from reference_portal.rules import recovery as recovery_rules

bp = Blueprint("recovery", __name__)

MIN_PASSWORD_LENGTH = 10

USER_CODE_FIELDS = (
    Field("email", "Adresse email", kind="email", required=True, max_length=254, autocomplete="email"),
)
PASSWORD_FIELDS = (
    Field("identifier", "Code utilisateur ou adresse email", required=True, max_length=254, autocomplete="username"),
)
NEW_PASSWORD_FIELDS = (
    Field("password", "Nouveau mot de passe", kind="password", required=True, max_length=200,
          autocomplete="new-password"),
    Field("password_confirmation", "Confirmer le nouveau mot de passe", kind="password", required=True,
          max_length=200, autocomplete="new-password"),
)

# alt words these fields otherwise (the guide names the links « Code utilisateur oublié » and « Mot de passe
# oublié », not what their pages hold); the refusals name the field as the page labels it.
ALT_LABELS = {
    "email": "Adresse électronique du compte",
    "identifier": "Votre code utilisateur ou votre adresse électronique",
    "password": "Choisissez un mot de passe",
    "password_confirmation": "Saisissez-le à nouveau",
}


def _fields(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    if not variant.is_alt():
        return fields
    return tuple(replace(f, label=ALT_LABELS.get(f.name, f.label)) for f in fields)


@bp.route("/code-utilisateur-oublie", methods=["GET", "POST"])
@implements("REQ-REG-07", "REQ-REG-10")
def forgot_user_code() -> Any:
    fields = _fields(USER_CODE_FIELDS)
    if request.method == "GET":
        return _form("auth/forgot_user_code.html", fields, {}, {})
    result = validate(fields, request.form)
    if result.errors:
        errors = {name: messages.field_error(fields[0].label, messages.RECOVERY_EMAIL_HINT) for name in result.errors}
        return _form("auth/forgot_user_code.html", fields, result.raw, errors), 422
    email = result.values["email"]
    if (refusal := _throttle(email, "auth/forgot_user_code.html", fields, result.raw, "email")) is not None:
        return refusal
    found = recovery_rules.candidates_by_email(email)
    if found:
        body = messages.user_code_body(found[0].first_name, [c.user_code for c in found])
        queue_mail(email, gettext(messages.USER_CODE_SUBJECT), body)
        db.session().commit()
    return render_template("auth/recovery_sent.html", title="Code utilisateur oublié", message=messages.USER_CODE_SENT)


@bp.route("/mot-de-passe-oublie", methods=["GET", "POST"])
@implements("REQ-REG-08", "REQ-REG-10")
def forgot_password() -> Any:
    fields = _fields(PASSWORD_FIELDS)
    if request.method == "GET":
        return _form("auth/forgot_password.html", fields, {}, {})
    result = validate(fields, request.form)
    identifier = result.raw["identifier"]
    if result.errors or ("@" in identifier and not EMAIL_RE.match(identifier)):
        label = fields[0].label
        errors = {"identifier": messages.field_error(label, messages.RECOVERY_IDENTIFIER_HINT)}
        return _form("auth/forgot_password.html", fields, result.raw, errors), 422
    refusal = _throttle(identifier, "auth/forgot_password.html", fields, result.raw, "identifier")
    if refusal is not None:
        return refusal
    if "@" in identifier:
        for candidate in recovery_rules.candidates_by_email(identifier):
            recovery_rules.issue_reset_link(candidate, identifier, clock.now())
    else:
        candidate = recovery_rules.candidate_by_user_code(identifier)
        if candidate is not None:
            recovery_rules.issue_reset_link(candidate, recovery_rules.contact_address(candidate), clock.now())
    db.session().commit()  # the links and their mail together
    return render_template("auth/recovery_sent.html", title="Mot de passe oublié", message=messages.RESET_LINK_SENT)


def _throttle(target: str, template: str, fields: tuple[Field, ...], raw: dict[str, str], name: str) -> Any | None:
    """Counts this request (each may send mail); the refusal to show once there were too many, else None.
    The answer does not depend on whether an account matches."""
    if security.claim_attempt(security.recovery_limits(target)) is None:  # counted and checked at once
        errors = {name: messages.recovery_throttled(security.THROTTLE_MINUTES)}
        return _form(template, fields, raw, errors), 429
    return None


@bp.route("/mot-de-passe/nouveau/<token>", methods=["GET", "POST"])
@implements("REQ-REG-08", "REQ-REG-09")
def new_password(token: str) -> Any:
    stored, problem = recovery_rules.usable_token(token, clock.now())
    if stored is None:
        page = render_template(
            "refused.html",
            title="Lien non valable",
            message=problem,
            back_url=url_for("auth.recovery.forgot_password"),
            back_label="Mot de passe oublié",
        )
        return _no_referrer(page, 410)
    fields = _fields(NEW_PASSWORD_FIELDS)
    if request.method == "GET":
        return _no_referrer(_form("auth/new_password.html", fields, {}, {}, token=token), 200)
    result = validate(fields, request.form)
    errors = dict(result.errors)
    password = request.form.get("password", "")  # as typed: surrounding spaces belong to a password
    if "password" not in errors and len(password) < MIN_PASSWORD_LENGTH:
        errors["password"] = messages.field_error(fields[0].label, messages.PASSWORD_HINT)
    if "password_confirmation" not in errors and request.form.get("password_confirmation", "") != password:
        errors["password_confirmation"] = messages.field_error(fields[1].label, messages.PASSWORD_MISMATCH)
    if errors:
        page = _form("auth/new_password.html", fields, {}, errors, token=token)
        return _no_referrer(page, 422)
    session = db.session()
    now = clock.now()
    # Marked used only if still unused, so two submissions racing with one link change the password once.
    claimed = session.execute(
        update(PasswordResetToken)
        .where(PasswordResetToken.id == stored.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:
        session.rollback()
        return new_password(token)
    candidate = session.get(Candidate, stored.candidate_id)
    candidate.password_hash = security.hash_password(password)
    security.end_every_sign_in(candidate.id)  # whoever held the old password is signed out everywhere
    # Every other link still out for this account stops working too.
    session.execute(
        update(PasswordResetToken)
        .where(PasswordResetToken.candidate_id == candidate.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=now)
    )
    session.commit()
    security.sign_out()
    flash(messages.PASSWORD_CHANGED, "status")
    return redirect(url_for("auth.login"))


def _form(template: str, fields: tuple[Field, ...], raw: dict[str, str], errors: dict[str, str], **extra: Any) -> str:
    return render_template(template, fields=fields, raw=raw, errors=errors, **extra)


def _no_referrer(page: str, status: int) -> Any:
    """The token is in this page's URL: never send it to another site as a Referer."""
    response = current_app.make_response((page, status))
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
