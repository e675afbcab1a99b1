"""The test-control API (``/__conformance__/v1/``), specified in ``openapi.yaml``.

It lets a test harness arrange what a browser cannot: reset the data, create candidates and openings,
read what was stored, move the clock. It is registered only when the portal is started with a token, and
every call must carry that token as a bearer token.
"""

from __future__ import annotations

import hmac
import re
import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import Blueprint, current_app, jsonify, request, url_for
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from reference_portal import clock, db, mail, security
from reference_portal.config import is_loopback
from reference_portal.forms import EMAIL_RE, validate
from reference_portal.models import (
    OPENING_STATES,
    OPENING_TYPES,
    Application,
    Attachment,
    Base,
    Candidate,
    JobOpening,
    PrescreeningQuestion,
    RosterMembership,
)
from reference_portal.rules import alerts as alert_rules
from reference_portal.rules import attachments as attachment_rules
from reference_portal.rules import drafts, lookups, sections, statuses, submission
from reference_portal.rules import openings as opening_rules
from reference_portal.rules.profile import completion
from reference_portal.rules.registration import USER_CODE_RE, create_candidate, user_code_taken
from reference_portal.rules.sections import as_json
from reference_portal.rules.statuses import Status

bp = Blueprint("control", __name__, url_prefix="/__conformance__/v1")

COMPLETE_PROFILE = {
    "phone": "+33 1 23 45 67 89",
    "address": "12 rue de la Paix",
    "city": "Paris",
    "country": "France",
    "postal_code": "75002",
    "marital_status": "Célibataire",
    "dependent_children": 0,
    "nationality": "France",
    "residence_country": "France",
}
OPENING_TEXT_FIELDS = ("title", "number", "level", "job_family", "job_network", "duty_station", "department",
                       "description")
FIRST_JOB_ID = 200000


class BadRequest(Exception):
    pass


def _error(status: int, message: str) -> Any:
    return jsonify(error=message), status


@bp.errorhandler(BadRequest)
def bad_request(exc: BadRequest) -> Any:
    return _error(400, str(exc))


@bp.errorhandler(404)
def not_found(exc: Exception) -> Any:
    return _error(404, "not found")


@bp.errorhandler(405)
def not_allowed(exc: Exception) -> Any:
    return _error(405, "method not allowed")


@bp.app_errorhandler(404)
@bp.app_errorhandler(405)
def unmatched_under_prefix(exc: Any) -> Any:
    """A URL under the API's prefix that matches no route (``/candidates/abc/applications``) is still the
    API's: answered in JSON as specified, not with the portal's HTML page."""
    if request.path.startswith(f"{bp.url_prefix}/"):
        return _error(exc.code, "not found" if exc.code == 404 else "method not allowed")
    return exc


@bp.before_request
def check_token() -> Any:
    # The peer is checked here, not only at start-up: under a WSGI server bound to any address, or a proxy,
    # the API still answers loopback clients only unless remote control was allowed explicitly.
    if not current_app.config.get("ALLOW_REMOTE_CONTROL") and not is_loopback(request.remote_addr or ""):
        return _error(403, "the control API answers loopback clients only (remote control is not allowed)")
    expected = current_app.config["CONTROL_TOKEN"] or ""
    header = request.headers.get("Authorization", "")
    given = header[7:] if header.startswith("Bearer ") else ""
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        return _error(401, "missing or wrong bearer token")
    return None


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if body is None and not request.get_data():
        return {}
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    return body


