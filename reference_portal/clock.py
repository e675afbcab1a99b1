"""The portal's one clock: real UTC time plus an offset stored in the database.

The offset lives in the database so that every server process (and thread) reads the same time, and the
test-control API can move it forward to check time rules (session timeout, deadlines) at their boundary.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from reference_portal import db
from reference_portal.models import ClockOffset

NEW_YORK = ZoneInfo("America/New_York")


def offset_seconds() -> float:
    row = db.session().execute(select(ClockOffset).where(ClockOffset.id == 1)).scalar_one_or_none()
    return row.offset_seconds if row else 0.0


def now() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=offset_seconds())


def advance(seconds: float) -> None:
    session = db.session()
    row = session.get(ClockOffset, 1)
    if row is None:
        row = ClockOffset(id=1, offset_seconds=0.0)
        session.add(row)
    row.offset_seconds += seconds
    session.commit()


def reset() -> None:
    session = db.session()
    row = session.get(ClockOffset, 1)
    if row is not None:
        session.delete(row)
        session.commit()


def format_date(moment: datetime | None, zone: ZoneInfo = NEW_YORK) -> str:
    """jj/mm/aaaa as a person in New York (where deadlines are set) reads it."""
    return "" if moment is None else moment.astimezone(zone).strftime("%d/%m/%Y")
