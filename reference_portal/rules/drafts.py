"""Drafts (guide 3): making one, which applications may still change, and the models a new one may start from."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from reference_portal import db, messages
from reference_portal.forms import validate
from reference_portal.models import Application, JobOpening
from reference_portal.rules import implements, lookups, sections
from reference_portal.rules.statuses import Status


@implements("REQ-DRA-10", "REQ-FAQ-10")
def is_editable(application: Application) -> bool:
    """Only a draft changes: once submitted, an application's content stays as it was sent."""
    return application.status == Status.DRAFT


@implements("REQ-DRA-10")
def hold_draft(application: Application) -> bool:
    """Takes the application's row for the rest of this transaction, if it is still a draft (one conditional
    UPDATE: SQLite's write lock, PostgreSQL's row lock), so a save and « Soumettre » never interleave: a save
    after the submission is refused, a submission after the save sees what it saved."""
    session = db.session()
    session.commit()  # the lock begins a transaction of its own
    held = session.execute(
        update(Application)
        .where(Application.id == application.id, Application.status == Status.DRAFT)
        .values(status=Status.DRAFT)
    ).rowcount
    if held != 1:
        session.rollback()
        session.refresh(application)
        return False
    session.expire(application)  # what others committed before the lock, read again under it
    return True


@implements("REQ-DRA-06", "REQ-DRA-07")
def previous_applications(candidate_id: int) -> list[Application]:
    """The candidate's applications, most recently created first: the models « Reprendre une candidature
    existante ou précédente » offers, the first one by default (none: the option is unavailable)."""
    query = (
        select(Application)
        .where(Application.candidate_id == candidate_id)
        .options(selectinload(Application.opening))
        .order_by(Application.created_at.desc(), Application.id.desc())
    )
    return list(db.session().execute(query).scalars())


@implements("REQ-DRA-02", "REQ-SUB-05", "REQ-DRA-07", "REQ-OFF-02")
def new_draft(
    candidate_id: int,
    opening: JobOpening | None,
    origin: str,
    now: datetime,
    template: Application | None = None,
    values: dict[str, dict[str, object]] | None = None,
) -> Application:
    """A new draft (not yet added to the session): for an opening or none, blank, copied from a model (its
    pre-screening answers aside), or holding an offline form's values."""
    application = Application(
        candidate_id=candidate_id,
        opening_id=opening.job_id if opening else None,
        status=Status.DRAFT,
        created_at=now,
        origin=origin,
    )
    if template is not None:
        sections.copy_sections(template, application)
    for section in sections.SECTIONS:
        if values and values.get(section.key):
            sections.store(section, application, values[section.key])
    return application


def stored_application(
    candidate_id: int, opening_id: int | None, status: str, payload: dict[str, Any], now: datetime
) -> Application | str:
    """An application stored as the candidate would have left it (for the control API), or what is wrong.

    ``payload`` maps section keys to ``{field name: value}``; every value passes the pages' validation.
    """
    if status not in (Status.DRAFT, Status.APPLIED):
        return f"status must be {Status.DRAFT.value!r} or {Status.APPLIED.value!r}"
    if status == Status.APPLIED and opening_id is None:
        return "a submitted application needs an opening_id"
    by_key = {s.key: s for s in sections.SECTIONS if s.fields}
    application = Application(
        candidate_id=candidate_id,
        opening_id=opening_id,
        status=Status(status),
        created_at=now,
        submitted_at=now if status == Status.APPLIED else None,
        origin=messages.ORIGINS[0],
    )
    for key, given in payload.items():
        section = by_key.get(key)
        if section is None or not isinstance(given, dict):
            return f"sections.{key}: expected one of {', '.join(by_key)} mapped to an object of field values"
        unknown = set(given) - {f.name for f in section.fields}
        if unknown:
            return f"sections.{key}: unknown fields {', '.join(sorted(unknown))}"
        checked = validate(
            section.fields,
            {name: "" if value is None else str(value) for name, value in given.items()},
            enforce_required=False,
            current_year=now.year,
        )
        lookups.check_lookups(section.fields, checked)  # a look-up value must come from its list
        if not checked.ok:
            return f"sections.{key}: " + " ".join(checked.errors.values())
        sections.store(section, application, {n: v for n, v in checked.values.items() if n in given})
    return application
