"""The portal's one clock: real UTC time plus an offset stored in the database.

The offset lives in the database so that every server process (and thread) reads the same time, and the
test-control API can move it forward to check time rules (session timeout, deadlines) at their boundary.
Started with ``CLOCK_FROZEN`` (the portal's own tests), the clock stands still from the start and again after
a reset: it moves only when it is moved, never because real work took long on a busy machine.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Flask, current_app, g, has_request_context
from sqlalchemy import select

from reference_portal import db
from reference_portal.models import ClockOffset

NEW_YORK = ZoneInfo("America/New_York")


def init_app(app: Flask) -> None:
    if app.config.get("CLOCK_FROZEN"):
        with app.app_context():
            hold_if_configured()


def hold_if_configured() -> None:
    """Under ``CLOCK_FROZEN``, holds a running clock still (where it stands: never backwards)."""
    if current_app.config.get("CLOCK_FROZEN") and not is_frozen():
        freeze(True)


def _row() -> ClockOffset | None:
    return db.session().execute(select(ClockOffset).where(ClockOffset.id == 1)).scalar_one_or_none()


def _forget() -> None:
    """Drops the request's instant (the clock was just moved)."""
    g.pop("clock_now", None)


def offset_seconds() -> float:
    row = _row()
    return row.offset_seconds if row else 0.0


def is_frozen() -> bool:
    row = _row()
    return bool(row and row.frozen_at)


def now() -> datetime:
    """The portal's time. Within a request, the same instant every time it is asked (the stored offset is
    read once, however often a page asks): what the request stores and what its page shows agree (the
    seconds left before the timeout, counted from the activity this very request records, read 1199
    instead of 1200 when rendering took half a second)."""
    if has_request_context() and "clock_now" in g:
        return g.clock_now
    row = _row()
    if row is not None and row.frozen_at is not None:
        moment = row.frozen_at
    else:
        moment = datetime.now(UTC) + timedelta(seconds=row.offset_seconds if row else 0.0)
    if has_request_context():
        g.clock_now = moment
    return moment


def _stored_row() -> ClockOffset:
    _forget()
    session = db.session()
    row = session.get(ClockOffset, 1)
    if row is None:
        row = ClockOffset(id=1, offset_seconds=0.0)
        session.add(row)
    return row


def advance(seconds: float) -> None:
    row = _stored_row()
    row.offset_seconds += seconds
    if row.frozen_at is not None:
        row.frozen_at += timedelta(seconds=seconds)
    db.session().commit()


def freeze(frozen: bool) -> None:
    """Hold the clock at its current time, or let it run again from where it stands (never backwards)."""
    current = now()
    row = _stored_row()
    if frozen:
        row.frozen_at = current
    else:
        row.offset_seconds = (current - datetime.now(UTC)).total_seconds()
        row.frozen_at = None
    db.session().commit()


def reset() -> None:
    _forget()
    session = db.session()
    row = session.get(ClockOffset, 1)
    if row is not None:
        session.delete(row)
        session.commit()
    hold_if_configured()


def format_date(moment: datetime | None, zone: ZoneInfo = NEW_YORK) -> str:
    """jj/mm/aaaa as a person in New York (where deadlines are set) reads it."""
    return "" if moment is None else moment.astimezone(zone).strftime("%d/%m/%Y")
