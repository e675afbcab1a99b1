"""Outgoing mail: plain-text UTF-8 over SMTP, or only logged when no SMTP server is configured.

A mail that cannot be sent is logged and never breaks the request that asked for it.
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger(__name__)


def send_mail(to: str, subject: str, body: str) -> bool:
    """Send one message; returns whether it left the portal."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body, charset="utf-8")
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