def _is_id(value: Any) -> bool:
    """An integer a database row can have as its ID (not a boolean, not beyond 64 bits)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63


def _string(body: dict[str, Any], key: str, max_length: int = 200) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > max_length:
        raise BadRequest(f"{key} must be a non-empty string of at most {max_length} characters")
    return value.strip()


def _datetime(body: dict[str, Any], key: str) -> datetime | None:
    value = body.get(key)
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(f"{key} must be an ISO 8601 date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@bp.post("/reset")
def reset() -> Any:
    session = db.session()
    for table in reversed(Base.metadata.sorted_tables):
        session.execute(table.delete())
    session.commit()
    clock.hold_if_configured()
    return "", 204


@bp.post("/candidates")
def create_candidate_endpoint() -> Any:
    body = _body()
    profile_state = body.get("profile", "empty")
    if profile_state not in ("empty", "complete"):
        raise BadRequest("profile must be 'empty' or 'complete'")
    suffix = secrets.token_hex(4)
    user_code = _string(body, "user_code", 30) or f"cand{suffix}"
    if not USER_CODE_RE.match(user_code):
        raise BadRequest("user_code must be 4 to 30 letters, digits, '.', '_' or '-'")
    password = body.get("password") or secrets.token_urlsafe(12)
    if not isinstance(password, str) or len(password) < 10:
        raise BadRequest("password must be a string of at least 10 characters")
    email = _string(body, "email", 254) or f"{user_code.lower()}@exemple.org"
    if not EMAIL_RE.match(email):
        raise BadRequest("email is not a valid e-mail address")
    first_name = _string(body, "first_name", 100) or "Camille"
    last_name = _string(body, "last_name", 100) or f"Martin-{suffix}"
    try:
        born = date.fromisoformat(body["date_of_birth"]) if body.get("date_of_birth") else date(1990, 5, 14)
    except (TypeError, ValueError):
        raise BadRequest("date_of_birth must be a date YYYY-MM-DD") from None
    if user_code_taken(user_code):
        return _error(409, "user_code is already taken")
    candidate = create_candidate(
        user_code=user_code,
        password=password,
        email=email,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=born,
    )
    if candidate is None:
        return _error(409, "user_code is already taken")
    if profile_state == "complete":
        for key, value in COMPLETE_PROFILE.items():
            setattr(candidate.profile, key, value)
        db.session().commit()
    return jsonify(
        id=candidate.id,
        user_code=user_code,
        password=password,
        email=email,
        first_name=first_name,
        last_name=last_name,
        profile_completion=completion(candidate.profile),
    ), 201


def _opening_json(opening: JobOpening) -> dict[str, Any]:
    return {
        "id": opening.job_id,
        "number": opening.number,
        "title": opening.title,
        "level": opening.level,
        "job_family": opening.job_family,
        "job_network": opening.job_network,
        "duty_station": opening.duty_station,
        "department": opening.department,
        "description": opening.description,
        "opening_type": opening.opening_type,
        "state": opening.state,
        "posted_at": _iso(opening.posted_at),
        "deadline": _iso(opening.deadline),
        "prescreening_questions": [q.text for q in opening.questions],
    }


def _apply_opening_fields(opening: JobOpening, body: dict[str, Any]) -> None:
    for key in OPENING_TEXT_FIELDS:
        value = _string(body, key, 20000 if key == "description" else 200)
        if value is not None:
            setattr(opening, key, value)
    if "opening_type" in body:
        if body["opening_type"] not in OPENING_TYPES:
            raise BadRequest(f"opening_type must be one of {', '.join(OPENING_TYPES)}")
        opening.opening_type = body["opening_type"]
    if "state" in body:
        if body["state"] not in OPENING_STATES:
            raise BadRequest(f"state must be one of {', '.join(OPENING_STATES)}")
        opening.state = body["state"]
    for key in ("posted_at", "deadline"):
        moment = _closing_moment(body.get(key)) if key == "deadline" else None
        moment = moment or _datetime(body, key)
        if moment is not None:
            setattr(opening, key, moment)
    if "prescreening_questions" in body:
        questions = body["prescreening_questions"]
        if not isinstance(questions, list) or not all(isinstance(q, str) and q.strip() for q in questions):
            raise BadRequest("prescreening_questions must be a list of non-empty strings")
        opening.questions = [PrescreeningQuestion(text=q.strip(), position=i) for i, q in enumerate(questions)]


def _closing_moment(value: Any) -> datetime | None:
    """A closing date alone (``2026-05-31``) means 23:59 New York time on that date; None for anything else."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return opening_rules.deadline_for(date.fromisoformat(value))
    except ValueError:
        raise BadRequest("deadline must be a date YYYY-MM-DD or an ISO 8601 date-time") from None


def _job_id_from_number(number: str | None) -> int | None:
    """The numeric job ID inside a number like ``26-Information Technology-ITECNET-250123-R-New York (R)``."""
    match = re.search(r"-(\d{3,9})-R-", number or "")
    return int(match[1]) if match else None


