"""Outgoing mail: plain-text UTF-8 over SMTP, or only logged when no SMTP server is configured.

A mail that cannot be sent is logged and never breaks the request that asked for it.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger(__name__)


def send_mail(
    to: str,
    subject: str,
    body: str,
    *,
    reply_to: str | None = None,
    attachments: Sequence[tuple[str, str, bytes]] = (),
) -> bool:
    """Send one message (``attachments``: filename, MIME type, content); returns whether it left the portal."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    if reply_to:
        message["Reply-To"] = reply_to
    message.set_content(body, charset="utf-8")
    for filename, mime_type, content in attachments:
        maintype, _, subtype = mime_type.partition("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    host, port = config.get("SMTP_HOST"), config.get("SMTP_PORT")
    if not host or not port:
        log.info("mail not sent (no SMTP server configured): to=%s subject=%s", to, subject)
        return False
    try:
        with smtplib.SMTP(host, int(port), timeout=10) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException):
        log.exception("mail to %s could not be sent", to)
        return False
    return True
