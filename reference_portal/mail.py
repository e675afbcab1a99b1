"""Outgoing mail: plain-text UTF-8 over SMTP, or only logged when no SMTP server is configured.

Mail that an action promises (the confirmation of a submission, a recovery message) goes through the outbox
(``mail_outbox``): ``queue_mail`` adds it to the action's own transaction, so it exists exactly when the
action happened; once the request's answer has been sent the portal tries to deliver it, and a mail that could
not leave (SMTP server down) stays there and is retried later (``deliver_pending``: after each request that
queued mail, by the server's background sender, and by any request once a minute). Each row is claimed in
one conditional UPDATE before it is sent, so two senders racing never send it twice. Delivery is at least
once, not exactly once: a crash between the SMTP server's acceptance and the record of it sends the mail
again after restart, with the Message-ID stored when it was queued, by which a mail system can tell a repeat.

``send_mail`` sends at once and says whether it worked, for a page that must tell the person (« Contactez-nous »).
"""

from __future__ import annotations

import logging
import smtplib
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from flask import Flask, current_app, g, request
from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from reference_portal import clock, db
from reference_portal.after_answer import after_answer
from reference_portal.models import OutgoingMail

log = logging.getLogger(__name__)

SMTP_TIMEOUT_SECONDS = 10
# A claimed row is left alone this long by other senders: longer than one SMTP exchange can take.
CLAIM_SECONDS = 120