@bp.post("/openings")
def create_opening() -> Any:
    body = _body()
    if _string(body, "title") is None:
        raise BadRequest("title is required")
    session = db.session()
    now = clock.now()
    job_id = _job_id_from_number(_string(body, "number"))
    if job_id is None:
        highest = session.execute(select(func.max(JobOpening.job_id))).scalar_one()
        job_id = max(FIRST_JOB_ID, (highest or 0) + 1)
    if session.get(JobOpening, job_id) is not None:
        return _error(409, f"an opening with job ID {job_id} already exists")
    opening = JobOpening(
        job_id=job_id,
        level="P-3",
        job_family="Information Technology",
        job_network="ITECNET",
        duty_station="New York",
        department="Bureau de l'informatique et des communications",
        description="Description de l'appel à candidature.",
        opening_type="standard",
        state="open",
        posted_at=now,
        deadline=opening_rules.deadline_for((now.astimezone(clock.NEW_YORK) + timedelta(days=30)).date()),
    )
    _apply_opening_fields(opening, body)
    if not opening.number:
        opening.number = (
            f"{now:%y}-{opening.job_family}-{opening.job_network}-{job_id}-R-{opening.duty_station} (R)"
        )
    session.add(opening)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return _error(409, "an opening with this number or job ID already exists")
    return jsonify(_opening_json(opening)), 201


@bp.patch("/openings/<int:job_id>")
def update_opening(job_id: int) -> Any:
    body = _body()
    session = db.session()
    opening = session.get(JobOpening, job_id)
    if opening is None:
        return _error(404, f"no opening with id {job_id}")
    if "number" in body and _job_id_from_number(body["number"]) not in (None, job_id):
        raise BadRequest("number must keep the opening's job ID")
    _apply_opening_fields(opening, body)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return _error(409, "an opening with this number already exists")
    return jsonify(_opening_json(opening)), 200


@bp.post("/openings/<int:job_id>/publish")
def publish_opening(job_id: int) -> Any:
    """Publishes the opening now (its posting date becomes the clock's now) and sends the matching job alerts."""
    session = db.session()
    opening = session.get(JobOpening, job_id)
    if opening is None:
        return _error(404, f"no opening with id {job_id}")
    opening.posted_at = clock.now()
    queued = alert_rules.send_job_alerts(opening)
    # The contract: the alerts have left when the call answers, so a scenario may prove that none was sent for
    # an opening by looking at the mail sink right after (not by the order in which alerts happen to arrive).
    mail.hold(queued)
    session.commit()  # the publication and its alerts together: no alert for an opening left unpublished
    mail.deliver_held(queued)
    return jsonify({**_opening_json(opening), "alerts_sent": len(queued)}), 200


@bp.post("/candidates/<int:candidate_id>/sign-in")
def sign_in_candidate(candidate_id: int) -> Any:
    """A sign-in for a browser, as the login form would give one: the session cookie to add to a browser
    context, and the page the form lands on. Scenarios not about signing in skip the form this way."""
    if db.session().get(Candidate, candidate_id) is None:
        return _error(404, f"no candidate with id {candidate_id}")
    cookie = security.session_cookie(security.new_sign_in(candidate_id))
    return jsonify(cookies=[cookie], landing=url_for("home.dashboard")), 201


@bp.get("/candidates/<int:candidate_id>/applications")
def candidate_applications(candidate_id: int) -> Any:
    session = db.session()
    if session.get(Candidate, candidate_id) is None:
        return _error(404, f"no candidate with id {candidate_id}")
    applications = session.execute(
        select(Application).where(Application.candidate_id == candidate_id).order_by(Application.id)
    ).scalars()
    return jsonify(
        applications=[
            {
                "id": a.id,
                "opening_id": a.opening_id,
                "status": a.status,
                "created_at": _iso(a.created_at),
                "submitted_at": _iso(a.submitted_at),
                "origin": a.origin,
                "sections": as_json(a),
            }
            for a in applications
        ]
    )


