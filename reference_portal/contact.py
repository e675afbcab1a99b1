"""« Contactez-nous » (section 7 of the guide): a technical question sent to the Unite Service Desk by e-mail.

The form asks for what the guide says speeds up an answer: full name and user code (never the password:
there is no field for it), the opening's number (no CV: only an image can be attached), the steps followed
and a screenshot. It is open to everyone, signed in or not: a person who cannot sign in needs it most.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for

from reference_portal import mail, messages, variant
from reference_portal.forms import Field, validate
from reference_portal.rules import implements
from reference_portal.rules.registration import USER_CODE_RE
from reference_portal.security import current_candidate

bp = Blueprint("contact", __name__, url_prefix="/contactez-nous")

MAX_SCREENSHOT_BYTES = 1024 * 1024  # the screenshot must weigh less than 1 Mo
# What the file's first bytes must be (its name and declared type are only what the browser claims).
IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
)

FIELDS = (
    Field("full_name", "Nom complet", required=True, max_length=200, autocomplete="name"),
    Field("user_code", "Code utilisateur", required=True, max_length=30, autocomplete="username"),
    Field("email", "Adresse email", kind="email", required=True, max_length=254, autocomplete="email"),
    Field("opening_number", "Numéro de l'appel à candidature", max_length=200),
    Field("steps", "Étapes suivies", kind="textarea", max_length=5000),
    Field("message", "Message", kind="textarea", required=True, max_length=5000),
)
SCREENSHOT = Field("screenshot", "Capture d'écran")
# alt asks one more thing, mandatory, which the guide does not list: what the question is about.
ALT_SUBJECTS = (
    "Connexion ou compte",
    "Profil",
    "Dossier de candidature",
    "Pièces jointes",
    "Autre problème technique",
)
ALT_LABELS = {"opening_number": "Numéro de l'appel à candidature concerné", "steps": "Étapes jusqu'au problème"}
ALT_FIELDS = (
    *FIELDS[:3],
    Field("subject", "Objet de la demande", kind="select", required=True, choices=ALT_SUBJECTS,
          empty_choice="Sélectionnez un objet"),
    *(replace(f, label=ALT_LABELS.get(f.name, f.label)) for f in FIELDS[3:]),
)


def form_fields() -> tuple[Field, ...]:
    return ALT_FIELDS if variant.is_alt() else FIELDS


def image_type(content: bytes) -> tuple[str, str] | None:
    """(MIME type, extension) when the content is a PNG, JPEG, GIF or WebP image, else None."""
    for signature, mime_type, extension in IMAGE_SIGNATURES:
        if content.startswith(signature):
            return mime_type, extension
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp", "webp"
    return None


def read_screenshot(errors: dict[str, str]) -> tuple[str, str, bytes] | None:
    upload = request.files.get("screenshot")
    if upload is None or not upload.filename:
        return None
    content = upload.stream.read(MAX_SCREENSHOT_BYTES + 1)
    kind = image_type(content)
    if kind is None:
        errors["screenshot"] = messages.field_error(SCREENSHOT.label, messages.SCREENSHOT_TYPE)
        return None
    if len(content) >= MAX_SCREENSHOT_BYTES:
        errors["screenshot"] = messages.field_error(SCREENSHOT.label, messages.SCREENSHOT_SIZE)
        return None
    mime_type, extension = kind
    return f"capture-ecran.{extension}", mime_type, content


@implements("REQ-AID-02")
def mail_body(values: dict[str, Any], signed_in_as: str | None) -> str:
    lines = [
        "Demande d'assistance technique reçue par « Contactez-nous ».",
        "",
        f"Nom complet : {values['full_name']}",
        f"Code utilisateur : {values['user_code']}",
        f"Adresse email : {values['email']}",
        f"Numéro de l'appel à candidature : {values['opening_number'] or '(non précisé)'}",
        *([f"Objet : {values['subject']}"] if "subject" in values else []),
        f"Connecté(e) au moment de l'envoi : {signed_in_as or 'non'}",
        "",
        "Étapes suivies :",
        values["steps"] or "(non précisées)",
        "",
        "Message :",
        values["message"],
    ]
    return "\n".join(lines) + "\n"


def _prefill() -> dict[str, str]:
    candidate = current_candidate()
    if candidate is None:
        return {}
    profile = candidate.profile
    first = (profile.first_name if profile else None) or candidate.first_name
    last = (profile.last_name if profile else None) or candidate.last_name
    email = (profile.primary_email if profile else None) or candidate.email
    return {"full_name": f"{first} {last}", "user_code": candidate.user_code, "email": email}


@bp.route("", methods=["GET", "POST"])
@implements("REQ-AID-02", "REQ-AID-03", "REQ-AID-04")
def form() -> Any:
    if request.method == "GET":
        return _render(_prefill(), {})
    result = validate(form_fields(), request.form)
    errors = dict(result.errors)
    if "user_code" not in errors and result.values["user_code"] and not USER_CODE_RE.match(result.raw["user_code"]):
        errors["user_code"] = messages.field_error("Code utilisateur", messages.USER_CODE_HINT)
    screenshot = read_screenshot(errors)
    if errors:
        if screenshot is not None:
            errors["_screenshot"] = messages.SCREENSHOT_AGAIN
        return _render(result.raw, errors), 422
    candidate = current_candidate()
    values = result.values
    sent = mail.send_mail(
        current_app.config["SERVICE_DESK_ADDRESS"],
        messages.contact_subject(str(values["user_code"]), values["opening_number"]),  # type: ignore[arg-type]
        mail_body(values, candidate.user_code if candidate else None),
        reply_to=str(values["email"]),
        attachments=[screenshot] if screenshot else [],
    )
    if not sent:
        errors["_not_sent"] = messages.CONTACT_NOT_SENT
        if screenshot is not None:
            errors["_screenshot"] = messages.SCREENSHOT_AGAIN
        return _render(result.raw, errors), 503
    flash(messages.CONTACT_SENT.format(email=values["email"]), "status")
    return redirect(url_for("contact.sent"))


@bp.get("/envoye")
def sent() -> Any:
    if not session.get("_flashes"):  # nothing was just sent: there is nothing to confirm
        return redirect(url_for("contact.form"))
    return render_template("contact/sent.html")


def _render(raw: dict[str, str], errors: dict[str, str]) -> str:
    return render_template("contact/form.html", fields=form_fields(), screenshot=SCREENSHOT, raw=raw, errors=errors)