def _message(
    to: str,
    subject: str,
    body: str,
    reply_to: str | None,
    attachments: Sequence[tuple[str, str, bytes]],
    message_id: str | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["Message-ID"] = message_id or new_message_id()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    if reply_to:
        message["Reply-To"] = reply_to
    message.set_content(body, charset="utf-8")
    for filename, mime_type, content in attachments:
        maintype, _, subtype = mime_type.partition("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return message


def _smtp_configured() -> bool:
    config = current_app.config
    return bool(config.get("SMTP_HOST") and config.get("SMTP_PORT"))


def _transmit(message: EmailMessage) -> str | None:
    """Hands the message to the SMTP server; None when it was accepted, else what went wrong."""
    config = current_app.config
    try:
        with smtplib.SMTP(config["SMTP_HOST"], int(config["SMTP_PORT"]), timeout=SMTP_TIMEOUT_SECONDS) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        return f"{type(exc).__name__}: {exc}"[:300]
    return None


def send_mail(
    to: str,
    subject: str,
    body: str,
    *,
    reply_to: str | None = None,
    attachments: Sequence[tuple[str, str, bytes]] = (),
) -> bool:
    """Send one message now (``attachments``: filename, MIME type, content); returns whether it left the portal."""
    if not _smtp_configured():
        log.info("mail not sent (no SMTP server configured): to=%s subject=%s", to, subject)
        return False
    problem = _transmit(_message(to, subject, body, reply_to, attachments))
    if problem:
        log.error("mail to %s could not be sent: %s", to, problem)
        return False
    return True


def new_message_id() -> str:
    return make_msgid(domain=current_app.config["MAIL_FROM"].rpartition("@")[2] or "inspira.example")


def queue_mail(to: str, subject: str, body: str, *, reply_to: str | None = None) -> OutgoingMail:
    """Adds the message to the outbox in the current transaction (the caller commits); it is delivered
    after the request if the transaction was committed, and retried until it is."""
    row = OutgoingMail(to_address=to, subject=subject, body=body, reply_to=reply_to, created_at=clock.now(),
                       message_id=new_message_id())
    db.session().add(row)
    g.mail_queued = True
    return row


def _wall_clock() -> datetime:
    # Delivery is not a rule of the guide: it follows real time, not the portal's (possibly frozen) clock.
    return datetime.now(UTC)


def deliver_pending(limit: int = 50) -> int:
    """Sends what the outbox holds and is due; returns how many messages left. Safe to run from several
    threads or processes at once: a row is sent only by the sender whose claim on it succeeded."""
    if not _smtp_configured():
        return 0
    # A session of its own: the request's unfinished work is neither committed nor seen here.
    with Session(db.engine(), expire_on_commit=False) as session:
        return _deliver(session, limit)


def hold(rows: Sequence[OutgoingMail]) -> None:
    """Claims rows just queued for the request that queued them, in its transaction: no other sender takes
    them, and this request delivers them before it answers (``deliver_held``). Should it never do so, the
    claim lapses after ``CLAIM_SECONDS`` and the outbox retries them as any other."""
    until = _wall_clock() + timedelta(seconds=CLAIM_SECONDS)
    for row in rows:
        row.claimed_until = until
        row.attempts = 1
    g.pop("mail_queued", None)  # sent by ``deliver_held``, not after the answer


def deliver_held(rows: Sequence[OutgoingMail]) -> int:
    """Delivers the rows ``hold`` claimed, once committed, before the caller answers: for an answer that
    promises the mail has left (the control API's publication, after which a scenario proves no alert was
    sent for an opening by looking at the mail sink). Returns how many left; one SMTP refused stays queued."""
    if not rows or not _smtp_configured():
        return 0
    with Session(db.engine(), expire_on_commit=False) as session:
        return sum(_send_claimed(session, session.get(OutgoingMail, row.id)) for row in rows)


def _deliver(session: Session, limit: int) -> int:
    now = _wall_clock()
    unclaimed = or_(OutgoingMail.claimed_until.is_(None), OutgoingMail.claimed_until <= now)
    due = and_(OutgoingMail.sent_at.is_(None), unclaimed)
    ids = list(session.execute(select(OutgoingMail.id).where(due).order_by(OutgoingMail.id).limit(limit)).scalars())
    sent = 0
    for row_id in ids:
        claimed = session.execute(
            update(OutgoingMail)
            .where(OutgoingMail.id == row_id, due)
            .values(claimed_until=now + timedelta(seconds=CLAIM_SECONDS), attempts=OutgoingMail.attempts + 1)
        ).rowcount
        session.commit()
        if claimed != 1:
            continue  # another sender has it
        sent += _send_claimed(session, session.get(OutgoingMail, row_id, populate_existing=True))
    return sent


def _send_claimed(session: Session, row: OutgoingMail) -> bool:
    """Sends a row this sender has claimed and records the outcome; whether it left."""
    problem = _transmit(_message(row.to_address, row.subject, row.body, row.reply_to, (), row.message_id))
    if problem is None:
        row.sent_at = _wall_clock()
        row.last_error = None
    else:
        log.warning("mail %s to %s not sent yet (attempt %s): %s", row.id, row.to_address, row.attempts, problem)
        row.claimed_until = _wall_clock() + timedelta(seconds=current_app.config.get("MAIL_RETRY_SECONDS", 30))
        row.last_error = problem
    session.commit()
    return problem is None


# Under a WSGI server that runs no background sender (gunicorn), requests sweep the outbox now and then.
SWEEP_SECONDS = 60.0


def init_app(app: Flask) -> None:
    last_sweep = [time.monotonic()]

    @app.after_request
    def deliver_after_commit(response: Any) -> Any:
        """A request that queued mail and committed it: try to deliver now (what was rolled back is gone).
        Otherwise, at most once a minute per process, retry what is still waiting."""
        queued = g.pop("mail_queued", False)
        if queued or time.monotonic() - last_sweep[0] >= SWEEP_SECONDS:
            last_sweep[0] = time.monotonic()
            # Once the answer has gone out, not before: how long a request takes then says nothing of whether
            # it sent mail (« Mot de passe oublié » would otherwise tell which accounts exist by its delay).
            after_answer(response, request.environ, lambda: _deliver_in_background(app))
        return response


def _deliver_in_background(app: Flask) -> None:
    with app.app_context():
        try:
            deliver_pending()
        except Exception:  # delivery must never turn a done action into an error
            log.exception("the outbox could not be processed; its mail stays queued")


def start_background_sender(app: Flask, stop: threading.Event, interval: float = 30.0) -> threading.Thread:
    """Retries the outbox every ``interval`` seconds until ``stop`` is set (run by the portal's server)."""

    def run() -> None:
        while not stop.wait(interval):
            with app.app_context():
                try:
                    deliver_pending()
                except Exception:
                    log.exception("background mail sender: the outbox could not be processed")

    thread = threading.Thread(target=run, name="mail-outbox", daemon=True)
    thread.start()
    return thread