@bp.post("/rosters")
def add_to_roster() -> Any:
    body = _body()
    candidate_id = body.get("candidate_id")
    if not _is_id(candidate_id):
        raise BadRequest("candidate_id must be an integer")
    level, job_family = _string(body, "level", 10), _string(body, "job_family", 100)
    if level is None or job_family is None:
        raise BadRequest("level and job_family are required")
    session = db.session()
    if session.get(Candidate, candidate_id) is None:
        return _error(404, f"no candidate with id {candidate_id}")
    membership = {"candidate_id": candidate_id, "level": level, "job_family": job_family}
    session.add(RosterMembership(**membership))
    try:
        session.commit()
    except IntegrityError:  # already on this roster: nothing changes
        session.rollback()
        return jsonify(membership), 200
    return jsonify(membership), 201


@bp.patch("/applications/<int:application_id>")
def update_application(application_id: int) -> Any:
    status = _body().get("status")
    if status not in statuses.RECRUITER_SET:
        raise BadRequest(f"status must be one of {', '.join(statuses.RECRUITER_SET)}")
    session = db.session()
    application = session.get(Application, application_id)
    if application is None:
        return _error(404, f"no application with id {application_id}")
    if application.status in (Status.DRAFT, Status.WITHDRAWN):
        return _error(409, f"the application is {application.status!r}: only a submitted one gets a recruiter's status")
    application.status = Status(status)
    session.commit()
    return jsonify(id=application.id, opening_id=application.opening_id, status=application.status), 200


@bp.post("/candidates/<int:candidate_id>/applications")
def store_application(candidate_id: int) -> Any:
    """Stores an application as the candidate would have left it: a draft, or submitted (« Postulé »)."""
    body = _body()
    session = db.session()
    if session.get(Candidate, candidate_id) is None:
        return _error(404, f"no candidate with id {candidate_id}")
    opening_id = body.get("opening_id")
    if opening_id is not None and not _is_id(opening_id):
        raise BadRequest("opening_id must be an integer")
    if opening_id is not None and session.get(JobOpening, opening_id) is None:
        return _error(404, f"no opening with id {opening_id}")
    payload = body.get("sections") or {}
    if not isinstance(payload, dict):
        raise BadRequest("sections must be an object")
    status = body.get("status", Status.DRAFT)
    application = drafts.stored_application(candidate_id, opening_id, status, payload, clock.now())
    if isinstance(application, str):
        raise BadRequest(application)
    session.add(application)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return _error(409, "this candidate already has an application for this opening")
    return _application_json(application), 201


def _application_json(application: Application) -> Any:
    return jsonify(
        id=application.id,
        opening_id=application.opening_id,
        status=application.status,
        created_at=_iso(application.created_at),
        submitted_at=_iso(application.submitted_at),
        sections=as_json(application),
    )


@bp.post("/candidates/<int:candidate_id>/applications/submit")
def submit_application(candidate_id: int) -> Any:
    """Submits an application to an opening as the candidate would through « Postuler », the 8 steps and
    « Certifier et soumettre »: every mandatory field filled (the pre-screening questions answered), then the
    page's own submit rule and confirmation e-mail. For scenarios where a submitted application is only a
    precondition (capability submit_application); submitting itself is checked through the pages."""
    body = _body()
    session = db.session()
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        return _error(404, f"no candidate with id {candidate_id}")
    opening_id = body.get("opening_id")
    if not _is_id(opening_id):
        raise BadRequest("opening_id must be an integer")
    if session.get(JobOpening, opening_id) is None:
        return _error(404, f"no opening with id {opening_id}")
    application = drafts.stored_application(candidate_id, opening_id, Status.DRAFT, {}, clock.now())
    session.add(application)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        return _error(409, "this candidate already has an application for this opening")
    _fill_mandatory_fields(application)
    blockers = submission.submission_blockers(application, candidate) or submission.record_submission(
        application, candidate
    )
    if blockers:
        session.rollback()
        return jsonify(error="the application cannot be submitted", blockers=blockers), 409
    session.commit()
    session.refresh(application)
    return _application_json(application), 201


def _fill_mandatory_fields(application: Application) -> None:
    """Every mandatory field of every section given a valid value, checked as the pages check it."""
    year = clock.now().year
    for section in sections.SECTIONS:
        required = tuple(f for f in sections.fields_of(section, application) if f.required)
        typed = {f.name: _sample_value(f, year) for f in required}
        checked = validate(required, typed, current_year=year)
        lookups.check_lookups(required, checked)
        if not checked.ok:  # the portal's own sample values: a mistake here is the portal's, never the caller's
            raise RuntimeError(f"sample values refused in {section.key}: {checked.errors}")
        sections.store(section, application, checked.values)


def _sample_value(field: Any, year: int) -> str:
    if field.kind == "lookup":
        found, _ = lookups.LISTS[field.lookup].search("begins", "", 1)
        return found[0].name
    samples = {
        "select": field.choices[0] if field.choices else "",
        "email": "reference@exemple.org",
        "tel": "+41 22 917 12 34",
        "integer": str(field.minimum if field.minimum is not None else 1),
        "year": str(year - 5),
        "month_year": f"01/{year - 5}",
        "date_fr": f"01/01/{year - 30}",
    }
    return samples.get(field.kind, "Renseigné pour la soumission")


@bp.get("/candidates/<int:candidate_id>/attachments")
def candidate_attachments(candidate_id: int) -> Any:
    """The recruiters' view of a candidate's files: « Mes pièces jointes » and those joined to applications."""
    session = db.session()
    if session.get(Candidate, candidate_id) is None:
        return _error(404, f"no candidate with id {candidate_id}")
    found = session.execute(
        select(Attachment).where(Attachment.candidate_id == candidate_id).order_by(Attachment.id)
    ).scalars()
    return jsonify(attachments=[_attachment_json(a) for a in found])


def _attachment_json(attachment: Attachment) -> dict[str, Any]:
    """What a recruiter sees of one attachment."""
    return {
        "id": attachment.id,
        "filename": attachment.filename,
        "size": attachment.size,
        "application_id": attachment.application_id,
        "created_at": _iso(attachment.created_at),
        "visible_to_recruiters": attachment_rules.visible_to_recruiters(attachment),
    }


def _list_fields() -> dict[str, Any]:
    """``section.field`` → the field, for every field whose value must come from one of the portal's lists."""
    return {f"{s.key}.{f.name}": f for s in sections.SECTIONS for f in s.fields if f.kind in ("lookup", "select")}


@bp.get("/lookup-values")
def lookup_values() -> Any:
    """The values a list field accepts (a look-up's list, a drop-down's choices), so a caller storing an
    application through this API sends the portal's own values, not another portal's."""
    from reference_portal.rules.lookups import LISTS, normalize

    fields = _list_fields()
    name = request.args.get("field", "")
    if name not in fields:
        raise BadRequest(f"field must be one of {', '.join(fields)}")
    raw_limit = request.args.get("limit", "20")
    if not re.fullmatch(r"[0-9]{1,3}", raw_limit) or not 1 <= int(raw_limit) <= 100:
        raise BadRequest("limit must be a whole number from 1 to 100")
    limit, contains = int(raw_limit), request.args.get("contains", "")
    if len(contains) > 200:
        raise BadRequest("contains must be at most 200 characters")
    field = fields[name]
    if field.kind == "select":
        found = [c for c in field.choices if normalize(contains) in normalize(c)]
        values, total = found[:limit], len(found)
    else:
        choices, total = LISTS[field.lookup].search("contains", contains, limit)
        values = [c.name for c in choices]
    return jsonify(field=name, values=values, total=total)


def _clock_json() -> Any:
    return jsonify(now=_iso(clock.now()), offset_seconds=clock.offset_seconds(), frozen=clock.is_frozen())


@bp.get("/clock")
def read_clock() -> Any:
    return _clock_json()


@bp.post("/clock")
def move_clock() -> Any:
    seconds = _body().get("advance_seconds")
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 < seconds <= 10 * 365 * 86400:
        raise BadRequest("advance_seconds must be a number greater than 0 (at most ten years)")
    clock.advance(float(seconds))
    return _clock_json()


@bp.post("/clock/freeze")
def freeze_clock() -> Any:
    frozen = _body().get("frozen")
    if not isinstance(frozen, bool):
        raise BadRequest("frozen must be true (hold the clock still) or false (let it run)")
    clock.freeze(frozen)
    return _clock_json()
